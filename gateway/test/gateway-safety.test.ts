import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_AUDIENCE, JWT_ISSUER, signHs256Token, type Role } from '@shequ/auth';
import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { MAX_BATCHED_OPERATIONS, QUERY_LIMITS, measureOperation } from '@shequ/server';
import type { RunningGateway } from '../src/gateway-server.js';
import { startGatewayWithoutSubgraphs } from './gateway-without-subgraphs.js';

// Everything here is decided by the gateway itself, before any subgraph is called (none runs in this test).
const SECRET = 'gateway-test-secret-0123456789abcdef';
const settings = { secret: SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE };
const apiSchema = buildSchema(readFileSync(new URL('../api-schema.graphql', import.meta.url), 'utf8'));
const token = (role: Role) =>
  signHs256Token({ sub: `t-${role}`, name: '测试', community: '350203008006', roles: [role] }, settings);

describe('gateway in production mode', () => {
  let gateway: RunningGateway;
  let url: string;
  beforeAll(async () => {
    gateway = await startGatewayWithoutSubgraphs({ NODE_ENV: 'production', SHEQU_JWT_SECRET: SECRET });
    url = `http://127.0.0.1:${gateway.http.port}/graphql`;
  });
  afterAll(() => gateway?.stop());

  const post = async (body: unknown, authorization?: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('refuses callers without a credential or with a token it cannot verify', async () => {
    expect((await post({ query: '{ __typename }' })).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await signHs256Token(
      { sub: 'x', name: 'x', community: '350203008006', roles: ['community_admin'] },
      { ...settings, secret: 'another-secret-entirely-0123456789' },
    );
    const result = await post({ query: '{ __typename }' }, `Bearer ${forged}`);
    expect(result.status).toBe(401);
    expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers introspection for community_admin only', async () => {
    const introspect = { query: '{ __schema { queryType { name } } }' };
    expect((await post(introspect, `Bearer ${await token('community_admin')}`)).body.data.__schema.queryType.name).toBe(
      'Query',
    );
    const culture = await post(introspect, `Bearer ${await token('culture')}`);
    expect(culture.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(culture.body.data).toBeUndefined();
  });

  it('gives no field suggestions and no stack traces', async () => {
    const typo = await post({ query: '{ resident(id: "1") { nam } }' }, `Bearer ${await token('culture')}`);
    expect(typo.body.errors[0].message).not.toMatch(/Did you mean|name/);
    expect(JSON.stringify(typo.body)).not.toMatch(/stacktrace|at .*\.js/);
  });

  it('applies the caller’s budget: the same query is too costly for a front end, not for an analyst', async () => {
    const query = `{ residents(first: 100) { edges { node { id eventRegistrations(first: 100) { id } } } } }`;
    const front = await post({ query }, `Bearer ${await token('grid_worker')}`);
    expect(front.body.errors[0].extensions).toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'maxCost',
      value: QUERY_LIMITS.frontEnd.maxCost,
      actual: 10_201,
    });
    const analyst = await post({ query }, `Bearer ${await token('analyst')}`);
    expect(analyst.body.errors[0].extensions.code).not.toBe('QUERY_LIMIT_EXCEEDED');
  });

  it('lets a front end’s main page through: the README’s first example at `first: 50` is within its budget', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /```graphql\n(\{\n {2}residents\(first: 3[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const page = example!.replace('residents(first: 3', 'residents(first: 50');
    const cost = measureOperation(apiSchema, parse(page)).cost;
    expect(cost).toBeLessThanOrEqual(QUERY_LIMITS.frontEnd.maxCost);
    // through the gateway: past the limits (no subgraph runs here, so the fetch itself fails)
    for (const role of ['community_admin', 'grid_worker'] as const) {
      const result = await post({ query: page }, `Bearer ${await token(role)}`);
      expect(result.body.errors.map((e: any) => e.extensions?.code)).not.toContain('QUERY_LIMIT_EXCEEDED');
    }
    // a runaway page is still refused: 100 residents, each with 100 cases and 100 registrations
    const runaway = page
      .replace('residents(first: 50', 'residents(first: 100')
      .replace('cases {', 'cases(first: 100) {')
      .replace('eventRegistrations {', 'eventRegistrations(first: 100) {');
    const refused = await post({ query: runaway }, `Bearer ${await token('community_admin')}`);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'maxCost',
      actual: measureOperation(apiSchema, parse(runaway)).cost,
    });
    expect(refused.body.errors[0].extensions.actual).toBeGreaterThan(2 * QUERY_LIMITS.frontEnd.maxCost);
  });

  it('remembers a verified token only until it expires', async () => {
    const short = await signHs256Token(
      { sub: 'short', name: '测试', community: '350203008006', roles: ['community_admin'] },
      settings,
      '6s',
    );
    const typename = { query: '{ __typename }' };
    expect((await post(typename, `Bearer ${short}`)).body.data.__typename).toBe('Query');
    expect((await post(typename, `Bearer ${short}`)).body.data.__typename).toBe('Query');
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    const expired = await post(typename, `Bearer ${short}`);
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('limits batches', async () => {
    const batch = Array.from({ length: MAX_BATCHED_OPERATIONS + 1 }, () => ({ query: '{ __typename }' }));
    const over = await post(batch, `Bearer ${await token('community_admin')}`);
    expect(over.body.errors[0].extensions).toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'maxBatchedOperations',
      actual: MAX_BATCHED_OPERATIONS + 1,
    });
    const ok = await post(batch.slice(1), `Bearer ${await token('community_admin')}`);
    expect(ok.body.map((r: any) => r.data.__typename)).toEqual(Array(MAX_BATCHED_OPERATIONS).fill('Query'));
  });

  it.each([
    ['an inline fragment', '{ ... on Query { __schema { queryType { name } } } }'],
    ['a named fragment', '{ ...S } fragment S on Query { __type(name: "Resident") { fields { name } } }'],
  ])('refuses introspection inside %s to other roles', async (_what, query) => {
    const culture = await post({ query }, `Bearer ${await token('culture')}`);
    expect(culture.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(culture.body.data).toBeUndefined();
  });

  it('answers an invalid API key with UNAUTHENTICATED before anything else', async () => {
    for (const authorization of ['ApiKey not-a-key', `ApiKey shq_0123456789abcdef_${'x'.repeat(43)}`]) {
      for (const query of ['{ __typename }', '{ __schema { queryType { name } } }']) {
        const result = await post({ query }, authorization);
        expect(result.status).toBe(401);
        expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(result.body.data).toBeUndefined();
      }
    }
  });

  it('refuses tokens without exp or living longer than the maximum', async () => {
    const long = await signHs256Token(
      { sub: 'x', name: 'x', community: '350203008006', roles: ['community_admin'] },
      settings,
      '30d',
    );
    const result = await post({ query: '{ __typename }' }, `Bearer ${long}`);
    expect(result.body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(result.body.errors[0].message).toMatch(/上限/);
  });

  it('counts aliased __typename towards the alias limit', async () => {
    const query = `{ ${Array.from({ length: 200 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const result = await post({ query }, `Bearer ${await token('community_admin')}`);
    expect(result.body.errors[0].extensions).toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'maxAliases',
      actual: 200,
    });
    expect(result.body.data).toBeUndefined();
  });

  it('keeps 1 MiB for every request but the district import', async () => {
    const padding = 'x'.repeat(1024 * 1024);
    const other = await post(
      { query: '{ __typename }', variables: { padding } },
      `Bearer ${await token('community_admin')}`,
    );
    expect(other.status).toBe(413);
    expect(other.body.errors[0].extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', value: 1024 * 1024 });
    const importing = await post(
      {
        query: 'mutation($input: ImportResidentsInput!) { importResidents(input: $input) { created } }',
        variables: { input: { format: 'CSV', content: padding } },
      },
      `Bearer ${await token('community_admin')}`,
    );
    expect(importing.status).not.toBe(413);
  });

  it('names the field of a bad variable in Chinese, without suggestions', async () => {
    const result = await post(
      {
        query: 'query($f: ResidentFilter) { residents(first: 1, filter: $f) { totalCount } }',
        variables: { f: { gridld: 'G1' } },
      },
      `Bearer ${await token('community_admin')}`,
    );
    expect(result.body.errors[0]).toMatchObject({
      message: '输入无效：f.gridld：不是该输入类型的字段',
      extensions: { code: 'BAD_USER_INPUT', field: 'f.gridld' },
    });
    expect(JSON.stringify(result.body)).not.toMatch(/Did you mean|gridId/);
  });

  it('names the field of a bad literal in Chinese too: left out, not of the type, not an enum value', async () => {
    const cases: Array<[string, string, string]> = [
      [
        'mutation { moveResident(input: { residentId: "r", householdId: "h" }) { resident { id } } }',
        'movedInOn',
        '必填',
      ],
      [
        'mutation { moveResident(input: { residentId: "r", householdId: "h", movedInOn: "2026-12-01", fooBar: 1 }) { resident { id } } }',
        'fooBar',
        '不是该输入类型的字段',
      ],
      ['{ residents(first: 1, filter: { gender: MAL }) { totalCount } }', 'gender', '不是可选值'],
      ['{ residents(first: 1, filter: { gender: "MALE" }) { totalCount } }', 'gender', '不是可选值'],
      ['mutation { moveResident { resident { id } } }', 'input', '必填'],
      // an item of a list is named by the list's field (it was the placeholder «value»)
      [
        '{ communityEvents(first: 1, filter: { statuses: [OPEN, PUBLISHED] }) { totalCount } }',
        'statuses',
        '不是可选值',
      ],
      ['{ communityEvents(first: 1, filter: { types: ["GALA"] }) { totalCount } }', 'types', '不是可选值'],
    ];
    for (const [query, field, reason] of cases) {
      const result = await post({ query }, `Bearer ${await token('community_admin')}`);
      expect(result.body.errors[0], query).toMatchObject({
        message: `输入无效：${field}：${reason}`,
        extensions: { code: 'BAD_USER_INPUT', field },
      });
      expect(JSON.stringify(result.body)).not.toMatch(/Did you mean|MALE|FEMALE/);
    }
  });

  it('words mistakes of a query’s shape and syntax in Chinese, naming what the caller wrote', async () => {
    const cases: Array<[string, string, string]> = [
      ['{ resident(id: "1") { nam } }', 'GRAPHQL_VALIDATION_FAILED', '查询有误：类型 Resident 没有字段 nam'],
      [
        '{ residents(frist: 1) { totalCount } }',
        'GRAPHQL_VALIDATION_FAILED',
        '查询有误：字段 Query.residents 没有参数 frist',
      ],
      ['{ residents(first: 1) }', 'GRAPHQL_VALIDATION_FAILED', '须选择子字段'],
      ['{ residents(first: 1) { totalCount { x } } }', 'GRAPHQL_VALIDATION_FAILED', '没有子字段，不能再选择'],
      ['query($g: ID) { residents(first: 1) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED', '变量 $g 未被使用'],
      [
        '{ residents(first: 1) { totalCount }',
        'GRAPHQL_PARSE_FAILED',
        '查询语法错误（第 1 行第 37 列）：此处应为 Name，实际为 <EOF>',
      ],
    ];
    for (const [query, code, words] of cases) {
      const result = await post({ query }, `Bearer ${await token('community_admin')}`);
      expect(result.body.errors[0].extensions.code, query).toBe(code);
      expect(result.body.errors[0].message, query).toContain(words);
      expect(result.body.errors[0].message, query).not.toMatch(/[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}|Did you mean/);
    }
  });
});

// Apollo Server adds `extensions.stacktrace` to every error outside NODE_ENV=production: anyone walking `npm start`
// read the gateway's files and call paths. No answer of the gateway carries one, in any mode.
describe('gateway in development mode (npm start)', () => {
  let gateway: RunningGateway;
  let url: string;
  beforeAll(async () => {
    gateway = await startGatewayWithoutSubgraphs({ SHEQU_JWT_SECRET: SECRET });
    url = `http://127.0.0.1:${gateway.http.port}/graphql`;
  });
  afterAll(() => gateway?.stop());

  it('answers mistakes, refusals and unreachable subgraphs without stack traces', async () => {
    const authorization = `Bearer ${await token('community_admin')}`;
    const answers = [];
    for (const [body, auth] of [
      [{ query: '{ resident(id: "1") { nam } }' }, authorization],
      [{ query: 'query($id: ID!) { resident(id: $id) { name } }', variables: {} }, authorization],
      [{ query: '{ resident(id: "1") { name } }' }, undefined],
      // no subgraph listens on port 9: the gateway's own error for the fetch
      [{ query: '{ resident(id: "1") { name } }' }, authorization],
    ] as const) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify(body),
      });
      answers.push(await response.text());
    }
    for (const text of answers) {
      expect(JSON.parse(text).errors.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/stacktrace|\.(ts|js):\d+/);
    }
  });
});
