import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import 'reflect-metadata';
import { Writable } from 'node:stream';
import { Arg, Mutation, Query, Resolver } from 'type-graphql';
import { InvalidInputError } from '@shequ/errors';
import { buildFederatedSchema } from '../src/index.js';
import { startTestSubgraph, type TestSubgraph } from '../src/testing/index.js';
import { standInSubgraph } from './stand-in-subgraph.js';

@Resolver()
class FailingResolver {
  @Query(() => Number, { description: '总出错（程序内部错误）' })
  broken(): number {
    throw new Error('cannot read properties of undefined (reading "count")');
  }

  @Mutation(() => String, { description: '拒绝输入' })
  refuse(@Arg('name', { description: '名称' }) name: string): string {
    throw new InvalidInputError('name', `名称「${name}」无效`);
  }
}

// Apollo Server adds `extensions.stacktrace` to every error outside NODE_ENV=production: a front end walking
// `npm start` read the server's files and call paths. No answer carries one, in any mode; the log keeps the stack.
describe.each([
  ['development (npm start)', false],
  ['production', true],
])('a subgraph in %s answers errors without stack traces', (_mode, production) => {
  let subgraph: TestSubgraph;
  const lines: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    subgraph = await startTestSubgraph(
      standInSubgraph({ buildSchema: () => buildFederatedSchema({ resolvers: [FailingResolver] }) }),
      { production, logLevel: 'error', logDestination: destination, registeredCommunities: [] },
    );
  });
  afterAll(() => subgraph?.stop());

  it('an internal error: no stack in the answer, the stack in the log', async () => {
    lines.length = 0;
    const answer = await subgraph.graphql('{ broken }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(answer.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
    expect(JSON.stringify(answer)).not.toMatch(/stacktrace|\.(ts|js):\d+/);
    expect(lines.join('')).toMatch(/unexpected resolver error/);
    expect(lines.join('')).toMatch(/FailingResolver\.broken|no-stack-traces\.test/);
  });

  it('a refused input, a mistake in the document, a caller without credential: no stack either', async () => {
    const refused = await subgraph.graphql('mutation { refuse(name: "x") }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const mistaken = await subgraph.graphql('{ brokn }');
    const anonymous = await subgraph.graphql('{ broken }', {}, { anonymous: true });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const answer of [refused, mistaken, anonymous]) {
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(answer)).not.toMatch(/stacktrace|\.(ts|js):\d+/);
    }
  });
});
