import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartyMemberStages } from '@shequ/contracts';
import { ensureRollups, rebuildRollup } from '@shequ/database';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { controlledPartyStatistics, controlPartyStatistics, partyStatistics } from '../src/application/statistics.js';
import { partyMemberRollup } from '../src/application/statistics-rollup.js';
import { groupMembers, partyStatisticsAnswer, partyStatisticsColumns } from '../src/domain/party-statistics.js';
import type { PartyStatisticsDimension } from '../src/domain/vocabularies.js';
import { PartyMember, PartyMemberStageChange } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

const COMMUNITY = '350203008006';
const OTHER = '350203008007';
const TODAY = '2026-06-15';
const KEY = ['community_id', 'branch_id', 'stage', 'member_type', 'gender', 'birth_date'];
type Row = Record<string, unknown>;
const normalise = (rows: Row[]) => rows.map((r) => [...KEY, 'n'].map((c) => String(r[c])).join('|')).sort();
/** The groups without some key columns (what a coarser table holds), summed from rows of the full key. */
const without = (dropped: readonly string[]) => (rows: Row[]) => {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const key = KEY.filter((c) => !dropped.includes(c))
      .map((c) => String(r[c]))
      .join('|');
    sums.set(key, (sums.get(key) ?? 0) + Number(r.n));
  }
  return [...sums]
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => `${key}|${n}`)
    .sort();
};
/** What `party_member_stage_rollup` holds: no birth date. */
const withoutBirthDate = without(['birth_date']);
/** What `party_member_community_rollup` holds: no birth date, no branch. */
const withoutBirthDateAndBranch = without(['birth_date', 'branch_id']);

/** Handwritten GROUP BY over the base table, written independently of the rollup's own SQL. */
const BASE_GROUP_BY = `
  select community_id, branch_id, stage, member_type, coalesce(gender, '') as gender,
         coalesce(birth_date, '') as birth_date, count(*) as n
  from party_member where status = 'ACTIVE'
  group by community_id, branch_id, stage, member_type, coalesce(gender, ''), coalesce(birth_date, '')`;

const DIMENSIONS: PartyStatisticsDimension[][] = [
  [],
  ['ORGANIZATION'],
  ['STAGE', 'GENDER'],
  ['ORGANIZATION', 'MEMBER_TYPE', 'AGE_BAND'],
  ['AGE_BAND', 'GENDER', 'STAGE', 'MEMBER_TYPE', 'ORGANIZATION'],
];

describe.each(testDialects())('party statistics rollup on %s', (dialect) => {
  let service: TestSubgraph;
  const branches: Record<string, string> = {};
  const members: string[] = [];
  const sql = (text: string, params: unknown[] = []) => service.orm.em.getConnection().execute<Row[]>(text, params);
  const gql = async (query: string, variables?: Record<string, unknown>, community = COMMUNITY) => {
    const result = await service.graphql(query, variables, { community });
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  /** The statistics from the member rows of `communityIds`, grouped by the domain rule. */
  async function fromRows(communityIds: string[], groupBy: PartyStatisticsDimension[]) {
    const rows = await sql(
      `select o.id as organization_id, o.name as organization, m.stage, m.member_type, m.gender, m.birth_date from party_member m
       left join party_organization o on o.id = m.branch_id
       where m.status = 'ACTIVE' and m.community_id in (${communityIds.map(() => '?').join(', ')})`,
      communityIds,
    );
    return groupMembers(
      rows.map((r) => ({
        organizationId: (r.organization_id as string | null) ?? null,
        organization: (r.organization as string | null) ?? '',
        stage: String(r.stage),
        memberType: String(r.member_type),
        gender: (r.gender as string | null) ?? null,
        birthDate: (r.birth_date as string | null) ?? null,
      })),
      groupBy,
      TODAY,
    );
  }

  async function expectRollupEqualsBase() {
    const base = await sql(BASE_GROUP_BY);
    const expected = normalise(base);
    expect(normalise(await sql(`select * from party_member_rollup where n <> 0`))).toEqual(expected);
    // the coarser table (no birth date), kept by the same writes
    expect(withoutBirthDate(await sql(`select * from party_member_stage_rollup where n <> 0`))).toEqual(
      withoutBirthDate(base),
    );
    // and the coarsest (no birth date, no branch)
    const communityGroups = await sql(`select * from party_member_community_rollup where n <> 0`);
    expect(withoutBirthDateAndBranch(communityGroups)).toEqual(withoutBirthDateAndBranch(base));
    for (const groupBy of DIMENSIONS) {
      const byCommunity = await partyStatistics(service.orm.em.fork(), { communityId: COMMUNITY }, groupBy, TODAY);
      expect(byCommunity).toEqual(await fromRows([COMMUNITY], groupBy));
      const byStreet = await partyStatistics(
        service.orm.em.fork(),
        { communityId: { $like: '350203008%' } },
        groupBy,
        TODAY,
      );
      expect(byStreet).toEqual(await fromRows([COMMUNITY, OTHER], groupBy));
      // the analyst's table straight from the SQL rows, each answer group built once: the controlled table of the
      // member rows' groups, with the typed columns as the resolver gave them before
      for (const [where, communities] of [
        [{ communityId: COMMUNITY }, [COMMUNITY]],
        [{ communityId: { $like: '350203008%' } }, [COMMUNITY, OTHER]],
      ] as const)
        expect([
          ...(await controlledPartyStatistics(service.orm.em.fork(), where, groupBy, TODAY, partyStatisticsAnswer)),
        ]).toEqual(
          controlPartyStatistics(await fromRows([...communities], groupBy), true).map((g) => ({
            ...g,
            ...partyStatisticsColumns(g.keys),
          })),
        );
    }
    return expected.length;
  }

  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, {
      dialect,
      clock: new ManualClock(new Date('2026-06-15T02:00:00Z')),
      registeredCommunities: [COMMUNITY, OTHER],
    });
    const people = [
      ['r1', '1950-04-01', 'MALE', 'RETIRED', 'FULL_MEMBER'],
      ['r2', '1988-04-01', 'FEMALE', 'EMPLOYED_REPORTING', 'FULL_MEMBER'],
      ['r3', '2000-04-01', 'FEMALE', 'COMMUNITY', 'APPLICANT'],
      ['r4', '1991-09-09', 'MALE', 'COMMUNITY', 'APPLICANT'],
      ['r5', '1960-06-15', 'FEMALE', 'MOBILE', 'FULL_MEMBER'],
      ['r6', '1955-01-01', 'MALE', 'RETIRED', 'FULL_MEMBER'],
    ] as const;
    await knownReferences(service, [
      // gender and birth date as residents announced them (resident.registered)
      ...people.map(([id, birthDate, gender]) => ({ kind: 'RESIDENT' as const, id, birthDate, gender })),
      { kind: 'RESIDENT', id: 'o1', birthDate: '1970-02-02', gender: 'MALE', communityId: OTHER },
    ]);
    for (const [community, names] of [
      [COMMUNITY, ['第一党支部', '第二党支部']],
      [OTHER, ['香秀党支部']],
    ] as const) {
      const committee = (
        await gql(
          `mutation { createPartyOrganization(input: { name: "社区党委", level: COMMITTEE, establishedOn: "2005-07-01" }) { organization { id } } }`,
          undefined,
          community,
        )
      ).createPartyOrganization.organization.id;
      for (const name of names)
        branches[name] = (
          await gql(
            `mutation($p: ID!, $n: String!) { createPartyOrganization(input: { name: $n, level: BRANCH, parentId: $p, establishedOn: "2005-07-01" }) { organization { id } } }`,
            { p: committee, n: name },
            community,
          )
        ).createPartyOrganization.organization.id;
    }
    const enrol = `mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id } } }`;
    for (const [i, [residentId, birthDate, gender, memberType, stage]] of people.entries()) {
      const dates = stage === 'FULL_MEMBER' ? { fullMemberOn: '2010-07-01' } : { appliedOn: '2025-03-01' };
      const input = {
        branchId: branches[i % 2 ? '第二党支部' : '第一党支部'],
        residentId,
        birthDate,
        gender,
        memberType,
        stage,
        ...dates,
      };
      members.push((await gql(enrol, { input })).enrolPartyMember.member.id);
    }
    const other = {
      branchId: branches['香秀党支部'],
      residentId: 'o1',
      birthDate: '1970-02-02',
      gender: 'MALE',
      memberType: 'COMMUNITY',
      stage: 'FULL_MEMBER',
      fullMemberOn: '2000-07-01',
    };
    await gql(enrol, { input: other }, OTHER);
  });
  afterAll(() => service?.stop());

  it('keeps the rollup equal to a GROUP BY over the members after enrolment, stage changes, moves, leaving and deletion', async () => {
    expect(await expectRollupEqualsBase()).toBeGreaterThan(4);
    await gql(
      `mutation($input: AdvancePartyMemberStageInput!) { advancePartyMemberStage(input: $input) { member { id } } }`,
      { input: { memberId: members[2], to: 'ACTIVIST', on: '2026-05-01' } },
    );
    await gql(`mutation($input: MovePartyMemberInput!) { movePartyMember(input: $input) { member { id } } }`, {
      input: { memberId: members[0], branchId: branches['第二党支部'] },
    });
    const em = service.orm.em.fork();
    const [left, corrected, removed] = await em.find(
      PartyMember,
      { id: { $in: members.slice(3) } },
      {
        orderBy: { id: 'asc' },
      },
    );
    left.status = 'TRANSFERRED_OUT';
    corrected.gender = null;
    corrected.birthDate = '1949-12-31';
    corrected.memberType = 'COMMUNITY';
    await em.nativeDelete(PartyMemberStageChange, { member: removed });
    em.remove(removed);
    await em.flush();
    expect(await expectRollupEqualsBase()).toBeGreaterThan(3);
  });

  it('reads the rollup, not the members: an emptied rollup answers nothing until rebuilt or counted at start', async () => {
    const before = await partyStatistics(service.orm.em.fork(), { communityId: COMMUNITY }, ['STAGE'], TODAY);
    expect(before.length).toBeGreaterThan(1);
    await sql(`delete from party_member_rollup`);
    await sql(`delete from party_member_stage_rollup`);
    await sql(`delete from party_member_community_rollup`);
    expect(await partyStatistics(service.orm.em.fork(), { communityId: COMMUNITY }, ['STAGE'], TODAY)).toEqual([]);
    await service.orm.em.fork().transactional((tx) => rebuildRollup(tx, partyMemberRollup, tx.getTransactionContext()));
    expect(await partyStatistics(service.orm.em.fork(), { communityId: COMMUNITY }, ['STAGE'], TODAY)).toEqual(before);
    // An upgraded database: members exist, the rollup's tables are new and empty; start-up counts them.
    await sql(`delete from party_member_rollup`);
    await sql(`delete from party_member_rollup_member`);
    await sql(`delete from party_member_stage_rollup`);
    await sql(`delete from party_member_community_rollup`);
    await ensureRollups(service.orm.em, [partyMemberRollup]);
    await expectRollupEqualsBase();
    // A coarser table added to a counted rollup (its migration leaves it empty) is filled at start.
    await sql(`delete from party_member_stage_rollup`);
    await sql(`delete from party_member_community_rollup`);
    await ensureRollups(service.orm.em, [partyMemberRollup]);
    await expectRollupEqualsBase();
  });

  it('gives every group its keys in the order of groupBy (branches by id and name, age bands labelled), in the natural order', async () => {
    const query = `query($groupBy: [PartyStatisticsDimension!]!) {
      partyStatistics(groupBy: $groupBy) { keys { dimension value label } organization ageBand stage count } }`;
    const branchNames = new Map(
      (await sql(`select id, name from party_organization where level = 'BRANCH'`)).map((r) => [
        String(r.id),
        String(r.name),
      ]),
    );
    const bands = ['UNDER_36', 'AGE_36_45', 'AGE_46_60', 'AGE_61_70', 'OVER_70', 'UNKNOWN'];
    const stages = [...PartyMemberStages.codes, 'UNKNOWN'] as string[];
    const collator = new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' });
    type Key = { dimension: string; value: string; label: string };
    for (const caller of [{ role: 'party_affairs' as const }, { role: 'analyst' as const, community: '350203008' }]) {
      const result = await service.graphql(query, { groupBy: ['AGE_BAND', 'ORGANIZATION', 'STAGE'] }, caller);
      expect(result.errors).toBeUndefined();
      const groups = result.data.partyStatistics as Array<Row & { keys: Key[] }>;
      expect(groups.length).toBeGreaterThan(2);
      for (const { keys, organization, ageBand, stage } of groups) {
        expect(keys.map((k) => k.dimension)).toEqual(['AGE_BAND', 'ORGANIZATION', 'STAGE']);
        expect(keys[1].label).toBe(keys[1].value === 'UNKNOWN' ? '未知' : branchNames.get(keys[1].value));
        expect(keys[0].label).toMatch(/岁/);
        expect(keys[2].label).toBe(PartyMemberStages.labels[keys[2].value as keyof typeof PartyMemberStages.labels]);
        // the former columns say the same
        expect([ageBand, organization, stage]).toEqual([keys[0].value, keys[1].label, keys[2].value]);
      }
      for (let i = 1; i < groups.length; i++) {
        const [a, b] = [groups[i - 1].keys, groups[i].keys];
        const order =
          bands.indexOf(a[0].value) - bands.indexOf(b[0].value) ||
          collator.compare(a[1].label, b[1].label) ||
          a[1].value.localeCompare(b[1].value) ||
          stages.indexOf(a[2].value) - stages.indexOf(b[2].value);
        expect(order, JSON.stringify([a, b])).toBeLessThan(0);
      }
    }
  });

  it('still puts analysts’ statistics through disclosure control, within their street', async () => {
    const query = `{ partyStatistics(groupBy: [STAGE]) { stage count suppressed } }`;
    const analyst = await service.graphql(query, undefined, { role: 'analyst', community: '350203008' });
    expect(analyst.errors).toBeUndefined();
    for (const group of analyst.data.partyStatistics) {
      if (group.count === null) expect(group.suppressed).toMatch(/抑制/);
      else expect(group.count === 0 || group.count >= 5).toBe(true);
    }
    const exact = await service.graphql(query, undefined, { role: 'party_affairs' });
    expect(exact.data.partyStatistics.map((g: Row) => [g.stage, g.count])).toEqual(
      (await fromRows([COMMUNITY], ['STAGE'])).map((g) => [g.keys[0].value, g.count]),
    );
  });
});
