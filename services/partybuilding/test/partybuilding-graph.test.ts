import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingChineseDescriptions } from '@shequ/subgraph';
import { pendingSchemaChanges, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { demoDataset } from '@shequ/demo-data';
import { checkStageHistory } from '../src/domain/development-pipeline.js';
import {
  PartyMeeting,
  PartyMember,
  PartyOrganization,
  PartyTransfer,
  RedFlagNomination,
  RedFlagPeriod,
} from '../src/entities/index.js';
import { buildPartybuildingSchema } from '../src/graphql/schema.js';
import { partybuildingService } from '../src/service.js';

describe.each(testDialects())('partybuilding subgraph on %s (demo data)', (dialect) => {
  let service: TestSubgraph;
  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, { dialect, seed: true });
  }); // the demo seed replays its history through the API's functions (as demo-rules.test.ts): the shared hookTimeout
  afterAll(() => service?.stop());

  it('applies the committed migrations, which match the entities', async () => {
    expect(await pendingSchemaChanges(service)).toBe('');
  });

  it('seeds a committee with three branches of two groups and ≈120 members across stages, idempotently', async () => {
    const em = service.orm.em.fork();
    // 莲秀社区 (the demo street's generated communities have their own committees)
    const communityId = '350203008006';
    expect(await em.count(PartyOrganization, { level: 'BRANCH', communityId })).toBe(3);
    expect(await em.count(PartyOrganization, { level: 'GROUP', communityId })).toBe(6);
    expect(await em.count(PartyMember, { communityId })).toBe(121);
    const count = await em.count(PartyMember, {});
    await partybuildingService.seedDemoData!(service);
    expect(await service.orm.em.fork().count(PartyMember, {})).toBe(count);
    const members = await em.find(PartyMember, { status: 'ACTIVE', communityId });
    expect(new Set(members.map((m) => m.stage)).size).toBe(5);
    expect(new Set(members.map((m) => m.memberType))).toEqual(
      new Set(['RETIRED', 'EMPLOYED_REPORTING', 'COMMUNITY', 'MOBILE']),
    );
    // the three who arrived by a completed transfer in bring no stage dates (their files begin with the transfer)
    const arrived = new Set(
      (await em.find(PartyTransfer, { direction: 'IN', status: 'COMPLETED', communityId })).map((t) => t.memberId),
    );
    expect(arrived.size).toBe(3);
    for (const m of members.filter((m) => !arrived.has(m.id)))
      checkStageHistory({ ...m, status: 'ACTIVE' }, '2026-11-01');
  });

  it('seeds two years of meetings and 18 red-flag awards since 2010', async () => {
    const em = service.orm.em.fork();
    expect(await em.count(PartyMeeting, { heldOn: { $like: '2025-%' } })).toBeGreaterThan(100);
    expect(await em.count(PartyMeeting, { heldOn: { $like: '2026-%' } })).toBeGreaterThan(80);
    expect(await em.count(RedFlagPeriod, { decidedOn: { $ne: null } })).toBe(18);
    const result = await service.graphql(
      `{ redFlagWinnersByYear(fromYear: 2010) { year awards { period } } partyMeetingComplianceByBranch(year: 2025) { organizationName overallRate } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.redFlagWinnersByYear.flatMap((y: any) => y.awards)).toHaveLength(18);
    expect(result.data.partyMeetingComplianceByBranch).toHaveLength(3);
    for (const row of result.data.partyMeetingComplianceByBranch) expect(row.overallRate).toBeGreaterThan(0.7);
  });

  it('takes members, secretaries and transfer residents from the residents demo dataset, with its gender and birth date', async () => {
    const em = service.orm.em.fork();
    const residents = new Map(demoDataset().residents.map((r) => [r.id, r]));
    const members = await em.find(PartyMember, { communityId: '350203008006' });
    expect(members.length).toBeGreaterThan(100);
    for (const m of members) {
      const resident = residents.get(m.residentId);
      expect(resident, `member ${m.id} → resident ${m.residentId}`).toBeDefined();
      expect({ gender: m.gender, birthDate: m.birthDate }).toEqual({
        gender: resident!.gender,
        birthDate: resident!.birthDate,
      });
    }
    expect(new Set(members.map((m) => m.residentId)).size).toBe(members.length);
    const secretaries = (await em.find(PartyOrganization, { secretaryResidentId: { $ne: null } })).map(
      (o) => o.secretaryResidentId!,
    );
    expect(secretaries.length).toBeGreaterThanOrEqual(4);
    const memberResidents = new Set(members.map((m) => m.residentId));
    for (const id of secretaries) expect(memberResidents.has(id), `secretary ${id} is a member`).toBe(true);
    const transfers = await em.find(PartyTransfer, {});
    expect(transfers.length).toBeGreaterThan(0);
    for (const t of transfers)
      expect(residents.has(t.residentId!), `transfer ${t.id} → resident ${t.residentId}`).toBe(true);
  });

  it('nominates and awards staff of the residents demo dataset from 计生, 保障站 and 综治城管 (each its own), exposed as Staff', async () => {
    const em = service.orm.em.fork();
    const staff = new Map(demoDataset().staff.map((s) => [s.id, s]));
    const nominations = await em.find(RedFlagNomination, {}, { populate: ['period'] });
    expect(nominations).toHaveLength(19 * 3);
    for (const n of nominations) {
      const person = staff.get(n.staffId);
      expect(person, `nominee ${n.staffId}`).toBeDefined();
      expect(person!.department, `nominating department ${n.department}`).toBe(n.department);
    }
    const awarded = await em.find(RedFlagPeriod, { decidedOn: { $ne: null } });
    for (const p of awarded) {
      expect(staff.has(p.winnerStaffId!)).toBe(true);
      expect(
        nominations.some(
          (n) => n.period.id === p.id && n.staffId === p.winnerStaffId && n.department === p.winnerDepartment,
        ),
      ).toBe(true);
    }
    const result = await service.graphql(
      `{ redFlagPeriods(first: 50) { edges { node { period winnerStaffId winner { id } nominations { staffId staff { id } } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const periods = result.data.redFlagPeriods.edges.map((e: any) => e.node);
    expect(periods).toHaveLength(19);
    for (const p of periods) {
      expect(p.winner).toEqual(p.winnerStaffId ? { id: p.winnerStaffId } : null);
      for (const n of p.nominations) expect(n.staff).toEqual({ id: n.staffId });
    }
    expect(periods.filter((p: any) => p.winner === null)).toHaveLength(1);
  });

  it('contributes Resident.partyMember with stage and branch, null for non-members', async () => {
    const member = await service.orm.em
      .fork()
      .findOneOrFail(PartyMember, { stage: 'PROBATIONARY', communityId: '350203008006' }, { orderBy: { id: 'asc' } });
    const result = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { partyMember { stage branch { level parent { name } } } } } }`,
      {
        reps: [
          { __typename: 'Resident', id: member.residentId },
          { __typename: 'Resident', id: 'not-a-member' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { partyMember: { stage: 'PROBATIONARY', branch: { level: 'BRANCH', parent: { name: '中共莲秀社区委员会' } } } },
      { partyMember: null },
    ]);
    const denied = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { partyMember { stage } } } }`,
      {
        reps: [{ __typename: 'Resident', id: member.residentId }],
      },
      { role: 'grid_worker', grids: ['350203008006-01'] },
    );
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
    // a 党委 since its founding (the API has no root 党总支 to upgrade), its secretary elected in 2021
    expect(committee.history.map((h: { kind: string }) => h.kind)).toEqual(['ESTABLISHED', 'SECRETARY_CHANGED']);
  });
});

describe('partybuilding schema', () => {
  it('describes every type, field, argument and enum value in Chinese', async () => {
    const { schema } = await buildPartybuildingSchema();
    expect(missingChineseDescriptions(schema)).toEqual([]);
  });
});
