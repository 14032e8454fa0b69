import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import 'reflect-metadata';
import { EntitySchema } from '@mikro-orm/core';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { executePlain } from '@shequ/database';
import { testDialects } from '@shequ/testing';
import {
  buildFederatedSchema,
  uniqueViolationOf,
  type SubgraphContext,
  type SubgraphServiceDefinition,
} from '../src/index.js';
import { startTestSubgraph, type TestSubgraph } from '../src/testing/index.js';

class Badge {
  id!: string;
  holder!: string;
}
const BadgeSchema = new EntitySchema<Badge>({
  class: Badge,
  tableName: 'badge',
  properties: { id: { type: 'string', primary: true }, holder: { type: 'string', unique: true } },
});

/** Both racers have checked (and found no badge) before either inserts: a real check-then-insert race. */
let barrier: { waiting: number; release?: () => void; done: Promise<void> } | undefined;
function raceBarrier(parties: number) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  barrier = { waiting: parties, release, done };
}

@Resolver()
class BadgeResolver {
  @Query(() => Number, { description: '徽章数' })
  async badges(@Ctx() ctx: SubgraphContext): Promise<number> {
    return ctx.em.fork().count(Badge, {});
  }

  @Mutation(() => String, { description: '颁发徽章（每人一枚，先查后写）' })
  async awardBadge(
    @Arg('id', { description: '编号' }) id: string,
    @Arg('holder', { description: '持有人' }) holder: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<string> {
    return ctx.transaction(async ({ em }) => {
      if (await em.count(Badge, { holder })) throw new Error('checked: already awarded');
      if (barrier) {
        if (--barrier.waiting === 0) barrier.release?.();
        await barrier.done;
      }
      em.create(Badge, { id, holder });
      await em.flush();
      return id;
    });
  }

  @Mutation(() => String, { description: '以普通语句颁发徽章（不查）' })
  async awardBadgePlainly(
    @Arg('id', { description: '编号' }) id: string,
    @Arg('holder', { description: '持有人' }) holder: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<string> {
    await ctx.transaction(({ em }) => executePlain(em, 'insert into badge (id, holder) values (?, ?)', [id, holder]));
    return id;
  }
}

const definition: SubgraphServiceDefinition = {
  name: 'residents',
  defaultPort: 0,
  entities: [BadgeSchema],
  migrations: { sqlite: [], postgresql: [] },
  buildSchema: () => buildFederatedSchema({ resolvers: [BadgeResolver] }),
  communities: { isRegistered: async () => true, isRegisteredRegion: async () => true },
  // the rule the holder index stands for (each holder one badge), answered as the check would answer it
  uniqueConflicts: [
    {
      table: 'badge',
      columns: ['holder'],
      field: 'holder',
      message: (key) => `${key.holder ?? '该持有人'}已有徽章，每人一枚`,
    },
  ],
};

describe('the index a unique violation hit', () => {
  it('is read from SQLite’s message and PostgreSQL’s table and detail', () => {
    expect(
      uniqueViolationOf(
        new Error('UNIQUE constraint failed: red_flag_nomination.period_id, red_flag_nomination.department'),
      ),
    ).toEqual({
      table: 'red_flag_nomination',
      columns: ['period_id', 'department'],
      key: {},
    });
    const pg = Object.assign(
      new Error('duplicate key value violates unique constraint "party_member_resident_id_unique"'),
      {
        table: 'party_member',
        detail: 'Key (resident_id)=(r-1) already exists.',
      },
    );
    expect(uniqueViolationOf(pg)).toEqual({
      table: 'party_member',
      columns: ['resident_id'],
      key: { resident_id: 'r-1' },
    });
    expect(uniqueViolationOf(new Error('something else'))).toBeNull();
  });
});

const award = `mutation($id: String!, $holder: String!) { awardBadge(id: $id, holder: $holder) }`;

describe.each(testDialects())('a unique index hit in ctx.transaction (%s)', (dialect) => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(definition, { dialect, registeredCommunities: [] });
    await subgraph.orm.schema.updateSchema();
  });
  afterAll(() => subgraph?.stop());

  it('answers CONFLICT with a Chinese message, not INTERNAL_SERVER_ERROR, and writes nothing', async () => {
    // deterministic: the second insert skips the check (another holder's id collides on the primary key)
    expect((await subgraph.graphql(award, { id: 'b1', holder: '甲' })).data).toEqual({ awardBadge: 'b1' });
    const duplicate = await subgraph.graphql(award, { id: 'b1', holder: '乙' });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(duplicate.errors?.[0]?.message).toMatch(/记录已存在或已被同时修改/);
    expect((await subgraph.graphql('{ badges }')).data).toEqual({ badges: 1 });
  });

  it('answers CONFLICT to a plain statement (the driver error, not MikroORM) that hits the index', async () => {
    const plain = `mutation($id: String!, $holder: String!) { awardBadgePlainly(id: $id, holder: $holder) }`;
    const duplicate = await subgraph.graphql(plain, { id: 'b1', holder: '丁' });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(duplicate.errors?.[0]?.message).toMatch(/记录已存在或已被同时修改/);
    expect((await subgraph.graphql('{ badges }')).data).toEqual({ badges: 1 });
  });

  it('answers a hit of an index the service declared with the rule’s own message (ORM and plain statements)', async () => {
    const plain = `mutation($id: String!, $holder: String!) { awardBadgePlainly(id: $id, holder: $holder) }`;
    const duplicate = await subgraph.graphql(plain, { id: 'b2', holder: '甲' });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(duplicate.errors?.[0]?.extensions?.field).toBe('holder');
    expect(duplicate.errors?.[0]?.message).toMatch(/已有徽章，每人一枚/);
    expect((await subgraph.graphql('{ badges }')).data).toEqual({ badges: 1 });
  });
});

describe.each(testDialects().filter((d) => d === 'postgresql'))('a concurrent unique index race (%s)', (dialect) => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(definition, { dialect, registeredCommunities: [] });
    await subgraph.orm.schema.updateSchema();
  });
  afterAll(() => subgraph?.stop());

  it('answers CONFLICT to the loser of two check-then-insert transactions that both found nothing', async () => {
    raceBarrier(2);
    try {
      const answers = await Promise.all([
        subgraph.graphql(award, { id: 'r1', holder: '丙' }),
        subgraph.graphql(award, { id: 'r2', holder: '丙' }),
      ]);
      const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      // PostgreSQL names the duplicate value: the rule's message is the non-racing path's, with the holder
      expect(answers.find((a) => a.errors)?.errors?.[0]?.message).toBe('丙已有徽章，每人一枚');
      expect((await subgraph.graphql('{ badges }')).data).toEqual({ badges: 1 });
    } finally {
      barrier = undefined;
    }
  });
});

/** Both racers hold their first row before either asks for its second: a real lock-order deadlock. */
let lockBarrier: { waiting: number; release?: () => void; done: Promise<void> } | undefined;

@Resolver()
class LockResolver {
  @Mutation(() => String, { description: '依次锁定两个徽章（测试死锁）' })
  async lockBadges(
    @Arg('first', { description: '先锁' }) first: string,
    @Arg('second', { description: '后锁' }) second: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<string> {
    return ctx.transaction(async ({ em }) => {
      await executePlain(em, 'select id from badge where id = ? for update', [first]);
      if (lockBarrier) {
        if (--lockBarrier.waiting === 0) lockBarrier.release?.();
        await lockBarrier.done;
      }
      await executePlain(em, 'select id from badge where id = ? for update', [second]);
      return first;
    });
  }
}

const lockDefinition: SubgraphServiceDefinition = {
  ...definition,
  buildSchema: () => buildFederatedSchema({ resolvers: [BadgeResolver, LockResolver] }),
};

describe.each(testDialects().filter((d) => d === 'postgresql'))('a deadlock between two writes (%s)', (dialect) => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(lockDefinition, { dialect, registeredCommunities: [] });
    await subgraph.orm.schema.updateSchema();
    for (const [id, holder] of [
      ['d1', '丁'],
      ['d2', '戊'],
    ])
      await subgraph.graphql(award, { id, holder });
  });
  afterAll(() => subgraph?.stop());

  it('answers CONFLICT (send again) to the write the database aborted, not INTERNAL_SERVER_ERROR', async () => {
    let release!: () => void;
    lockBarrier = { waiting: 2, done: new Promise<void>((resolve) => (release = resolve)) };
    lockBarrier.release = release;
    try {
      const lock = `mutation($a: String!, $b: String!) { lockBadges(first: $a, second: $b) }`;
      const answers = await Promise.all([
        subgraph.graphql(lock, { a: 'd1', b: 'd2' }),
        subgraph.graphql(lock, { a: 'd2', b: 'd1' }),
      ]);
      const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      expect(answers.find((a) => a.errors)?.errors?.[0]?.message).toMatch(/记录已存在或已被同时修改/);
    } finally {
      lockBarrier = undefined;
    }
  });
});
