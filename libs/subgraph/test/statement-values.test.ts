import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import 'reflect-metadata';
import { Writable } from 'node:stream';
import { EntitySchema } from '@mikro-orm/core';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { executePlain } from '@shequ/database';
import { testDialects } from '@shequ/testing';
import { buildFederatedSchema, type SubgraphContext, type SubgraphServiceDefinition } from '../src/index.js';
import { startTestSubgraph, type TestSubgraph } from '../src/testing/index.js';

class Card {
  id!: string;
  holder!: string | null;
  phone!: string;
}
const CardSchema = new EntitySchema<Card>({
  class: Card,
  tableName: 'card',
  properties: {
    id: { type: 'string', primary: true },
    holder: { type: 'string', nullable: false },
    phone: { type: 'string' },
  },
});

@Resolver()
class CardResolver {
  @Query(() => Number, { description: '卡数' })
  async cards(@Ctx() ctx: SubgraphContext): Promise<number> {
    return ctx.em.fork().count(Card, {});
  }

  @Mutation(() => String, { description: '发卡（持有人缺失：数据库拒绝）' })
  async issueCard(
    @Arg('id', { description: '编号' }) id: string,
    @Arg('phone', { description: '电话' }) phone: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<string> {
    return ctx.transaction(async ({ em }) => {
      em.create(Card, { id, holder: null, phone });
      await em.flush();
      return id;
    });
  }

  @Mutation(() => String, { description: '以普通语句发卡（持有人缺失：数据库拒绝）' })
  async issueCardPlainly(
    @Arg('id', { description: '编号' }) id: string,
    @Arg('phone', { description: '电话' }) phone: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<string> {
    await ctx.transaction(({ em }) =>
      executePlain(em, 'insert into card (id, holder, phone) values (?, ?, ?)', [id, null, phone]),
    );
    return id;
  }
}

const definition: SubgraphServiceDefinition = {
  name: 'residents',
  defaultPort: 0,
  entities: [CardSchema],
  migrations: { sqlite: [], postgresql: [] },
  buildSchema: () => buildFederatedSchema({ resolvers: [CardResolver] }),
  communities: { isRegistered: async () => true, isRegisteredRegion: async () => true },
};

const PHONE = '13912345678';
const ID = '350203199001011234';

describe.each(testDialects())('a database error carrying personal values (%s)', (dialect) => {
  let subgraph: TestSubgraph;
  const lines: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    subgraph = await startTestSubgraph(definition, {
      dialect,
      logLevel: 'error',
      logDestination: destination,
      registeredCommunities: [],
    });
    await subgraph.orm.schema.updateSchema();
  });
  afterAll(() => subgraph?.stop());

  it.each([
    ['the ORM refuses the entity', 'issueCard', /Card\.holder is required/],
    ['the database refuses the statement', 'issueCardPlainly', /not.null|NOT NULL/i],
  ])('%s: logged without the values, not echoed in the answer', async (_what, mutation, reason) => {
    lines.length = 0;
    const answer = await subgraph.graphql(
      `mutation($id: String!, $phone: String!) { ${mutation}(id: $id, phone: $phone) }`,
      { id: ID, phone: PHONE },
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const logged = lines.join('');
    expect(logged).toMatch(/unexpected resolver error/);
    // what failed and why stay in the log line, the values do not
    expect(logged).toMatch(reason);
    expect(logged).not.toContain(PHONE);
    expect(logged).not.toContain(ID);
    expect(JSON.stringify(answer)).not.toContain(PHONE);
    expect(JSON.stringify(answer)).not.toContain(ID);
    expect((await subgraph.graphql('{ cards }')).data).toEqual({ cards: 0 });
  });
});
