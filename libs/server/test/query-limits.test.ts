import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { pino } from 'pino';
import {
  DEFAULT_LIST_COST,
  UNPAGED_LIST_COST,
  MAX_BATCHED_OPERATIONS,
  MAX_INPUT_LIST_ITEMS,
  MAX_EXPANDED_SELECTIONS,
  checkInputLists,
  oversizedInputList,
  QUERY_LIMITS,
  checkQueryLimits,
  measureOperation,
  isStandardIntrospectionQuery,
  querySafetyPlugin,
  startHttpService,
  type RunningHttpService,
} from '../src/index.js';

const typeDefs = `
  type Query { people(first: Int): PersonConnection! person(id: ID!): Person tags: [String!]! hello: String! draw(count: Int!): [Person]! }
  type PersonConnection { totalCount: Int! edges: [PersonEdge!]! }
  type PersonEdge { node: Person! }
  type Person { id: ID! name: String! friend: Person friends: [Person!]! }
`;
const schema = buildSchema(typeDefs);
const measure = (query: string, variables: Record<string, unknown> = {}) =>
  measureOperation(schema, parse(query), undefined, variables);
const nested = (levels: number) =>
  `{ person(id: "1") { ${'friend { '.repeat(levels - 2)}name${' }'.repeat(levels - 2)} } }`;
const aliased = (count: number) =>
  `{ person(id: "1") { ${Array.from({ length: count }, (_, i) => `n${i}: name`).join(' ')} } }`;
const roots = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => (i === 0 ? 'hello' : `h${i}: hello`)).join(' ')} }`;

describe('measureOperation', () => {
  it('counts depth, aliases and root fields, through fragments', () => {
    expect(measure(nested(5))).toMatchObject({ depth: 5, rootFields: 1, aliases: 0 });
    expect(
      measure(
        'query { a: hello b: hello ...F } fragment F on Query { person(id: "1") { __typename ... on Person { name } } }',
      ),
    ).toMatchObject({
      depth: 2,
      aliases: 2,
      rootFields: 3,
    });
  });

  it('charges lists their page size: `first`, a variable, or the default when absent', () => {
    // objects cost 1 each, scalars nothing: 1 connection + 50 × (edge + node)
    expect(measure('{ people(first: 50) { edges { node { name } } } }').cost).toBe(1 + 50 * (1 + 1));
    expect(measure('query($n: Int) { people(first: $n) { edges { node { id } } } }', { n: 7 }).cost).toBe(1 + 7 * 2);
    expect(measure('query($n: Int = 90) { people(first: $n) { edges { node { id } } } }').cost).toBe(1 + 90 * 2);
    expect(measure('query($n: Int) { people(first: $n) { edges { node { id } } } }').cost).toBe(
      1 + DEFAULT_LIST_COST * 2,
    );
    expect(measure('{ people { edges { node { friends { name } } } } }').cost).toBe(
      1 + DEFAULT_LIST_COST * (1 + 1 + UNPAGED_LIST_COST * 1),
    );
    expect(measure('{ _entities(representations: [{}, {}, {}]) { __typename } hello }').cost).toBe(3);
    expect(
      measure('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{}, {}, {}, {}] }).cost,
    ).toBe(4);
    expect(measure('{ __schema { types { name fields { name type { ofType { name } } } } } }')).toMatchObject({
      cost: 0,
      depth: 6,
      rootFields: 1,
    });
  });

  it('charges a list sized by a `count` argument (a random draw of residents) that many objects, not 10', () => {
    expect(measure('{ draw(count: 100) { friends { name } } }').cost).toBe(100 * (1 + UNPAGED_LIST_COST));
    expect(measure('query($c: Int!) { draw(count: $c) { id } }', { c: 60 }).cost).toBe(60);
    expect(measure('{ draw(count: 3) { id } }').cost).toBe(3);
  });

  it('counts a connection’s page-level fields once, not once per row; scalars come with their object', () => {
    // totalCount is one number however large the page; pageInfo one object
    expect(measure('{ people(first: 100) { totalCount } }').cost).toBe(1);
    expect(measure('{ people(first: 100) { totalCount edges { node { id name } } } }').cost).toBe(1 + 100 * 2);
    // a friend of each row is an object of its own
    expect(measure('{ people(first: 100) { edges { node { id friend { name } } } } }').cost).toBe(1 + 100 * 3);
  });

  it('measures each document once: the same document with other variables is measured again for its cost', () => {
    const document = parse('query($n: Int) { people(first: $n) { edges { node { id } } } }');
    expect(measureOperation(schema, document, undefined, { n: 10 }).cost).toBe(21);
    expect(measureOperation(schema, document, undefined, { n: 100 }).cost).toBe(201);
    expect(measureOperation(schema, document, undefined, { n: 10 }).cost).toBe(21);
  });

  it('counts aliased __typename towards the alias limit', () => {
    const typenames = `{ ${Array.from({ length: 200 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect(measure(typenames).aliases).toBe(200);
    expect(checkQueryLimits(measure(typenames), QUERY_LIMITS.frontEnd)?.extensions).toMatchObject({
      limit: 'maxAliases',
      actual: 200,
    });
  });

  it('holds introspection to the depth limit, also through fragments', () => {
    const deep = `{ __schema { types { ...T } } } fragment T on __Type { fields { type { ${'ofType { '.repeat(12)}name${' }'.repeat(12)} } } }`;
    expect(checkQueryLimits(measure(deep), QUERY_LIMITS.frontEnd)?.extensions).toMatchObject({ limit: 'maxDepth' });
    // graphql-js's standard introspection query (fixed, 15 levels of ofType) is the one exemption
    expect(measure(getIntrospectionQuery()).depth).toBe(15);
    expect(isStandardIntrospectionQuery(parse(getIntrospectionQuery()))).toBe(true);
    expect(isStandardIntrospectionQuery(parse(deep))).toBe(false);
  });
});

describe('each limit: just under passes, just over is rejected naming the limit, its value and the figure', () => {
  const limits = QUERY_LIMITS.frontEnd;
  const cases: Array<[string, (n: number) => string, number]> = [
    ['maxDepth', nested, limits.maxDepth],
    ['maxAliases', aliased, limits.maxAliases],
    ['maxRootFields', roots, limits.maxRootFields],
    ['maxCost', (n) => `{ people(first: ${n - 1}) { edges { __typename } } }`, limits.maxCost],
  ];
  it.each(cases)('%s', (limit, build, value) => {
    expect(checkQueryLimits(measure(build(value)), limits)).toBeNull();
    const error = checkQueryLimits(measure(build(value + 1)), limits);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit, value, actual: value + 1 });
    expect(error?.message).toContain(`${value + 1}`);
  });

  it('gives analysts a larger, bounded, cost budget', () => {
    const big = measure(`{ people(first: ${QUERY_LIMITS.frontEnd.maxCost}) { totalCount edges { __typename } } }`);
    expect(checkQueryLimits(big, QUERY_LIMITS.frontEnd)).not.toBeNull();
    expect(checkQueryLimits(big, QUERY_LIMITS.analyst)).toBeNull();
    expect(
      checkQueryLimits(
        measure(`{ people(first: ${QUERY_LIMITS.analyst.maxCost}) { totalCount edges { __typename } } }`),
        QUERY_LIMITS.analyst,
      )?.extensions?.limit,
    ).toBe('maxCost');
  });
});

describe('querySafetyPlugin over HTTP', () => {
  type Ctx = { role: string };
  const resolvers = {
    Query: { hello: () => '你好', tags: () => [], people: () => ({ totalCount: 0, edges: [] }), person: () => null },
  };
  let production: RunningHttpService;
  let base: string;

  beforeAll(async () => {
    production = await startHttpService<Ctx>({
      service: 'test',
      port: 0,
      apollo: new ApolloServer<Ctx>({
        typeDefs,
        resolvers,
        introspection: true,
        allowBatchedHttpRequests: true,
        hideSchemaDetailsFromClientErrors: true,
        includeStacktraceInErrorResponses: false,
        plugins: [
          querySafetyPlugin<Ctx>({
            production: true,
            budgetOf: (c) => (c.role === 'analyst' ? 'analyst' : 'frontEnd'),
            mayIntrospect: (c) => c.role === 'community_admin',
          }),
        ],
      }),
      logger: pino({ level: 'silent' }),
      context: async (request) => ({ role: String(request.headers['x-test-role'] ?? 'culture') }),
    });
    base = `http://127.0.0.1:${production.port}/graphql`;
  });
  afterAll(() => production?.close());

  const post = async (body: unknown, role = 'culture') =>
    (
      await fetch(base, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test-role': role },
        body: JSON.stringify(body),
      })
    ).json() as Promise<any>;

  it('rejects an operation over the budget of its caller and runs one within it', async () => {
    const over = await post({
      query: `{ people(first: ${QUERY_LIMITS.frontEnd.maxCost}) { totalCount edges { __typename } } }`,
    });
    expect(over.errors[0].extensions).toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'maxCost',
      value: QUERY_LIMITS.frontEnd.maxCost,
    });
    expect(
      (
        await post(
          { query: `{ people(first: ${QUERY_LIMITS.frontEnd.maxCost}) { totalCount edges { __typename } } }` },
          'analyst',
        )
      ).data.people.totalCount,
    ).toBe(0);
  });

  it(`takes up to ${MAX_BATCHED_OPERATIONS} operations in one batch`, async () => {
    const ok = await post(Array.from({ length: MAX_BATCHED_OPERATIONS }, () => ({ query: '{ hello }' })));
    expect(ok).toHaveLength(MAX_BATCHED_OPERATIONS);
    const over = await post(Array.from({ length: MAX_BATCHED_OPERATIONS + 1 }, () => ({ query: '{ hello }' })));
    expect(over.errors[0].extensions).toEqual({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'maxBatchedOperations',
      value: MAX_BATCHED_OPERATIONS,
      actual: MAX_BATCHED_OPERATIONS + 1,
    });
  });

  it('in production: introspection only for community_admin, no field suggestions', async () => {
    const refused = await post({ query: '{ __schema { queryType { name } } }' });
    expect(refused.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(
      (await post({ query: '{ __schema { queryType { name } } }' }, 'community_admin')).data.__schema.queryType.name,
    ).toBe('Query');
    const typo = await post({ query: '{ helo }' });
    expect(typo.errors[0].message).not.toMatch(/Did you mean/);
    expect(typo.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it.each([
    ['an inline fragment', '{ ... on Query { __schema { queryType { name } } } }'],
    ['a named fragment', '{ ...S } fragment S on Query { __type(name: "Person") { name } }'],
    ['a nested fragment', '{ ... on Query { ...S } } fragment S on Query { t: __schema { types { name } } }'],
  ])('in production: introspection inside %s is refused too', async (_what, query) => {
    const refused = await post({ query });
    expect(refused.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(refused.data).toBeUndefined();
  });

  it('lets community_admin run the standard introspection query, but no other deeper one', async () => {
    const standard = await post({ query: getIntrospectionQuery() }, 'community_admin');
    expect(standard.data.__schema.queryType.name).toBe('Query');
    const deep = `{ __schema { types { fields { type { ${'ofType { '.repeat(12)}name${' }'.repeat(12)} } } } } }`;
    const refused = await post({ query: deep }, 'community_admin');
    expect(refused.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxDepth' });
  });
});

describe('input lists: at most MAX_INPUT_LIST_ITEMS items, wherever they are', () => {
  const doc = parse(
    'query($ids: [ID!], $f: Filter) { a: list(ids: $ids) b: list(filter: $f) c: list(ids: ["1", "2"]) _entities(representations: $reps) { __typename } }',
  );
  it('finds an oversized list in a variable, nested in an input object, or written in the document', () => {
    const many = Array.from({ length: MAX_INPUT_LIST_ITEMS + 1 }, (_, i) => String(i));
    expect(oversizedInputList(doc, { ids: many })).toEqual({ field: 'ids', items: MAX_INPUT_LIST_ITEMS + 1 });
    expect(oversizedInputList(doc, { f: { tags: { any: many } } })).toEqual({
      field: 'filter.tags.any',
      items: MAX_INPUT_LIST_ITEMS + 1,
    });
    const literal = parse(`{ list(ids: [${many.map((i) => `"${i}"`).join(', ')}]) }`);
    expect(oversizedInputList(literal, {})).toEqual({ field: 'ids', items: MAX_INPUT_LIST_ITEMS + 1 });
    const defaulted = parse(`query($ids: [ID!] = [${many.join(', ')}]) { list(ids: $ids) }`);
    expect(oversizedInputList(defaulted, {})?.field).toBe('$ids');
    expect(oversizedInputList(doc, { ids: many.slice(1) })).toBeNull();
  });

  it('walks a variable nested 100,000 deep without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(oversizedInputList(doc, { ids: deep })).toBeNull();
  });

  it('leaves the gateway’s entity fetches to the cost limit', () => {
    const reps = Array.from({ length: 5000 }, (_, i) => ({ __typename: 'Resident', id: String(i) }));
    expect(oversizedInputList(doc, { reps })).toBeNull();
  });

  it('throws QUERY_LIMIT_EXCEEDED naming the list', () => {
    const many = Array.from({ length: 2000 }, () => 'x');
    expect(() => checkInputLists(doc, { ids: many })).toThrowError(/输入列表「ids」的项数 2000 超过上限 1000/);
  });
});

describe('fragments spread into each other', () => {
  // twenty fragments each spreading the next twice: a kilobyte that expands to a million selections
  const doubling = (levels: number) => {
    let doc = '{ ...F0 }\n';
    for (let i = 0; i < levels; i++) doc += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }\n`;
    return `${doc}fragment F${levels} on Query { hello }`;
  };

  it(`are refused once they expand beyond ${MAX_EXPANDED_SELECTIONS} selections, without expanding the rest`, () => {
    const started = performance.now();
    let refused: unknown;
    try {
      measure(doubling(24));
    } catch (error) {
      refused = error;
    }
    expect(performance.now() - started).toBeLessThan(1000);
    expect(refused).toMatchObject({
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxExpandedSelections', value: MAX_EXPANDED_SELECTIONS },
    });
    // a few levels are measured as before
    expect(measure(doubling(3)).rootFields).toBe(8);
  });
});
