import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingChineseDescriptions } from '@shequ/subgraph';
import { pendingSchemaChanges, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { checkStageHistory } from '../src/domain/development-pipeline.js';
import { PartyMeeting, PartyMember, PartyOrganization, RedFlagPeriod } from '../src/entities/index.js';
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

  it('seeds a committee with three branches of two groups and ≈120 members across stages, idempotently', async () => {
    const em = service.orm.em.fork();
    expect(await em.count(PartyOrganization, { level: 'BRANCH' })).toBe(3);
    expect(await em.count(PartyOrganization, { level: 'GROUP' })).toBe(6);
    const count = await em.count(PartyMember, {});
    expect(count).toBe(121);
    await partybuildingService.seedDemoData!(service);
    expect(await service.orm.em.fork().count(PartyMember, {})).toBe(count);
    const members = await em.find(PartyMember, { status: 'ACTIVE' });
    expect(new Set(members.map((m) => m.stage)).size).toBe(5);
    expect(new Set(members.map((m) => m.memberType))).toEqual(new Set(['RETIRED', 'EMPLOYED_REPORTING', 'COMMUNITY', 'MOBILE']));
    for (const m of members) checkStageHistory({ ...m, status: 'ACTIVE' }, '2026-11-01');
  });

  it('seeds two years of meetings and 18 red-flag awards since 2010', async () => {
    const em = service.orm.em.fork();
    expect(await em.count(PartyMeeting, { heldOn: { $like: '2025-%' } })).toBeGreaterThan(100);
    expect(await em.count(PartyMeeting, { heldOn: { $like: '2026-%' } })).toBeGreaterThan(80);
    expect(await em.count(RedFlagPeriod, { decidedOn: { $ne: null } })).toBe(18);
    const result = await service.graphql(`{ redFlagWinnersByYear(fromYear: 2010) { year awards { period } } partyMeetingComplianceByBranch(year: 2025) { organizationName overallRate } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.redFlagWinnersByYear.flatMap((y: any) => y.awards)).toHaveLength(18);
    expect(result.data.partyMeetingComplianceByBranch).toHaveLength(3);
    for (const row of result.data.partyMeetingComplianceByBranch) expect(row.overallRate).toBeGreaterThan(0.7);
  });

  it('contributes Resident.partyMember with stage and branch, null for non-members', async () => {
    const member = await service.orm.em.fork().findOneOrFail(PartyMember, { stage: 'PROBATIONARY' }, { orderBy: { id: 'asc' } });
    const result = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { partyMember { stage branch { level parent { name } } } } } }`,
      { reps: [{ __typename: 'Resident', id: member.residentId }, { __typename: 'Resident', id: 'not-a-member' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([{ partyMember: { stage: 'PROBATIONARY', branch: { level: 'BRANCH', parent: { name: '中共莲秀社区委员会' } } } }, { partyMember: null }]);
    const denied = await service.graphql(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { partyMember { stage } } } }`, {
      reps: [{ __typename: 'Resident', id: member.residentId }],
    }, { role: 'grid_worker', grids: ['350203008006-01'] });
    expect(denied.errors).toBeUndefined();
    expect(denied.data._entities).toEqual([{ partyMember: null }]);
  });

  it('lists members as a connection with totalCount, also under an organisation', async () => {
    const result = await service.graphql(
      '{ partyMembers(first: 5) { totalCount edges { node { stage resident { id } } } pageInfo { hasNextPage } } partyOrganizations(level: COMMITTEE) { edges { node { name history { kind } members(first: 1) { totalCount } } } } }',
    );
    expect(result.data.partyMembers.totalCount).toBe(121);
    expect(result.data.partyMembers.edges).toHaveLength(5);
    expect(result.data.partyMembers.pageInfo.hasNextPage).toBe(true);
    const committee = result.data.partyOrganizations.edges[0].node;
    expect(committee.members.totalCount).toBe(121);
    expect(committee.history.map((h: { kind: string }) => h.kind)).toContain('LEVEL_CHANGED');
  });
});

describe('partybuilding schema', () => {
  it('describes every type, field, argument and enum value in Chinese', async () => {
    const { schema } = await buildPartybuildingSchema();
    expect(missingChineseDescriptions(schema)).toEqual([]);
  });
});
