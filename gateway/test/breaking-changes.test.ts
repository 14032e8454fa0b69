import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { apiSchemaOf, breakingChanges, violations } from '../src/compose/breaking-changes.js';
import { checkSupergraph } from '../src/compose/check-breaking-changes.js';

const OLD = `
  type Query {
    cases(first: Int, status: CaseStatus, legacyFilter: String @deprecated(reason: "用 status")): [Case!]!
    case(id: ID!): Case
  }
  type Case {
    id: ID!
    number: String!
    title: String @deprecated(reason: "用 number")
    priority: Int!
  }
  enum CaseStatus {
    RECEIVED
    ASSIGNED
    ARCHIVED @deprecated(reason: "不再使用")
  }
  input CaseFilter {
    status: CaseStatus
    legacy: String @deprecated(reason: "不再使用")
  }
`;

/** Violations (non-deprecated breaking changes) between OLD and OLD with `edit` applied. */
async function failing(edit: (sdl: string) => string): Promise<string[]> {
  const after = edit(OLD);
  expect(after).not.toBe(OLD); // the edit did something
  const changes = await breakingChanges(buildSchema(OLD), buildSchema(after));
  return violations(changes).map((c) => c.path);
}

describe('breaking changes of the graph', () => {
  it('a field removal fails', async () => {
    expect(await failing((s) => s.replace('priority: Int!', ''))).toEqual(['Case.priority']);
  });

  it('removing a field deprecated in the old version passes', async () => {
    expect(await failing((s) => s.replace('title: String @deprecated(reason: "用 number")', ''))).toEqual([]);
  });

  it('a field type change fails, also of an argument', async () => {
    expect(await failing((s) => s.replace('priority: Int!', 'priority: String!'))).toEqual(['Case.priority']);
    expect(await failing((s) => s.replace('case(id: ID!)', 'case(id: Int!)'))).toEqual(['Query.case.id']);
  });

  it('an argument removal fails unless the argument was deprecated', async () => {
    expect(await failing((s) => s.replace('first: Int, ', ''))).toEqual(['Query.cases.first']);
    expect(await failing((s) => s.replace(', legacyFilter: String @deprecated(reason: "用 status")', ''))).toEqual([]);
  });

  it('an enum value removal fails unless the value was deprecated', async () => {
    expect(await failing((s) => s.replace('    ASSIGNED\n', ''))).toEqual(['CaseStatus.ASSIGNED']);
    expect(await failing((s) => s.replace('ARCHIVED @deprecated(reason: "不再使用")', ''))).toEqual([]);
  });

  it('an input field removal fails unless it was deprecated', async () => {
    expect(await failing((s) => s.replace('    status: CaseStatus\n    legacy', '    legacy'))).toEqual([
      'CaseFilter.status',
    ]);
    expect(await failing((s) => s.replace('legacy: String @deprecated(reason: "不再使用")', ''))).toEqual([]);
  });

  it('an output field becoming nullable is dangerous, not breaking; an argument or input becoming required fails', async () => {
    expect(await failing((s) => s.replace('priority: Int!', 'priority: Int'))).toEqual([]);
    expect(await failing((s) => s.replace('[Case!]!', '[Case!]'))).toEqual([]);
    expect(await failing((s) => s.replace('[Case!]!', '[Case]'))).toEqual([]);
    const changes = await breakingChanges(buildSchema(OLD), buildSchema(OLD.replace('[Case!]!', '[Case]')));
    expect(changes.map((c) => [c.path, c.nullableOnly])).toEqual([['Query.cases', true]]);
    // not a loosening: another type, or the other way round
    expect(await failing((s) => s.replace('priority: Int!', 'priority: [Int]'))).toEqual(['Case.priority']);
    expect(await failing((s) => s.replace('case(id: ID!)', 'case(id: ID!, at: String!)'))).toEqual(['Query.case.at']);
  });

  it('additions pass', async () => {
    expect(await failing((s) => s.replace('priority: Int!', 'priority: Int!\n    note: String'))).toEqual([]);
    expect(await failing((s) => s.replace('    ASSIGNED\n', '    ASSIGNED\n    CLOSED\n'))).toEqual([]);
    expect(await failing((s) => s.replace('case(id: ID!)', 'case(id: ID!, at: String)'))).toEqual([]);
  });

  it('compares the API schema of the real supergraph (no join__ machinery)', async () => {
    const sdl = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
    const api = apiSchemaOf(sdl);
    expect(api.getType('join__Graph')).toBeUndefined();
    expect(await breakingChanges(api, api)).toEqual([]);
  });
});

describe('the gate check against git history', () => {
  const supergraph = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
  const withoutAssigned = supergraph.replace('  """分派"""\n  ASSIGNED @join__enumValue(graph: CASES)\n\n', '');
  const repo = mkdtempSync(join(tmpdir(), 'supergraph-check-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@shequ.example', ...args], { cwd: repo });
  const write = (sdl: string) => writeFileSync(join(repo, 'gateway/supergraph.graphql'), sdl);

  it('fails on a breaking change vs the previous commit and vs HEAD in the working tree', async () => {
    expect(withoutAssigned).not.toBe(supergraph);
    mkdirSync(join(repo, 'gateway'));
    git('init', '-q');
    write(supergraph);
    git('add', '.');
    git('commit', '-qm', 'v1');
    expect((await checkSupergraph(repo)).skipped).toEqual(['HEAD^1']);

    write(withoutAssigned); // uncommitted: compared with HEAD^1 (absent) and HEAD
    const uncommitted = await checkSupergraph(repo);
    expect(uncommitted.comparisons.map((c) => [c.against, violations(c.changes).map((v) => v.path)])).toEqual([
      ['HEAD', ['CaseStatus.ASSIGNED']],
    ]);

    git('commit', '-qam', 'v2 removes CaseStatus.ASSIGNED');
    const committed = await checkSupergraph(repo);
    expect(committed.comparisons.map((c) => [c.against, violations(c.changes).map((v) => v.path)])).toEqual([
      ['HEAD^1', ['CaseStatus.ASSIGNED']],
    ]);
  });
});
