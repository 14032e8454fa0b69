import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Kind, buildSchema, parse, validate } from 'graphql';
import { loadSavedQueries, parseSavedQuery } from '../src/saved-queries.js';

const apiSchema = buildSchema(readFileSync(new URL('../api-schema.graphql', import.meta.url), 'utf8'));

describe('the analysts’ saved queries (gateway/saved-queries)', () => {
  const saved = loadSavedQueries();

  it('covers the statistics analysts ask for, each with a Chinese title', () => {
    expect(saved.length).toBeGreaterThanOrEqual(5);
    for (const query of saved) expect(query.title).toMatch(/[\u4e00-\u9fff]/);
    const titles = saved.map((q) => q.title).join(' ');
    for (const topic of ['网格', '年龄段', '低保', '超期', '三会一课', '活动']) expect(titles).toContain(topic);
  });

  it.each(saved.map((q) => [q.name, q] as const))('%s is valid against the supergraph’s API schema', (_name, query) => {
    expect(validate(apiSchema, parse(query.document)).map((e) => e.message)).toEqual([]);
    const declared = parse(query.document).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION ? (d.variableDefinitions ?? []).map((v) => v.variable.name.value) : [],
    );
    for (const variable of Object.keys(query.variables)) expect(declared).toContain(variable);
  });

  it('marks the registers of people and cases with the export permission they need', () => {
    const permissionOf = (name: string) => saved.find((q) => q.name === name)?.exportPermission;
    expect(permissionOf('resident-register')).toBe('residents:export');
    expect(permissionOf('case-register')).toBe('cases:export');
    expect(permissionOf('overdue-cases-by-department')).toBeNull();
    expect(() => parseSavedQuery('x', '# 标题：甲\n# 权限：residents:read\nquery A { __typename }')).toThrow(/export/);
  });

  it('refuses a document without a title, with two operations or with a mutation', () => {
    expect(() => parseSavedQuery('x', 'query A { __typename }')).toThrow(/标题/);
    expect(() => parseSavedQuery('x', '# 标题：甲\nquery A { __typename } query B { __typename }')).toThrow(/one/);
    expect(() => parseSavedQuery('x', '# 标题：甲\nmutation A { __typename }')).toThrow(/only queries/);
  });
});
