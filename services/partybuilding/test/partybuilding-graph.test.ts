import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingChineseDescriptions } from '@shequ/subgraph';
import { pendingSchemaChanges, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { PartyMember } from '../src/entities/index.js';
import { buildPartybuildingSchema } from '../src/graphql/schema.js';
import { partybuildingService } from '../src/service.js';

describe.each(testDialects())('partybuilding subgraph on %s (demo data)', (dialect) => {
  let service: TestSubgraph;
  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, { dialect, seed: true });
  });
  afterAll(() => service?.stop());

  it('applies the committed migrations, which match the entities', async () => {
    expect(await pendingSchemaChanges(service)).toBe('');
  });

  it('seeds a committee with a branch and its members, idempotently', async () => {
    const count = await service.orm.em.fork().count(PartyMember, {});
    expect(count).toBe(42);
    await partybuildingService.seedDemoData!(service);
    expect(await service.orm.em.fork().count(PartyMember, {})).toBe(count);
  });

  it('contributes Resident.partyMember with stage and branch, null for non-members', async () => {
    const member = await service.orm.em.fork().findOneOrFail(PartyMember, { stage: 'PROBATIONARY' });
    const result = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { partyMember { stage branch { name level parent { name } } } } } }`,
      { reps: [{ __typename: 'Resident', id: member.residentId }, { __typename: 'Resident', id: 'not-a-member' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { partyMember: { stage: 'PROBATIONARY', branch: { name: '莲秀社区第一党支部', level: 'BRANCH', parent: { name: '中共莲秀社区委员会' } } } },
      { partyMember: null },
    ]);
  });

  it('lists members as a connection with totalCount', async () => {
    const result = await service.graphql('{ partyMembers(first: 5) { totalCount edges { node { stage resident { id } } } pageInfo { hasNextPage } } }');
    expect(result.data.partyMembers.totalCount).toBe(42);
    expect(result.data.partyMembers.edges).toHaveLength(5);
    expect(result.data.partyMembers.pageInfo.hasNextPage).toBe(true);
  });
});

describe('partybuilding schema', () => {
  it('describes every type, field, argument and enum value in Chinese', async () => {
    const { schema } = await buildPartybuildingSchema();
    expect(missingChineseDescriptions(schema)).toEqual([]);
  });
});
