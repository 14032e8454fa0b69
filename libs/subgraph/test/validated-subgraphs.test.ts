import { afterAll, describe, expect, it } from 'vitest';
import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { graphql, type GraphQLSchema } from 'graphql';
import { Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { tempDir } from '@shequ/testing';
import { buildFederatedSchema, ValidatedSubgraphs, writeSubgraphSdl } from '../src/index.js';

@ObjectType({ description: '卡片' })
@Directive('@key(fields: "id")')
class Card {
  @Field(() => ID, { description: '编号' })
  id!: string;

  @Field({ description: '持卡人' })
  holder!: string;
}

@Resolver(() => Card)
class CardResolver {
  @Query(() => [Card], { description: '全部卡片' })
  cards(): Card[] {
    return [{ id: 'c1', holder: '林小梅' }];
  }
}

// what only federation's validation of a subgraph refuses: a key on a field the type does not have
@ObjectType({ description: '坏卡片' })
@Directive('@key(fields: "missing")')
class BadCard {
  @Field(() => ID, { description: '编号' })
  id!: string;
}

@Resolver(() => BadCard)
class BadCardResolver {
  @Query(() => [BadCard], { description: '坏卡片' })
  badCards(): BadCard[] {
    return [];
  }
}

const settings = {
  resolvers: [CardResolver] as [Function],
  referenceResolvers: {
    Card: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id, holder: `持卡人${reference.id}` }),
    },
  },
};

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Card { id holder } }
}`;
async function answers(schema: GraphQLSchema) {
  const service = await graphql({ schema, source: '{ _service { sdl } }' });
  const entities = await graphql({
    schema,
    source: ENTITIES,
    variableValues: { representations: [{ __typename: 'Card', id: 'c9' }] },
  });
  const cards = await graphql({ schema, source: '{ cards { id holder } }' });
  return { service, entities, cards };
}

describe('subgraph schemas validated at build time', () => {
  const dirs: Array<{ remove(): void }> = [];
  afterAll(() => dirs.forEach((d) => d.remove()));
  function store() {
    const dir = tempDir('shequ-validated-');
    dirs.push(dir);
    return { dir: dir.path, validated: new ValidatedSubgraphs(pathToFileURL(`${dir.path}/store/`)) };
  }

  it('the build validates and records a subgraph; a start printing the same SDL builds the same schema from it', async () => {
    const { dir, validated } = store();
    // nothing recorded: validated by @apollo/subgraph, as before
    const unrecorded = await buildFederatedSchema(settings, validated);
    await writeSubgraphSdl(() => buildFederatedSchema(settings, validated), join(dir, 'schema.graphql'), validated);
    expect(readdirSync(join(dir, 'store'))).toHaveLength(1);
    expect(validated.read(unrecorded.sdl)?.subgraphSdl).toContain('_entities(representations: [_Any!]!)');

    let builtFromRecord = 0;
    const read = validated.read.bind(validated);
    validated.read = (sdl) => {
      const built = read(sdl);
      if (built) builtFromRecord++;
      return built;
    };
    const fromRecord = await buildFederatedSchema(settings, validated);
    expect(builtFromRecord).toBe(1);
    expect(fromRecord.sdl).toBe(unrecorded.sdl);
    expect(printSchemaWithDirectives(fromRecord.schema)).toBe(printSchemaWithDirectives(unrecorded.schema));
    const [fast, slow] = [await answers(fromRecord.schema), await answers(unrecorded.schema)];
    expect(fast).toEqual(slow);
    expect(fast.entities.data).toEqual({ _entities: [{ id: 'c9', holder: '持卡人c9' }] });
    expect(fast.cards.data).toEqual({ cards: [{ id: 'c1', holder: '林小梅' }] });
    expect((fast.service.data?._service as { sdl: string }).sdl).toMatch(/type Card\s+@key\(fields: "id"\)/);
  });

  it('an invalid subgraph fails the build and is not recorded; at start it is still refused', async () => {
    const { dir, validated } = store();
    const bad = () => buildFederatedSchema({ resolvers: [BadCardResolver] }, validated);
    await expect(writeSubgraphSdl(bad, join(dir, 'schema.graphql'), validated)).rejects.toThrow(/missing/);
    expect(() => readdirSync(join(dir, 'store'))).toThrow();
    expect(validated.recording).toBe(false);
    await expect(bad()).rejects.toThrow(/missing/);
  });

  it('a recorded subgraph is used only for the SDL it was validated as', async () => {
    const { dir, validated } = store();
    await writeSubgraphSdl(() => buildFederatedSchema(settings, validated), join(dir, 'schema.graphql'), validated);
    // another schema (code changed since the build): not in the record, validated again
    const bad = () => buildFederatedSchema({ resolvers: [CardResolver, BadCardResolver] }, validated);
    await expect(bad()).rejects.toThrow(/missing/);
  });
});
