import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { printedAnswer, startHttpService, takesPrintedAnswers } from '../src/index.js';

const typeDefs = 'type Query { table: String other: String }';
const logger = pino({ level: 'silent' });

/** Answers `table` with JSON it printed itself; `replace` swaps the whole response afterwards (as the audit plugin). */
function printing(seen: boolean[]): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ contextValue, request }) {
          if (!request.query?.includes('table')) return null;
          seen.push(takesPrintedAnswers(contextValue));
          if (!takesPrintedAnswers(contextValue)) return null;
          const json = `{"table":${JSON.stringify(`已印 ${request.variables?.n ?? 0}`)}}`;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: printedAnswer(contextValue, json) } },
          };
        },
        async willSendResponse({ response, request }) {
          if (request.variables?.replace && response.body.kind === 'single')
            response.body.singleResult = { errors: [{ message: '已替换' }] };
          else if (request.variables?.note && response.body.kind === 'single')
            response.body.singleResult.extensions = { note: 1 };
        },
      };
    },
  };
}

describe('printed answers (a plugin prints its answer, the HTTP layer writes it in place)', () => {
  it('writes the printed JSON where Apollo printed its mark, in single and batched requests, and not for executeOperation', async () => {
    const seen: boolean[] = [];
    const apollo = new ApolloServer({
      typeDefs,
      resolvers: { Query: { table: () => '执行', other: () => '其他' } },
      allowBatchedHttpRequests: true,
      plugins: [printing(seen)],
    });
    const service = await startHttpService<{ requestId: string }>({
      service: 'test',
      port: 0,
      apollo,
      logger,
      context: async (_request, requestId) => ({ requestId }),
    });
    const post = async (body: unknown) =>
      (
        await fetch(service.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).text();
    try {
      expect(await post({ query: '{ table }' })).toBe('{"data":{"table":"已印 0"}}\n');
      expect(await post({ query: '{ table }', variables: { note: true } })).toBe(
        '{"data":{"table":"已印 0"},"extensions":{"note":1}}\n',
      );
      // a response replaced after the answer was printed: written as Apollo printed it
      expect(await post({ query: '{ table }', variables: { replace: true } })).toBe(
        '{"errors":[{"message":"已替换"}]}\n',
      );
      expect(
        await post([
          { query: '{ table }', variables: { n: 1 } },
          { query: '{ other }' },
          { query: '{ table }', variables: { n: 2 } },
        ]),
      ).toBe('[{"data":{"table":"已印 1"}}\n,{"data":{"other":"其他"}}\n,{"data":{"table":"已印 2"}}\n]');
      expect(seen).toEqual([true, true, true, true, true]);
      // in process there is no HTTP layer to write it: the plugin is told so and leaves the answer to graphql-js
      const inProcess = await apollo.executeOperation({ query: '{ table }' });
      expect(inProcess.body.kind === 'single' && inProcess.body.singleResult.data).toEqual({ table: '执行' });
      expect(seen.at(-1)).toBe(false);
    } finally {
      await service.close();
    }
  });
});
