import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { startHttpService, type RunningHttpService } from '@shequ/server';
import { buildSchema, GraphQLError, GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { PlainAnswerCounts, plainAnswersPlugin } from '../src/plain-answers.js';

const SDL = `
  enum Dimension { GRID BUILDING }
  type Key { dimension: Dimension! value: String! label: String! }
  scalar Odd
  type Group { keys: [Key!]! count: Int suppressed: String share: Float odd: Odd flag: Boolean }
  type Statistics { total: Int first: Key groups: [Group!]! }
  type Query {
    statistics(
      groupBy: [Dimension!]!
      failing: Boolean
      shared: Boolean
      groups: Int
      broken: Boolean
      iterable: Boolean
    ): Statistics
    other: String
  }
`;

/** A schema whose nested fields have resolvers that count their calls (type-graphql gives every field one). */
function schemaCounting(): { schema: GraphQLSchema; nestedCalls: () => number } {
  const schema = buildSchema(SDL);
  let calls = 0;
  for (const typeName of ['Key', 'Group', 'Statistics']) {
    const type = schema.getType(typeName) as import('graphql').GraphQLObjectType;
    for (const field of Object.values(type.getFields()))
      field.resolve = (source: Record<string, unknown>) => {
        calls += 1;
        return source[field.name];
      };
  }
  const query = schema.getQueryType()!.getFields();
  // a scalar whose JSON needs escaping, a nested value, a date (toJSON); it cannot serialize -1 (graphql-js reports it)
  const odd = schema.getType('Odd') as GraphQLScalarType;
  odd.serialize = (value: unknown) => {
    if (value === -1) throw new GraphQLError('Odd cannot represent -1');
    return value;
  };
  query.statistics.resolve = (
    _source,
    args: {
      groupBy: string[];
      failing?: boolean;
      shared?: boolean;
      groups?: number;
      broken?: boolean;
      iterable?: boolean;
    },
  ) => {
    if (args.failing) throw new GraphQLError('无权统计', { extensions: { code: 'FORBIDDEN' } });
    // shared: one key object per dimension and value, shared by the groups (as cases' keyer and party's keys do)
    const keys = new Map<string, { dimension: string; value: string; label: string }>();
    const keyOf = (dimension: string, i: number) => {
      const value = `${dimension}-${i}`;
      let key = args.shared ? keys.get(value) : undefined;
      if (!key) keys.set(value, (key = { dimension, value, label: `${i}号` }));
      return key;
    };
    const groups = Array.from({ length: args.groups ?? 3 }, (_, i) => ({
      // shared keys: the first dimension's value changes every 2 groups, the others' every group
      keys: args.groupBy.map((dimension, d) => keyOf(dimension, args.shared ? (d === 0 ? i >> 1 : i % 2) : i)),
      count: i === 1 ? null : i * 10,
      suppressed: i === 1 ? '少于阈值' : null,
      share: [0.1, -0, 1e21, 1 / 3, 2.5e-7, 7][i % 6],
      odd:
        args.broken && i === 2
          ? -1
          : [null, 'a "quoted"\n\u2028 \\ 莲秀 \u0000', { n: [1, null, true] }, new Date(0)][i % 4],
      flag: i % 3 === 0 ? true : i % 3 === 1 ? false : null,
    }));
    // iterable: the groups as a list made as it is read (libs/auth `crossTableGroupList`), not an array
    const list = args.iterable
      ? {
          length: groups.length,
          *[Symbol.iterator]() {
            yield* groups;
          },
        }
      : groups;
    return { total: 20, first: groups[0]?.keys[0] ?? null, groups: list };
  };
  query.other.resolve = () => 'other';
  return { schema, nestedCalls: () => calls };
}

async function answer(server: ApolloServer, query: string, variables?: Record<string, unknown>) {
  const response = await server.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('incremental');
  return JSON.parse(JSON.stringify(response.body.singleResult)) as Record<string, unknown>;
}

describe('plain answers (large statistics answers copied along the selections, not executed field by field)', () => {
  const queries: Array<[string, string, Record<string, unknown>?]> = [
    [
      'the whole answer',
      `{ statistics(groupBy: [GRID, BUILDING]) { total groups { keys { dimension value label } count suppressed } } }`,
    ],
    [
      'aliases, __typename, fragments, skip and include by variables',
      `query Q($skip: Boolean!, $by: [Dimension!]!) {
        s: statistics(groupBy: $by) {
          __typename
          groups { ...G k: keys { v: value label @skip(if: $skip) } total: count ... on Group { suppressed } }
          total @include(if: $skip)
        }
      }
      fragment G on Group { count keys { dimension } }`,
      { skip: true, by: ['BUILDING'] },
    ],
    [
      'key objects shared by the groups, under different selections and aliases at different places',
      `query Q($skip: Boolean!) {
        statistics(groupBy: [GRID, BUILDING], shared: true, groups: 6) {
          first { label }
          groups {
            keys { dimension value }
            k: keys { label v: value @skip(if: $skip) }
            ... on Group { again: keys { ...K } }
            count
          }
          total
        }
      }
      fragment K on Key { value __typename dimension }`,
      { skip: false },
    ],
    [
      'shared keys under one selection, and more groups than a completer tries remembering (MEMO_TRIAL)',
      `{
        shared: statistics(groupBy: [GRID, BUILDING], shared: true, groups: 5000) { groups { keys { value } count } }
      }`,
    ],
    [
      'the groups as an iterable that is not an array, with shared keys',
      `{ statistics(groupBy: [GRID, BUILDING], shared: true, groups: 40, iterable: true) { groups { keys { value } count } } }`,
    ],
    [
      'keys built per group, more groups than a completer tries remembering',
      `{ statistics(groupBy: [GRID, BUILDING], groups: 5000) { first { value } groups { keys { value label } } } }`,
    ],
  ];

  it('gives the data graphql-js gives, without running a resolver below the root field', async () => {
    for (const [name, query, variables] of queries) {
      const executed = schemaCounting();
      const graphqlJs = new ApolloServer({ schema: executed.schema });
      const copied = schemaCounting();
      const plain = new ApolloServer({ schema: copied.schema, plugins: [plainAnswersPlugin(['statistics'])] });
      await Promise.all([graphqlJs.start(), plain.start()]);
      try {
        const expected = await answer(graphqlJs, query, variables);
        expect(expected.errors, name).toBeUndefined();
        const got = await answer(plain, query, variables);
        // the same keys in the same order: the gateway passes the subgraph's bytes on as they are
        expect(JSON.stringify(got), name).toBe(JSON.stringify(expected));
        expect(executed.nestedCalls(), name).toBeGreaterThan(0);
        expect(copied.nestedCalls(), name).toBe(0);
      } finally {
        await Promise.all([graphqlJs.stop(), plain.stop()]);
      }
    }
  });

  it('copies an object shared by the groups once per selection set in an answer, never across selection sets', async () => {
    const plain = new ApolloServer({ schema: schemaCounting().schema, plugins: [plainAnswersPlugin(['statistics'])] });
    await plain.start();
    try {
      const response = await plain.executeOperation({
        query: `{ statistics(groupBy: [GRID, BUILDING], shared: true, groups: 4) {
          first { value } groups { keys { value } k: keys { value label } } } }`,
      });
      if (response.body.kind !== 'single') throw new Error('incremental');
      type Key = Record<string, unknown>;
      const { first, groups } = response.body.singleResult.data!.statistics as {
        first: Key;
        groups: Array<{ keys: Key[]; k: Key[] }>;
      };
      // groups 0 and 1 share GRID-0, groups 0 and 2 share BUILDING-0: one copy each under `keys` and under `k`
      expect(groups[1].keys[0]).toBe(groups[0].keys[0]);
      expect(groups[2].keys[1]).toBe(groups[0].keys[1]);
      expect(groups[1].k[0]).toBe(groups[0].k[0]);
      expect(groups[0].k[0]).not.toBe(groups[0].keys[0]);
      expect(groups[0].k[0]).toEqual({ value: 'GRID-0', label: '0号' });
      expect(groups[0].keys[0]).toEqual({ value: 'GRID-0' });
      expect(first).toEqual({ value: 'GRID-0' });
    } finally {
      await plain.stop();
    }
  });

  it('leaves errors, other root fields and bad variables to graphql-js, which reports them as always', async () => {
    const executed = schemaCounting();
    const graphqlJs = new ApolloServer({ schema: executed.schema });
    const copied = schemaCounting();
    const plain = new ApolloServer({ schema: copied.schema, plugins: [plainAnswersPlugin(['statistics'])] });
    await Promise.all([graphqlJs.start(), plain.start()]);
    try {
      for (const [query, variables] of [
        [`{ statistics(groupBy: [GRID], failing: true) { total } }`],
        [`{ statistics(groupBy: [GRID]) { total } other }`],
        [`query Q($by: [Dimension!]!) { statistics(groupBy: $by) { total } }`, { by: ['NOWHERE'] }],
      ] as Array<[string, Record<string, unknown>?]>) {
        const got = await answer(plain, query, variables);
        expect(got, query).toEqual(await answer(graphqlJs, query, variables));
      }
      expect((await answer(plain, `{ statistics(groupBy: [GRID], failing: true) { total } }`)).errors).toEqual([
        expect.objectContaining({ message: '无权统计', path: ['statistics'] }),
      ]);
      // graphql-js answered the one beside another root field: its resolvers ran
      expect(copied.nestedCalls()).toBeGreaterThan(0);
    } finally {
      await Promise.all([graphqlJs.stop(), plain.stop()]);
    }
  });

  it('serves over HTTP the bytes graphql-js gives, and leaves to graphql-js what it cannot answer', async () => {
    const logger = pino({ level: 'silent' });
    const serve = (apollo: ApolloServer) =>
      startHttpService({
        service: 'test',
        port: 0,
        apollo,
        logger,
        context: async (_request, requestId) => ({ requestId }),
      });
    const counts = new PlainAnswerCounts();
    const executed = schemaCounting();
    const printed = schemaCounting();
    // a plugin adding extensions beside the printed data: Apollo's own printing around it is kept
    const extended: ApolloServerPlugin = {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            if (response.body.kind === 'single') response.body.singleResult.extensions = { note: '附注' };
          },
        };
      },
    };
    const graphqlJs = await serve(new ApolloServer({ schema: executed.schema, plugins: [extended] }));
    const plain = await serve(
      new ApolloServer({
        schema: printed.schema,
        allowBatchedHttpRequests: true,
        plugins: [extended, plainAnswersPlugin(['statistics'], counts)],
      }),
    );
    const graphqlJsBatch = await serve(
      new ApolloServer({ schema: schemaCounting().schema, allowBatchedHttpRequests: true, plugins: [extended] }),
    );
    const bytes = async (service: RunningHttpService, body: unknown) => {
      const response = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return `${response.status} ${await response.text()}`;
    };
    const full = `share odd flag count suppressed keys { dimension value label __typename }`;
    try {
      const cases: Array<[string, string, Record<string, unknown>?]> = [
        ...queries,
        ['every leaf kind', `{ statistics(groupBy: [GRID, BUILDING], groups: 12) { total groups { ${full} } } }`],
        [
          'two root fields under aliases',
          `{ a: statistics(groupBy: [GRID], shared: true, groups: 7) { groups { ${full} } }
             b: statistics(groupBy: [BUILDING], groups: 2) { first { label } } }`,
        ],
        ['an empty list', `{ statistics(groupBy: [GRID], groups: 0) { first { value } groups { count } } }`],
        ['an object with every field skipped', `{ statistics(groupBy: [GRID]) { first { label @skip(if: true) } } }`],
      ];
      for (const [name, query, variables] of cases) {
        const before = counts.of('statistics');
        const expected = await bytes(graphqlJs, { query, variables });
        expect(expected, name).toMatch(/^200 \{"data":\{.*,"extensions":\{"note":"附注"\}\}\n$/s);
        expect(await bytes(plain, { query, variables }), name).toBe(expected);
        // answered by the plain path: counted once per root field
        expect(counts.of('statistics'), name).toBe(before + (query.match(/statistics\(/g) ?? []).length);
      }
      expect(printed.nestedCalls()).toBe(0);
      // a batch: each operation answered in its place
      const batch = [
        { query: `{ statistics(groupBy: [GRID], groups: 4) { groups { ${full} } } }` },
        { query: `{ statistics(groupBy: [GRID, BUILDING], shared: true, groups: 9) { groups { ${full} } } }` },
      ];
      expect(await bytes(plain, batch)).toBe(await bytes(graphqlJsBatch, batch));
      // what the plain path cannot answer goes to graphql-js: an error of a leaf's serialize, a resolver's error, a
      // root key given twice — the same bytes as graphql-js (its resolvers below the root then run)
      for (const query of [
        `{ statistics(groupBy: [GRID], broken: true, groups: 4) { groups { odd count } } }`,
        `{ statistics(groupBy: [GRID], failing: true) { total } }`,
        `{ statistics(groupBy: [GRID]) { total } statistics(groupBy: [GRID]) { groups { count } } }`,
      ]) {
        const before = counts.of('statistics');
        expect(await bytes(plain, { query }), query).toBe(await bytes(graphqlJs, { query }));
        expect(counts.of('statistics'), query).toBe(before);
      }
      expect(printed.nestedCalls()).toBeGreaterThan(0);
    } finally {
      await Promise.all([graphqlJs.close(), plain.close(), graphqlJsBatch.close()]);
    }
  });
});
