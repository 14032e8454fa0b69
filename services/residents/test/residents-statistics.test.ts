import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { orderResidentStatistics } from '../src/application/statistics.js';
import { ageBand } from '../src/domain/age-bands.js';
import { CareRecord } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture, residentIn } from './fixtures.js';

const STATS = `query($groupBy: [ResidentStatisticsDimension!]!, $filter: ResidentStatisticsFilter) {
  residentStatistics(groupBy: $groupBy, filter: $filter) {
    total totalSuppressed groups { keys { dimension value label } count suppressed }
  }
}`;

/** Groups as { "v1/v2": count } for compact comparison. */
const counts = (result: any) =>
  Object.fromEntries(
    result.data.residentStatistics.groups.map((g: any) => [g.keys.map((k: any) => k.value).join('/'), g.count]),
  );

describe('age bands', () => {
  it('puts birthdays on the boundary into the older band', () => {
    const today = '2026-11-30';
    expect([
      ageBand('2020-12-01', today),
      ageBand('2019-11-30', today),
      ageBand('2008-11-30', today),
      ageBand('2008-12-01', today),
    ]).toEqual(['AGE_0_6', 'AGE_7_17', 'AGE_18_34', 'AGE_7_17']);
    expect([
      ageBand('1966-12-01', today),
      ageBand('1966-11-30', today),
      ageBand('1946-11-30', today),
      ageBand(null, today),
    ]).toEqual(['AGE_35_59', 'AGE_60_79', 'AGE_80_PLUS', null]);
  });
});

describe.each(testDialects())('resident statistics on %s', (dialect) => {
  let service: TestSubgraph;

  // Hand-counted fixture, ages on 2026-11-30 (gender follows the sequence: odd male, even female):
  //  2 林秀英 F 86 grid-a 独居 (+高龄)     3 林建国 M 51 grid-a 低保       4 陈丽 F 36 grid-b
  //  5 陈小宝 M  4 grid-b floating          6 林小雨 F 15 grid-a            7 黄大海 M 66 grid-b moved out
  //  8 林小梅 F 18 grid-a 重点人员          9 黄老伯 M 79 grid-b 独居
  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
    });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    const [a1, a2, b1, b2] = households as [any, any, any, any];
    const r = [
      residentIn(em, a1, '林秀英', '1940-03-08', 2),
      residentIn(em, a1, '林建国', '1975-06-01', 3),
      residentIn(em, b1, '陈丽', '1990-01-15', 4),
      residentIn(em, b1, '陈小宝', '2022-05-05', 5),
      residentIn(em, a2, '林小雨', '2010-12-01', 6),
      residentIn(em, b2, '黄大海', '1960-11-30', 7),
      residentIn(em, a2, '林小梅', '2008-11-30', 8),
      residentIn(em, b2, '黄老伯', '1946-12-01', 9),
    ];
    Object.assign(r[3], {
      residenceType: 'FLOATING',
      residencePermitIssuedOn: '2026-01-01',
      residencePermitExpiresOn: '2027-01-01',
    });
    Object.assign(r[5], { status: 'MOVED_OUT', movedOutOn: '2026-10-01', moveOutDestination: '厦门市湖里区' });
    const care = (resident: any, category: string, i: number, endedOn: string | null = null) =>
      em.create(CareRecord, {
        id: `care-${i}`,
        communityId: COMMUNITY,
        resident,
        category: category as any,
        startedOn: '2026-01-01',
        source: '测试',
        endedOn,
      });
    care(r[0], 'ELDERLY_LIVING_ALONE', 1);
    care(r[1], 'MINIMUM_LIVING_ALLOWANCE', 2);
    care(r[1], 'UNEMPLOYED', 3, '2026-06-01'); // ended: not counted
    care(r[6], 'KEY_PERSON', 4);
    care(r[7], 'ELDERLY_LIVING_ALONE', 5);
    await em.flush();
  });
  afterAll(() => service?.stop());

  it('counts by gender and by age band', async () => {
    const gender = await service.graphql(STATS, { groupBy: ['GENDER'] });
    expect(gender.errors).toBeUndefined();
    expect(gender.data.residentStatistics.total).toBe(8);
    expect(counts(gender)).toEqual({ MALE: 4, FEMALE: 4 });
    const ages = await service.graphql(STATS, { groupBy: ['AGE_BAND'] });
    expect(counts(ages)).toEqual({ AGE_0_6: 1, AGE_7_17: 1, AGE_18_34: 1, AGE_35_59: 2, AGE_60_79: 2, AGE_80_PLUS: 1 });
  });

  it('lists groups in the natural order shared by every service: age bands youngest first, keys as in groupBy', async () => {
    // before, groups were sorted by their joined labels: 0–6, 18–34, 35–59, 60–79, 7–17, 80+
    const ages = await service.graphql(STATS, { groupBy: ['AGE_BAND'] });
    expect(ages.data.residentStatistics.groups.map((g: any) => g.keys[0].label)).toEqual([
      '0–6 岁（学龄前）',
      '7–17 岁（学龄）',
      '18–34 岁',
      '35–59 岁',
      '60–79 岁',
      '80 岁及以上（高龄）',
    ]);
    const BANDS = ['AGE_0_6', 'AGE_7_17', 'AGE_18_34', 'AGE_35_59', 'AGE_60_79', 'AGE_80_PLUS'];
    const GENDERS = ['MALE', 'FEMALE'];
    for (const caller of [undefined, { role: 'analyst' as const, community: '350203008' }]) {
      // analysts get the controlled table (every combination); both in the same order
      const byGenderAndBand = await service.graphql(STATS, { groupBy: ['GENDER', 'AGE_BAND'] }, caller);
      expect(byGenderAndBand.errors).toBeUndefined();
      const groups = byGenderAndBand.data.residentStatistics.groups as any[];
      expect(groups.every((g) => g.keys.map((k: any) => k.dimension).join() === 'GENDER,AGE_BAND')).toBe(true);
      const ranks = groups.map((g) => [GENDERS.indexOf(g.keys[0].value), BANDS.indexOf(g.keys[1].value)]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      expect(groups[0].keys).toEqual([
        { dimension: 'GENDER', value: 'MALE', label: '男' },
        { dimension: 'AGE_BAND', value: 'AGE_0_6', label: '0–6 岁（学龄前）' },
      ]);
    }
    // grids by their names in Chinese collation: 莲 (lián) before 香 (xiāng)
    const grids = await service.graphql(STATS, { groupBy: ['GRID'] });
    expect(grids.data.residentStatistics.groups.map((g: any) => g.keys[0].label)).toEqual(['莲秀里网格', '香秀里网格']);
  });

  it('crosses grid with status, and residence type within a filter', async () => {
    const grid = await service.graphql(STATS, { groupBy: ['GRID', 'STATUS'] });
    expect(counts(grid)).toEqual({ 'grid-a/ACTIVE': 4, 'grid-b/ACTIVE': 3, 'grid-b/MOVED_OUT': 1 });
    expect(grid.data.residentStatistics.groups.find((g: any) => g.keys[0].value === 'grid-a').keys[0]).toEqual({
      dimension: 'GRID',
      value: 'grid-a',
      label: '香秀里网格',
    });
    const type = await service.graphql(STATS, { groupBy: ['RESIDENCE_TYPE'], filter: { status: 'ACTIVE' } });
    expect(counts(type)).toEqual({ REGISTERED: 6, FLOATING: 1 });
    const building = await service.graphql(STATS, { groupBy: ['BUILDING'], filter: { gender: 'FEMALE', minAge: 18 } });
    expect(counts(building)).toEqual({ 'building-0': 2, 'building-1': 1 });
    // a filter through household → building → grid
    const inGrid = await service.graphql(STATS, { groupBy: ['GENDER'], filter: { gridId: 'grid-a' } });
    expect(counts(inGrid)).toEqual({ MALE: 1, FEMALE: 3 });
  });

  it('counts care categories (open records, 高龄 derived, NONE for the rest); sensitive ones only for roles that may see them', async () => {
    const admin = await service.graphql(STATS, { groupBy: ['CARE_CATEGORY'] });
    expect(counts(admin)).toEqual({
      ADVANCED_AGE: 1,
      ELDERLY_LIVING_ALONE: 2,
      MINIMUM_LIVING_ALLOWANCE: 1,
      KEY_PERSON: 1,
      NONE: 4,
    });
    const analyst = await service.graphql(
      STATS,
      { groupBy: ['CARE_CATEGORY'] },
      { role: 'analyst', community: '350203008' },
    );
    expect(analyst.errors).toBeUndefined();
    // the analyst may not see care categories person by person: every category is listed, cells below 5 are null
    const shown = Object.fromEntries(Object.entries(counts(analyst)).filter(([, n]) => n !== null));
    expect(shown).toEqual({ NONE: 5 });
    expect(counts(analyst)).toMatchObject({ MINIMUM_LIVING_ALLOWANCE: null, ELDERLY_LIVING_ALONE: null });
    expect(counts(analyst)).not.toHaveProperty('KEY_PERSON');
    expect(JSON.stringify(analyst.data)).not.toMatch(/resident-|林|陈|黄/);
    process.env.SHEQU_DISCLOSURE_THRESHOLD = '1';
    try {
      const unsuppressed = await service.graphql(
        STATS,
        { groupBy: ['CARE_CATEGORY'] },
        { role: 'analyst', community: '350203008' },
      );
      expect(counts(unsuppressed)).toMatchObject({
        ADVANCED_AGE: 1,
        ELDERLY_LIVING_ALONE: 2,
        MINIMUM_LIVING_ALLOWANCE: 1,
        NONE: 5,
        UNEMPLOYED: null, // zero is below a threshold of 1 too
      });
    } finally {
      delete process.env.SHEQU_DISCLOSURE_THRESHOLD;
    }
    const refused = await service.graphql(
      STATS,
      { groupBy: ['GENDER'], filter: { careCategory: 'KEY_PERSON' } },
      { role: 'analyst', community: '350203008' },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // an empty age range is a mistake, not a count of nobody: refused naming maxAge (statistics and lists alike)
    const emptyRange = await service.graphql(
      STATS,
      { groupBy: ['GENDER'], filter: { minAge: 80, maxAge: 60 } },
      { role: 'analyst', community: '350203008' },
    );
    expect(emptyRange.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxAge' });
    const emptyList = await service.graphql(`{ residents(filter: { minAge: 80, maxAge: 60 }) { totalCount } }`);
    expect(emptyList.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxAge' });
    const denied = await service.graphql(STATS, { groupBy: ['GENDER'] }, { role: 'culture' });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const analystList = await service.graphql(`{ residents { totalCount } }`, undefined, {
      role: 'analyst',
      community: '350203008',
    });
    expect(analystList.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('计生 (ages person by person, no birth dates) gets a table by age controlled: no small cell tells an unaudited age', async () => {
    // 8 residents in two buildings: before, building × age band gave cells of 1 and 2, and a building's residents
    // aged 60 and over a total of 1 — one person's age band with no entry in any trail
    const planning = { role: 'family_planning' } as const;
    const byBand = await service.graphql(STATS, { groupBy: ['BUILDING', 'AGE_BAND'] }, planning);
    expect(byBand.errors).toBeUndefined();
    const groups = byBand.data.residentStatistics.groups as any[];
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      if (group.count === null) expect(group.suppressed).toMatch(/抑制/);
      else expect(group.count === 0 || group.count >= 5).toBe(true);
    }
    for (const filter of [
      { buildingId: 'building-1', minAge: 60 },
      { buildingId: 'building-0', maxAge: 17 },
    ]) {
      const total = await service.graphql(STATS, { groupBy: [], filter }, planning);
      expect(total.errors).toBeUndefined();
      expect(total.data.residentStatistics.total).toBeNull();
      expect(total.data.residentStatistics.totalSuppressed).toMatch(/抑制/);
    }
    // a table without ages stays exact for it; a caller who reads birth dates keeps exact ages
    expect(counts(await service.graphql(STATS, { groupBy: ['GENDER'] }, planning))).toEqual({ MALE: 4, FEMALE: 4 });
    const admin = await service.graphql(STATS, { groupBy: [], filter: { buildingId: 'building-1', minAge: 60 } });
    expect(admin.data.residentStatistics.total).toBeGreaterThan(0);
    expect(admin.data.residentStatistics.totalSuppressed).toBeNull();
  });

  describe('statistical disclosure control for roles that may not see care categories', () => {
    const roles = [
      { role: 'analyst', community: '350203008' },
      { role: 'family_planning' },
      { role: 'comprehensive_governance' },
    ] as const;

    it.each(roles)('$role: building × gender × age band × care category has no small care cell', async (caller) => {
      const result = await service.graphql(
        STATS,
        { groupBy: ['BUILDING', 'GENDER', 'AGE_BAND', 'CARE_CATEGORY'] },
        caller,
      );
      expect(result.errors).toBeUndefined();
      const groups = result.data.residentStatistics.groups as any[];
      const ordinary = groups.filter((g) => g.keys[3].value !== 'KEY_PERSON');
      expect(ordinary.length).toBeGreaterThan(0);
      for (const group of ordinary) {
        if (group.count === null) expect(group.suppressed).toMatch(/抑制/);
        else expect(group.count).toBeGreaterThanOrEqual(5);
      }
      // every care category is listed for every group of the other dimensions: presence tells nothing
      const rows = new Set(
        groups.map((g) =>
          g.keys
            .slice(0, 3)
            .map((k: any) => k.value)
            .join('/'),
        ),
      );
      const lowIncome = groups.filter((g) => g.keys[3].value === 'MINIMUM_LIVING_ALLOWANCE');
      expect(lowIncome.length).toBe(rows.size);
    });

    it.each(roles)(
      '$role: a narrow filter (one building, gender, age) on 低保 gives a suppressed total',
      async (caller) => {
        // 林建国 M 51, the only 低保 of building-0
        const result = await service.graphql(
          STATS,
          {
            groupBy: ['GENDER'],
            filter: {
              buildingId: 'building-0',
              gender: 'MALE',
              minAge: 51,
              maxAge: 51,
              careCategory: 'MINIMUM_LIVING_ALLOWANCE',
            },
          },
          caller,
        );
        expect(result.errors).toBeUndefined();
        expect(result.data.residentStatistics.total).toBeNull();
        expect(result.data.residentStatistics.totalSuppressed).toMatch(/少于 5/);
        // every gender is listed (an analyst's table is controlled as a whole), each null
        const listed = result.data.residentStatistics.groups.map((g: any) => g.count);
        expect(listed.length).toBeGreaterThan(0);
        expect(listed.every((n: number | null) => n === null)).toBe(true);
      },
    );

    it('an analyst (no residents:read) gets every count controlled, care categories or not', async () => {
      // before, building × gender × age band gave an analyst exact cells of one: the only man of 51 in a building
      const result = await service.graphql(
        STATS,
        { groupBy: ['BUILDING', 'GENDER', 'AGE_BAND'] },
        { role: 'analyst', community: '350203008' },
      );
      expect(result.errors).toBeUndefined();
      const groups = result.data.residentStatistics.groups as any[];
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        if (group.count === null) expect(group.suppressed).toMatch(/抑制/);
        else expect(group.count).toBeGreaterThanOrEqual(5);
      }
      // every combination is listed (zero cells too), so a group's presence tells nothing
      const distinct = (i: number) => new Set(groups.map((g) => g.keys[i].value)).size;
      expect(groups).toHaveLength(distinct(0) * distinct(1) * distinct(2));
      // no line keeps exactly one suppressed cell
      for (const skip of [0, 1, 2]) {
        const lines = new Map<string, number>();
        for (const g of groups) {
          const line = g.keys
            .filter((_: unknown, i: number) => i !== skip)
            .map((k: any) => k.value)
            .join('|');
          lines.set(line, (lines.get(line) ?? 0) + (g.count === null ? 1 : 0));
        }
        for (const suppressed of lines.values()) expect(suppressed).not.toBe(1);
      }
      // the community admin, who reads residents, gets the exact counts
      const exact = await service.graphql(STATS, { groupBy: ['BUILDING', 'GENDER', 'AGE_BAND'] });
      expect((exact.data.residentStatistics.groups as any[]).some((g) => g.count > 0 && g.count < 5)).toBe(true);
    });

    it('an analyst’s filtered table is one count: the values listed come from the registry and vocabularies, not a second count', async () => {
      // before, a filter made the analyst's table count everyone a second time without it, only to list the values
      const spy = vi.spyOn(service.orm.em.getConnection(), 'execute');
      process.env.SHEQU_DISCLOSURE_THRESHOLD = '1';
      try {
        const result = await service.graphql(
          STATS,
          { groupBy: ['GRID', 'AGE_BAND'], filter: { status: 'ACTIVE' } },
          { role: 'analyst', community: '350203008' },
        );
        expect(result.errors).toBeUndefined();
        // the same table as when the values were those present in the scope (here every value is present): every
        // grid × age band × gender, zero cells listed, cells below 2 null, no line with one suppressed cell
        const { total, totalSuppressed, groups } = result.data.residentStatistics;
        expect([total, totalSuppressed]).toEqual([7, null]);
        expect(
          Object.fromEntries(
            groups.map((g: any) => [
              g.keys.map((k: any) => k.value).join('/'),
              g.count ?? (/反推/.test(g.suppressed) ? 'complement' : 'small'),
            ]),
          ),
        ).toEqual(ANALYST_FILTERED_TABLE);
        // one grouped count of the rollup (before: two, the second without the filter)
        const counts = spy.mock.calls.filter(([sql]) => typeof sql === 'string' && /sum\(g\."n"\)/.test(sql));
        expect(counts).toHaveLength(1);
      } finally {
        delete process.env.SHEQU_DISCLOSURE_THRESHOLD;
        spy.mockRestore();
      }
    });

    it('one suppressed cell is never alone in a line: the total cannot give it back', async () => {
      const result = await service.graphql(STATS, { groupBy: ['GRID', 'CARE_CATEGORY'] }, { role: 'family_planning' });
      const groups = result.data.residentStatistics.groups as any[];
      for (const grid of new Set(groups.map((g) => g.keys[0].value))) {
        const suppressed = groups.filter((g) => g.keys[0].value === grid && g.count === null).length;
        expect(suppressed === 0 || suppressed >= 2).toBe(true);
      }
    });

    it('a role that sees care categories gets exact counts', async () => {
      const result = await service.graphql(
        STATS,
        { groupBy: ['GENDER'], filter: { buildingId: 'building-0', careCategory: 'MINIMUM_LIVING_ALLOWANCE' } },
        { role: 'civil_affairs' },
      );
      expect(result.data.residentStatistics.total).toBe(1);
      expect(counts(result)).toEqual({ MALE: 1 });
    });

    it('an analyst’s table comes in the natural order, grids by their current names', async () => {
      const analyst = { role: 'analyst' as const, community: '350203008' };
      const gridsOf = async () => {
        const result = await service.graphql(STATS, { groupBy: ['GRID', 'GENDER', 'CARE_CATEGORY'] }, analyst);
        expect(result.errors).toBeUndefined();
        const groups = result.data.residentStatistics.groups as any[];
        // listed in the order of the values in scope, not sorted again: the same as sorted
        expect(groups).toEqual(orderResidentStatistics(groups));
        return [...new Set(groups.map((g) => g.keys[0].label))];
      };
      expect(await gridsOf()).toEqual(['莲秀里网格', '香秀里网格']);
      // the collated order of the places is kept between answers: a renamed grid is ordered by its new name
      const connection = service.orm.em.getConnection();
      await connection.execute(`update "grid" set "name" = '阿秀里网格' where "id" = 'grid-a'`);
      try {
        expect(await gridsOf()).toEqual(['阿秀里网格', '莲秀里网格']);
      } finally {
        await connection.execute(`update "grid" set "name" = '香秀里网格' where "id" = 'grid-a'`);
      }
      expect(await gridsOf()).toEqual(['莲秀里网格', '香秀里网格']);
    });
  });
});

/** `groupBy: [GRID, AGE_BAND]` of the active residents as the analyst sees it at threshold 1 (suppressed: why). */
const ANALYST_FILTERED_TABLE = {
  'grid-a/AGE_0_6': 'small',
  'grid-a/AGE_18_34': 'complement',
  'grid-a/AGE_35_59': 1,
  'grid-a/AGE_60_79': 'small',
  'grid-a/AGE_7_17': 'complement',
  'grid-a/AGE_80_PLUS': 'complement',
  'grid-b/AGE_0_6': 'complement',
  'grid-b/AGE_18_34': 'small',
  'grid-b/AGE_35_59': 1,
  'grid-b/AGE_60_79': 'complement',
  'grid-b/AGE_7_17': 'small',
  'grid-b/AGE_80_PLUS': 'small',
};
