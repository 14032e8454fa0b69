import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type HttpRoute } from '@shequ/server';
import { exportRoutes } from '../src/exports/export-route.js';
import { parseSavedQuery } from '../src/saved-queries.js';

/**
 * The export route pages through a whole list, however long: a register of 250 rows exported 2 rows a page is 125
 * pages (the old cap stopped at 100 pages), and rows go out to the caller while later pages are still to be fetched.
 */
const ROWS = 250;
const typeDefs = `
  type Query { items(first: Int!, after: String): ItemConnection! }
  """条目列表"""
  type ItemConnection { edges: [ItemEdge!]!, pageInfo: PageInfo! }
  type ItemEdge { node: Item! }
  type PageInfo { hasNextPage: Boolean!, endCursor: String }
  type Item {
    """编号"""
    number: Int!
    """名称"""
    name: String!
  }
`;

describe('exports page through every row and stream them', () => {
  let apollo: ApolloServer<object>;
  let http: Server;
  let url: string;
  let pagesServed = 0;
  /** Resolved when the caller has read the first row: later pages wait for it (so rows cannot all be held first). */
  let firstRowRead: () => void = () => undefined;
  let firstRowSeen = new Promise<void>((resolve) => (firstRowRead = resolve));

  beforeAll(async () => {
    const schema = buildSchema(typeDefs);
    const items = async (args: { first: number; after?: string | null }) => {
      pagesServed += 1;
      if (args.after) await firstRowSeen;
      const start = args.after ? Number(args.after) : 0;
      const end = Math.min(start + args.first, ROWS);
      const edges = [];
      for (let n = start; n < end; n++) edges.push({ node: { number: n + 1, name: `条目${n + 1}` } });
      return { edges, pageInfo: { hasNextPage: end < ROWS, endCursor: String(end) } };
    };
    apollo = new ApolloServer<object>({ schema, rootValue: { items } });
    await apollo.start();
    const saved = parseSavedQuery(
      'item-register',
      [
        '# 标题：条目清单',
        '# 变量：{"first": 100}',
        'query ItemRegister($first: Int!, $after: String) {',
        '  items(first: $first, after: $after) { edges { node { number name } } pageInfo { hasNextPage endCursor } }',
        '}',
      ].join('\n'),
    );
    const routes: HttpRoute[] = exportRoutes({
      apollo,
      savedQueries: [saved],
      apiSchema: schema,
      context: () => Promise.resolve({}),
      logger: createLogger('gateway-export-test'),
    });
    const route = routes.find((r) => r.method === 'GET')!;
    http = createServer((request, response) => void route.handle(request, response, 'test-request'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/exports`;
  });
  afterAll(async () => {
    await new Promise((resolve) => http?.close(resolve));
    await apollo?.stop();
  });

  it('exports all 250 rows in 125 pages of 2, the first rows arriving before the later pages are fetched', async () => {
    pagesServed = 0;
    firstRowSeen = new Promise<void>((resolve) => (firstRowRead = resolve));
    const variables = encodeURIComponent(JSON.stringify({ first: 2 }));
    const response = await fetch(`${url}?query=item-register&format=csv&variables=${variables}`);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let pagesWhenFirstRowArrived: number | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (pagesWhenFirstRowArrived === undefined && text.includes('条目1\r\n')) {
        pagesWhenFirstRowArrived = pagesServed;
        firstRowRead();
      }
    }
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('编号,名称');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines.at(-1)).toBe('250,条目250');
    expect(pagesServed).toBe(125);
    // streamed: the first page's rows reached the caller while at most the second page had been asked for
    expect(pagesWhenFirstRowArrived).toBeLessThanOrEqual(2);
  });
});
