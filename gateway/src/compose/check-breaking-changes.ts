import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiSchemaOf, breakingChanges, violations, type SchemaChange } from './breaking-changes.js';

const SUPERGRAPH = 'gateway/supergraph.graphql';

/** The supergraph as committed at a git revision, or null when the revision or the file does not exist. */
export function supergraphAt(revision: string, cwd: string): string | null {
  try {
    return execFileSync('git', ['show', `${revision}:${SUPERGRAPH}`], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return null;
  }
}

/** One comparison of the check: an older version of the supergraph against the current file. */
export interface Comparison {
  against: string;
  changes: SchemaChange[];
}

/**
 * Compares the current supergraph with the previous commit's (first parent, `HEAD^1`) and, when the working
 * tree changed it, with `HEAD`'s. A comparison is skipped when git has no such version (first commit,
 * shallow clone without history).
 */
export async function checkSupergraph(root: string): Promise<{ comparisons: Comparison[]; skipped: string[] }> {
  const current = readFileSync(new URL(SUPERGRAPH, `file://${root.endsWith('/') ? root : `${root}/`}`), 'utf8');
  const comparisons: Comparison[] = [];
  const skipped: string[] = [];
  const head = supergraphAt('HEAD', root);
  const revisions: [string, string | null][] = [['HEAD^1', supergraphAt('HEAD^1', root)]];
  if (head !== current) revisions.push(['HEAD', head]);
  for (const [against, previous] of revisions) {
    if (previous === null) {
      skipped.push(against);
      continue;
    }
    if (previous === current) {
      comparisons.push({ against, changes: [] });
      continue;
    }
    comparisons.push({ against, changes: await breakingChanges(apiSchemaOf(previous), apiSchemaOf(current)) });
  }
  return { comparisons, skipped };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const { comparisons, skipped } = await checkSupergraph(root);
  let failed = 0;
  for (const against of skipped) console.log(`  ${SUPERGRAPH}: no version at ${against}, not compared`);
  for (const { against, changes } of comparisons) {
    const bad = violations(changes);
    failed += bad.length;
    for (const change of changes.filter((c) => c.wasDeprecated))
      console.log(`  allowed (deprecated first), vs ${against}: ${change.message}`);
    for (const change of changes.filter((c) => c.nullableOnly && !c.wasDeprecated))
      console.log(`  dangerous, allowed (clients must handle null), vs ${against}: ${change.message}`);
    for (const change of bad) console.error(`  BREAKING vs ${against}: ${change.message} [${change.type}]`);
    if (bad.length === 0) console.log(`  ${SUPERGRAPH}: no breaking change vs ${against}`);
  }
  if (failed > 0) {
    console.error(
      `${failed} breaking change(s) to the graph: deprecate the element first (@deprecated / ` +
        'type-graphql `deprecationReason`), remove it in a later commit',
    );
    process.exit(1);
  }
}
