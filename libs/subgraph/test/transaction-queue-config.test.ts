import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { executePlain, transactionTurns } from '@shequ/database';
import { testDialects, waitFor } from '@shequ/testing';
import {
  buildFederatedSchema,
  ConfigError,
  serviceConfig,
  type SubgraphContext,
  type SubgraphServiceDefinition,
} from '../src/index.js';
import { startTestSubgraph, type TestSubgraph } from '../src/testing/index.js';

let release: (() => void) | undefined;

@Resolver()
class QueueResolver {
  @Query(() => Number, { description: '一' })
  one(): number {
    return 1;
  }

  @Mutation(() => Number, { description: '占用写入（直到测试放行）' })
  async hold(@Ctx() ctx: SubgraphContext): Promise<number> {
    return ctx.transaction(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return 1;
    });
  }

  @Mutation(() => Number, { description: '写入一次' })
  async write(@Ctx() ctx: SubgraphContext): Promise<number> {
    return ctx.transaction(async ({ em }) => {
      await executePlain(em, 'select 1 as one', []);
      return 1;
    });
  }
}

const definition: SubgraphServiceDefinition = {
  name: 'events',
  defaultPort: 0,
  entities: [],
  migrations: { sqlite: [], postgresql: [] },
  buildSchema: () => buildFederatedSchema({ resolvers: [QueueResolver] }),
  communities: { isRegistered: async () => true, isRegisteredRegion: async () => true },
};

describe('the SQLite transaction queue’s limit (SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT)', () => {
  it('is read from the environment, with a default, and a bad value names the variable', () => {
    expect(serviceConfig('events', 4004, {}).sqliteTransactionQueueLimit).toBe(2000);
    expect(
      serviceConfig('events', 4004, { SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT: '50' }).sqliteTransactionQueueLimit,
    ).toBe(50);
    expect(() => serviceConfig('events', 4004, { SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT: '0' })).toThrow(ConfigError);
    expect(() => serviceConfig('events', 4004, { SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT: '0' })).toThrow(
      /SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT/,
    );
  });
});

describe.each(testDialects().filter((d) => d === 'sqlite'))('a write beyond the queue’s limit (%s)', (dialect) => {
  let subgraph: TestSubgraph;
  const previous = process.env.SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT;

  beforeAll(async () => {
    process.env.SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT = '2';
    subgraph = await startTestSubgraph(definition, { dialect, registeredCommunities: [] });
  });
  afterAll(async () => {
    release?.();
    await subgraph?.stop();
    if (previous === undefined) delete process.env.SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT;
    else process.env.SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT = previous;
  });

  it('is answered SERVICE_BUSY (服务繁忙, retryable) at once, writing nothing; the queued writes still run', async () => {
    const turns = transactionTurns(subgraph.orm.em.getConnection());
    expect(turns.maxQueued).toBe(2);
    const held = subgraph.graphql('mutation { hold }');
    await waitFor(() => release !== undefined);
    const queued = [subgraph.graphql('mutation { write }'), subgraph.graphql('mutation { write }')];
    await waitFor(() => turns.queued === 2);
    const refused = await subgraph.graphql('mutation { write }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_BUSY', retryable: true });
    expect(refused.errors?.[0]?.message).toMatch(/^服务繁忙：等待写入的事务已达上限（2 个）/);
    release!();
    for (const answer of await Promise.all([held, ...queued])) expect(answer.errors).toBeUndefined();
    expect((await subgraph.graphql('mutation { write }')).errors).toBeUndefined();
  });
});
