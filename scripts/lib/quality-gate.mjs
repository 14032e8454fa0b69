// The quality gate `npm test` runs after the build: lint (ESLint with type-aware rules), type-checked tests,
// formatting (Prettier) and generated files that must match what the build writes. Each check prints its own
// findings; the gate answers with the names of the checks that failed.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './npm-install.mjs';
import { run } from './run-command.mjs';

/** Files the build writes from the source; committed, so a stale copy is a failure. */
export const GENERATED_FILES = [
  'services/residents/schema.graphql',
  'services/cases/schema.graphql',
  'services/partybuilding/schema.graphql',
  'services/events/schema.graphql',
  'gateway/supergraph.graphql',
  'gateway/api-schema.graphql',
  'clients/web/src/gql',
  'libs/contracts/asyncapi.json',
];

const bin = (name) => resolve(ROOT, 'node_modules/.bin', name);

/** The checks, in order; each resolves with its exit code. */
export const QUALITY_CHECKS = [
  {
    name: 'lint and type-check (ESLint, tsc over src and tests, GraphQL lint of the subgraph SDL)',
    run: () =>
      run(bin('turbo'), ['run', 'lint', 'typecheck', 'lint:schema', '--output-logs=errors-only', '--continue'], {
        cwd: ROOT,
      }),
  },
  {
    name: 'formatting (Prettier; `npm run format` fixes it)',
    run: () => run(bin('prettier'), ['--check', '--log-level=warn', '.'], { cwd: ROOT }),
  },
  {
    name: 'generated files match the build (stage them with `git add` after a schema change)',
    run: async () => {
      if (!existsSync(join(ROOT, '.git'))) {
        console.log('  (no git checkout: generated files not compared)');
        return 0;
      }
      return run('git', ['diff', '--exit-code', '--stat', '--', ...GENERATED_FILES], { cwd: ROOT });
    },
  },
  {
    name: 'no breaking change to the graph (supergraph vs the previous commit and HEAD; deprecate first)',
    run: () => run(process.execPath, [join(ROOT, 'gateway/dist/compose/check-breaking-changes.js')], { cwd: ROOT }),
  },
];

/** Runs every check (a failure does not stop the others); the names of those that failed. */
export async function runQualityGate(checks = QUALITY_CHECKS) {
  const failed = [];
  for (const check of checks) {
    console.log(`▸ quality gate: ${check.name}`);
    const code = await check.run();
    if (code !== 0) failed.push(check.name);
  }
  return failed;
}
