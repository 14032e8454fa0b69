import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeResidentIdNumber } from '@shequ/contracts';
import { ensureRollups, rebuildRollup } from '@shequ/database';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { ageBand } from '../src/domain/age-bands.js';
import { ageOn } from '@shequ/contracts';
import { residentRollup } from '../src/application/statistics-rollup.js';
import { Building, CareRecord, Household, Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture, residentIn } from './fixtures.js';

const TODAY = '2026-11-30';
/** A day early in its year: each cut-off's year split nearer its start. */
const EARLY = '2027-02-03';
const STATS = `query($groupBy: [ResidentStatisticsDimension!]!, $filter: ResidentStatisticsFilter) {
  residentStatistics(groupBy: $groupBy, filter: $filter) { total groups { keys { value } count } }
}`;
const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { resident { id } } }`;
const UPDATE = `mutation($input: UpdateResidentInput!) { updateResident(input: $input) { resident { id } } }`;
const MOVE = `mutation($input: MoveResidentInput!) { moveResident(input: $input) { resident { id } } }`;
const MOVE_OUT = `mutation($input: MoveOutResidentInput!) { moveOutResident(input: $input) { resident { id } } }`;
const DEATH = `mutation($input: RecordResidentDeathInput!) { recordResidentDeath(input: $input) { resident { id } } }`;
const ADD_CARE = `mutation($input: AddCareCategoryInput!) { addCareCategory(input: $input) { careRecord { id } } }`;
const END_CARE = `mutation($input: EndCareCategoryInput!) { endCareCategory(input: $input) { careRecord { id } } }`;
const REDRAW = `mutation($input: RedrawGridInput!) { redrawGrid(input: $input) { grid { id } } }`;
const IMPORT = `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { created updated rejected } }`;
const CORRECT = `mutation($input: CorrectResidentIdNumberInput!) {
  correctResidentIdNumber(input: $input) { resident { id gender birthDate } }
}`;

type Row = Record<string, unknown>;
const KEY = [
  'community_id',
  'building_id',
  'gender',
  'birth_date',
  'residence_type',
  'status',
  'care_mask',
  'name_initial',
];
const normalise = (rows: Row[]) =>
  rows.map((r) => [...KEY, 'n'].map((c) => String(r[c])).join('|')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
/** The groups without the birth date and the name (what `resident_place_rollup` holds), summed from full-key rows. */
const withoutBirthDate = (rows: Row[]) => {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const key = KEY.filter((c) => c !== 'birth_date' && c !== 'name_initial')
      .map((c) => String(r[c]))
      .join('|');
    sums.set(key, (sums.get(key) ?? 0) + Number(r.n));
  }
  return [...sums]
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => `${key}|${n}`)
    .sort();
};

/** The groups of `resident_count_rollup` (community × gender × residence type × status), summed from rows. */
const COUNT_KEY = ['community_id', 'gender', 'residence_type', 'status'];
/** ... and of `resident_initial_rollup` (name's first character × community × status). */
const INITIAL_KEY = ['name_initial', 'community_id', 'status'];
const countGroups = (rows: Row[], keys = COUNT_KEY) => {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const key = keys.map((c) => String(r[c])).join('|');
    sums.set(key, (sums.get(key) ?? 0) + Number(r.n));
  }
  return [...sums]
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => `${key}|${n}`)
    .sort();
};

/** Handwritten GROUP BY over the base tables, written independently of the rollup's own SQL. */
const BASE_GROUP_BY = `
  select r.community_id, coalesce(h.building_id, '') as building_id, coalesce(r.gender, '') as gender,
         coalesce(r.birth_date, '') as birth_date, r.residence_type, r.status, coalesce(m.mask, 0) as care_mask,
         substr(r.name, 1, 1) as name_initial, count(*) as n
  from resident r
  left join household h on h.id = r.household_id
  left join (
    select resident_id, sum(bit) as mask from (
      select distinct resident_id, case category
        when 'MINIMUM_LIVING_ALLOWANCE' then 1 when 'EXTREME_POVERTY' then 2 when 'DISABILITY' then 4
        when 'ELDERLY_LIVING_ALONE' then 8 when 'ADVANCED_AGE' then 16 when 'VETERAN' then 32
        when 'RETIRED_CADRE' then 64 when 'UNEMPLOYED' then 128 when 'LEFT_BEHIND_CHILD' then 256
        when 'MIGRANT_WORKER_CHILD' then 512 when 'KEY_PERSON' then 1024 end as bit
      from care_record where ended_on is null) open_categories
    group by resident_id) m on m.resident_id = r.id
  group by r.community_id, coalesce(h.building_id, ''), coalesce(r.gender, ''), coalesce(r.birth_date, ''),
           r.residence_type, r.status, coalesce(m.mask, 0), substr(r.name, 1, 1)`;

/** Handwritten GROUP BY of `resident_age_rollup`'s groups: grid of the household's building, year of the birth date. */
const AGE_KEY = ['community_id', 'grid_id', 'birth_year', 'gender', 'residence_type', 'status', 'care_mask'];
const AGE_GRID_KEY = ['community_id', 'grid_id', 'birth_year', 'status'];
const AGE_CARE_KEY = ['community_id', 'grid_id', 'birth_year', 'status', 'care_mask'];
const AGE_PEOPLE_KEY = ['community_id', 'birth_year', 'gender', 'residence_type', 'status'];
/** ... and of `resident_grid_rollup` (by grid, no building, no birth year). */
const GRID_KEY = ['community_id', 'grid_id', 'gender', 'residence_type', 'status', 'care_mask'];
const BASE_AGE_GROUP_BY = `
  select k.community_id, k.grid_id, k.birth_year, k.gender, k.residence_type, k.status, k.care_mask, count(*) as n
  from (
    select r.community_id, coalesce(b.grid_id, '') as grid_id,
           case when r.birth_date is null then '' else substr(r.birth_date, 1, 4) end as birth_year,
           coalesce(r.gender, '') as gender, r.residence_type, r.status, coalesce(m.mask, 0) as care_mask
    from resident r
    left join household h on h.id = r.household_id
    left join building b on b.id = h.building_id
    left join (
      select resident_id, sum(bit) as mask from (
        select distinct resident_id, case category
          when 'MINIMUM_LIVING_ALLOWANCE' then 1 when 'EXTREME_POVERTY' then 2 when 'DISABILITY' then 4
          when 'ELDERLY_LIVING_ALONE' then 8 when 'ADVANCED_AGE' then 16 when 'VETERAN' then 32
          when 'RETIRED_CADRE' then 64 when 'UNEMPLOYED' then 128 when 'LEFT_BEHIND_CHILD' then 256
          when 'MIGRANT_WORKER_CHILD' then 512 when 'KEY_PERSON' then 1024 end as bit
        from care_record where ended_on is null) open_categories
      group by resident_id) m on m.resident_id = r.id) k
  group by k.community_id, k.grid_id, k.birth_year, k.gender, k.residence_type, k.status, k.care_mask`;

describe.each(testDialects())('statistics rollup on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-11-30T08:00:00Z'));
  const sql = (text: string, params: unknown[] = []) => service.orm.em.getConnection().execute<Row[]>(text, params);
  const rollupRows = () => sql(`select * from resident_rollup where n <> 0`);
  const placeRows = async () => withoutBirthDate(await sql(`select * from resident_place_rollup where n <> 0`));
  const countRows = async () => countGroups(await sql(`select * from resident_count_rollup where n <> 0`));
  const initialRows = async () =>
    countGroups(await sql(`select * from resident_initial_rollup where n <> 0`), INITIAL_KEY);
  // the table by grid and birth year and its two smaller copies (status only; status and care categories)
  const ageRows = async () => [
    ...countGroups(await sql(`select * from resident_age_rollup where n <> 0`), AGE_KEY),
    ...countGroups(await sql(`select * from resident_age_grid_rollup where n <> 0`), AGE_GRID_KEY).map(
      (r) => `grid ${r}`,
    ),
    ...countGroups(await sql(`select * from resident_age_care_rollup where n <> 0`), AGE_CARE_KEY).map(
      (r) => `care ${r}`,
    ),
    ...countGroups(await sql(`select * from resident_age_people_rollup where n <> 0`), AGE_PEOPLE_KEY).map(
      (r) => `people ${r}`,
    ),
    ...countGroups(await sql(`select * from resident_grid_rollup where n <> 0`), GRID_KEY).map((r) => `by grid ${r}`),
  ];
  const baseAgeRows = async () => {
    const base = await sql(BASE_AGE_GROUP_BY);
    return [
      ...countGroups(base, AGE_KEY),
      ...countGroups(base, AGE_GRID_KEY).map((r) => `grid ${r}`),
      ...countGroups(base, AGE_CARE_KEY).map((r) => `care ${r}`),
      ...countGroups(base, AGE_PEOPLE_KEY).map((r) => `people ${r}`),
      ...countGroups(base, GRID_KEY).map((r) => `by grid ${r}`),
    ];
  };

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      clock,
    });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    const [a1, a2, b1] = households as [Household, Household, Household];
    residentIn(em, a1, '林秀英', '1940-03-08', 2);
    residentIn(em, a1, '林建国', '1975-06-01', 3);
    residentIn(em, b1, '陈丽', '1990-01-15', 4);
    residentIn(em, a2, '林小梅', '2008-11-30', 8);
    await em.flush();
  });
  afterAll(() => service?.stop());

  it('keeps the rollup equal to a GROUP BY over the base tables after API (身份证号更正 too), import, transaction and ORM writes', async () => {
    const ok = async (query: string, input: object) => {
      const result = await service.graphql(query, { input });
      expect(result.errors).toBeUndefined();
      return result.data;
    };
    // API: register, update, move, move out, death, care categories added and ended.
    const registered = await ok(REGISTER, {
      name: '张建华',
      idNumber: composeResidentIdNumber('360102', '1990-05-05', 13),
      householdId: 'household-0-1',
    });
    const newId = registered.registerResident.resident.id as string;
    await ok(UPDATE, {
      residentId: newId,
      residenceType: 'FLOATING',
      residencePermitIssuedOn: '2026-03-01',
      residencePermitExpiresOn: '2027-02-28',
    });
    await ok(MOVE, { residentId: 'resident-3', householdId: 'household-1-2', movedInOn: '2026-10-01' });
    await ok(MOVE_OUT, { residentId: 'resident-4', movedOutOn: '2026-11-20', destination: '江西省南昌市' });
    await ok(DEATH, { residentId: 'resident-2', diedOn: '2026-11-28' });
    const low = await ok(ADD_CARE, {
      residentId: 'resident-3',
      category: 'MINIMUM_LIVING_ALLOWANCE',
      startedOn: '2026-01-31',
      source: '民政局审批',
    });
    await ok(ADD_CARE, { residentId: 'resident-3', category: 'DISABILITY', startedOn: '2026-02-01', source: '残联' });
    await ok(ADD_CARE, { residentId: 'resident-8', category: 'KEY_PERSON', startedOn: '2026-02-01', source: '综治' });
    await ok(END_CARE, { careRecordId: low.addCareCategory.careRecord.id, endedOn: '2026-11-01', reason: '收入超标' });
    // Import: one new resident in a new building, one existing resident's phone.
    await ok(IMPORT, {
      format: 'CSV',
      content: [
        'idNumber,name,phone,gridCode,building,unit,room,housing,relationToHead,residenceType,residencePermitIssuedOn,residencePermitExpiresOn',
        `${composeResidentIdNumber('350203', '1982-02-02', 12)},李美玲,13800000002,350203008006-02,莲秀里9号楼,3,402,RENTED,HEAD,,,`,
        `${composeResidentIdNumber('350203', '1975-06-01', 3)},林建国,13911112222,,香秀里1号楼,1,101,,OTHER,,,`,
      ].join('\r\n'),
    });
    // 身份证号更正 (after the import, which matches by the number): 林建国 becomes a woman born in 1944 (高龄), in
    // other groups of gender, birth date, birth year and age band.
    const corrected = await ok(CORRECT, {
      residentId: 'resident-3',
      idNumber: composeResidentIdNumber('350203', '1944-04-02', 22),
      reason: '登记时录入错误，以户籍证明为准',
    });
    expect(corrected.correctResidentIdNumber.resident).toEqual({
      id: 'resident-3',
      gender: 'FEMALE',
      birthDate: '1944-04-02',
    });
    // A transaction of ORM writes (nested flushes), and a household moving to another building.
    await service.orm.em.fork().transactional(async (em) => {
      const r8 = await em.findOneOrFail(Resident, 'resident-8');
      r8.gender = 'MALE';
      await em.flush();
      em.create(CareRecord, {
        id: 'care-x',
        communityId: COMMUNITY,
        resident: r8,
        category: 'VETERAN',
        startedOn: '2026-01-01',
        source: '测试',
      });
      const household = await em.findOneOrFail(Household, 'household-0-2');
      household.building = em.getReference(Building, 'building-1', { wrapped: true });
    });
    // A building redrawn into another grid: its residents move to that grid's groups of the table by age.
    await ok(REDRAW, { gridId: 'grid-b', buildingIds: ['building-0'], reason: '测试' });
    const em = service.orm.em.fork();
    await em.nativeDelete(CareRecord, { id: 'does-not-exist' });
    const veteran = await em.findOneOrFail(CareRecord, 'care-x');
    em.remove(veteran);
    await em.flush();

    const base = await sql(BASE_GROUP_BY);
    const expected = normalise(base);
    expect(expected.length).toBeGreaterThan(4);
    expect(normalise(await rollupRows())).toEqual(expected);
    // the coarser table (no birth date) is kept by the same writes
    const places = withoutBirthDate(base);
    expect(places.length).toBeGreaterThan(4);
    expect(await placeRows()).toEqual(places);
    // and the coarsest (what a resident list's totalCount reads)
    const counts = countGroups(base);
    expect(counts.length).toBeGreaterThan(2);
    expect(await countRows()).toEqual(counts);
    // and the one by the name's first character (a one-character name prefix's totalCount)
    const initials = countGroups(base, INITIAL_KEY);
    expect(initials.length).toBeGreaterThan(2);
    expect(await initialRows()).toEqual(initials);
    // and the one by grid and birth year (statistics by age without a building)
    const ages = await baseAgeRows();
    expect(ages.length).toBeGreaterThan(4);
    expect(ages.some((row) => row.includes('|grid-b|'))).toBe(true);
    expect(await ageRows()).toEqual(ages);

    // A rebuild from scratch (what start-up does for a new rollup) gives the same table.
    await service.orm.em.fork().transactional((tx) => rebuildRollup(tx, residentRollup, tx.getTransactionContext()));
    expect(normalise(await rollupRows())).toEqual(expected);
    expect(await placeRows()).toEqual(places);
    expect(await countRows()).toEqual(counts);
    expect(await initialRows()).toEqual(initials);
    expect(await ageRows()).toEqual(ages);
    // A coarser table added to an existing rollup (its migration leaves it empty) is filled at start.
    await sql(`delete from resident_place_rollup`);
    await sql(`delete from resident_count_rollup`);
    await sql(`delete from resident_initial_rollup`);
    await sql(`delete from resident_age_rollup`);
    await sql(`delete from resident_age_grid_rollup`);
    await sql(`delete from resident_age_care_rollup`);
    await sql(`delete from resident_age_people_rollup`);
    await sql(`delete from resident_grid_rollup`);
    await ensureRollups(service.orm.em.fork(), [residentRollup]);
    expect(await ageRows()).toEqual(ages);
    expect(await placeRows()).toEqual(places);
    expect(await countRows()).toEqual(counts);
    expect(await initialRows()).toEqual(initials);
    expect(normalise(await rollupRows())).toEqual(expected);
  });

  it('answers statistics as the base tables do: grid × age band, care categories, status', async () => {
    // Grid × age band from the base tables, banded in the test with the domain rule.
    const people = await sql(`
      select g.id as grid, r.birth_date as birth from resident r
      left join household h on h.id = r.household_id left join building b on b.id = h.building_id
      left join grid g on g.id = b.grid_id`);
    const expected: Record<string, number> = {};
    for (const p of people) {
      const key = `${(p.grid as string | null) ?? 'UNKNOWN'}/${ageBand(p.birth as string | null, TODAY) ?? 'UNKNOWN'}`;
      expected[key] = (expected[key] ?? 0) + 1;
    }
    const counts = (result: any) =>
      Object.fromEntries(
        result.data.residentStatistics.groups.map((g: any) => [g.keys.map((k: any) => k.value).join('/'), g.count]),
      );
    const byGridAndBand = await service.graphql(STATS, { groupBy: ['GRID', 'AGE_BAND'] });
    expect(byGridAndBand.errors).toBeUndefined();
    expect(counts(byGridAndBand)).toEqual(expected);
    expect(byGridAndBand.data.residentStatistics.total).toBe(people.length);

    const open = await sql(
      `select category, count(distinct resident_id) as n from care_record where ended_on is null group by category`,
    );
    const advanced = await sql(`select count(*) as n from resident where status = 'ACTIVE' and birth_date <= ?`, [
      '1946-11-30',
    ]);
    const byCare = await service.graphql(STATS, { groupBy: ['CARE_CATEGORY'] });
    const care = counts(byCare);
    for (const row of open) expect(care[row.category as string]).toBe(Number(row.n));
    expect(care.ADVANCED_AGE ?? 0).toBe(Number(advanced[0].n));

    // without ages (the coarser table): by grid, and by status filtered by gender
    const byGrid = await service.graphql(STATS, { groupBy: ['GRID'] });
    const gridCounts: Record<string, number> = {};
    for (const p of people)
      gridCounts[(p.grid as string | null) ?? 'UNKNOWN'] =
        (gridCounts[(p.grid as string | null) ?? 'UNKNOWN'] ?? 0) + 1;
    expect(counts(byGrid)).toEqual(gridCounts);
    expect(byGrid.data.residentStatistics.total).toBe(people.length);
    const women = await sql(`select status, count(*) as n from resident where gender = 'FEMALE' group by status`);
    const womenByStatus = await service.graphql(STATS, { groupBy: ['STATUS'], filter: { gender: 'FEMALE' } });
    expect(womenByStatus.errors).toBeUndefined();
    expect(counts(womenByStatus)).toEqual(Object.fromEntries(women.map((s) => [s.status, Number(s.n)])));
    expect(womenByStatus.data.residentStatistics.total).toBe(women.reduce((n, s) => n + Number(s.n), 0));

    const statuses = await sql(`select status, count(*) as n from resident group by status`);
    const byStatus = counts(await service.graphql(STATS, { groupBy: ['STATUS'] }));
    expect(byStatus).toEqual(Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])));
  });

  it('counts ages by grid and birth year exactly as a handwritten count: birthdays today and tomorrow at every cut-off, and the next day without a write', async () => {
    const em = service.orm.em.fork();
    const household = await em.findOneOrFail(Household, 'household-1-1');
    const shift = (date: string, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    // for every band's lower bound (80 also 高龄's): born on the day that age is reached today, tomorrow, yesterday,
    // and on the first and last day of that year; and a leap day
    // also around a day early in the year (EARLY), where the residents up to each cut-off are the fewer and are
    // the ones read by exact date (after TODAY's cut-offs, late in the year, those born after are)
    let sequence = 100;
    for (const [years, day] of [7, 18, 35, 60, 80].flatMap((y) => [TODAY, EARLY].map((d) => [y, d] as const))) {
      const turnsToday = `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
      for (const date of [
        turnsToday,
        shift(turnsToday, 1),
        shift(turnsToday, -1),
        `${turnsToday.slice(0, 4)}-01-01`,
        `${turnsToday.slice(0, 4)}-12-31`,
      ])
        residentIn(em, household, '林测试', date, sequence++);
    }
    residentIn(em, household, '林闰日', '1944-02-29', sequence++);
    await em.flush();

    const people = async () =>
      sql(`select g.id as grid, r.birth_date as birth, r.gender as gender, r.status as status,
             r.residence_type as residence_type,
             (select count(*) from care_record c where c.resident_id = r.id and c.category = 'ADVANCED_AGE'
               and c.ended_on is null) as advanced
           from resident r left join household h on h.id = r.household_id
           left join building b on b.id = h.building_id left join grid g on g.id = b.grid_id`);
    const tally = (rows: Row[], keyOf: (row: Row) => string | null) => {
      const out: Record<string, number> = {};
      for (const row of rows) {
        const key = keyOf(row);
        if (key !== null) out[key] = (out[key] ?? 0) + 1;
      }
      return out;
    };
    const counts = async (groupBy: string[], filter?: object) => {
      const result = await service.graphql(STATS, { groupBy, filter });
      expect(result.errors).toBeUndefined();
      return Object.fromEntries(
        result.data.residentStatistics.groups.map((g: any) => [g.keys.map((k: any) => k.value).join('/'), g.count]),
      );
    };
    const age = (row: Row, today: string) => (row.birth ? ageOn(row.birth as string, today) : null);
    for (const today of [TODAY, shift(TODAY, 1), EARLY, shift(EARLY, 1), shift(EARLY, -1)]) {
      clock.set(new Date(`${today}T08:00:00Z`));
      const rows = await people();
      const band = (row: Row) => ageBand(row.birth as string | null, today) ?? 'UNKNOWN';
      expect(await counts(['GRID', 'AGE_BAND'])).toEqual(
        tally(rows, (row) => `${(row.grid as string | null) ?? 'UNKNOWN'}/${band(row)}`),
      );
      expect(await counts(['AGE_BAND'], { minAge: 60 })).toEqual(
        tally(rows, (row) => ((age(row, today) ?? -1) >= 60 ? band(row) : null)),
      );
      expect(await counts(['GENDER'], { minAge: 18, maxAge: 34 })).toEqual(
        tally(rows, (row) => {
          const years = age(row, today);
          return years !== null && years >= 18 && years <= 34 ? String(row.gender) : null;
        }),
      );
      expect(await counts(['GRID'], { careCategory: 'ADVANCED_AGE' })).toEqual(
        tally(rows, (row) => ((age(row, today) ?? -1) >= 80 ? `${(row.grid as string | null) ?? 'UNKNOWN'}` : null)),
      );
      const isAdvanced = (row: Row) =>
        (row.status === 'ACTIVE' && (age(row, today) ?? -1) >= 80) || Number(row.advanced) > 0;
      const advanced = (await counts(['CARE_CATEGORY'])).ADVANCED_AGE ?? 0;
      expect(advanced).toBe(rows.filter(isAdvanced).length);
      // each table by grid and birth year: by status only, with care categories, with gender and residence type
      const grid = (row: Row) => (row.grid as string | null) ?? 'UNKNOWN';
      expect(await counts(['GRID'], { maxAge: 17 })).toEqual(
        tally(rows, (row) => (age(row, today) !== null && age(row, today)! <= 17 ? grid(row) : null)),
      );
      expect(await counts(['STATUS', 'AGE_BAND'])).toEqual(tally(rows, (row) => `${String(row.status)}/${band(row)}`));
      const byCare = await counts(['GRID', 'CARE_CATEGORY']);
      expect(Object.fromEntries(Object.entries(byCare).filter(([key]) => key.endsWith('/ADVANCED_AGE')))).toEqual(
        tally(rows, (row) => (isAdvanced(row) ? `${grid(row)}/ADVANCED_AGE` : null)),
      );
      expect(await counts(['GENDER', 'RESIDENCE_TYPE', 'AGE_BAND'], { minAge: 7, maxAge: 79 })).toEqual(
        tally(rows, (row) => {
          const years = age(row, today);
          return years !== null && years >= 7 && years <= 79
            ? `${String(row.gender)}/${String(row.residence_type)}/${band(row)}`
            : null;
        }),
      );
    }
    // the day after, the residents born tomorrow-80 years ago … are a band older: the counts moved with no write
    clock.set(new Date(`${shift(TODAY, 1)}T08:00:00Z`));
    const before = await counts(['AGE_BAND']);
    clock.set(new Date(`${TODAY}T08:00:00Z`));
    expect(await counts(['AGE_BAND'])).not.toEqual(before);
  });

  it('recounts a resident’s care mask through an index, not a scan of every care record (a million-resident rebuild)', async () => {
    // the rollup's current keys for all residents: one correlated subquery per resident into care_record
    const query = residentRollup.currentKeys('1 = 1', dialect === 'postgresql' ? 'postgresql' : 'sqlite');
    const plan =
      dialect === 'postgresql'
        ? await service.orm.em.transactional(async (tx) => {
            // the test tables are tiny, where a scan is cheapest: forbid it to see whether an index serves
            await tx.getConnection().execute('set local enable_seqscan = off');
            const rows = await tx.getConnection().execute<Row[]>(`explain ${query}`);
            return rows.map((r) => String(r['QUERY PLAN'])).join('\n');
          })
        : (await sql(`explain query plan ${query}`)).map((r) => String(r.detail)).join('\n');
    expect(plan).toMatch(/care_record_resident_id_ended_on_index/);
  });

  it('answers residentStatistics by the plain path (plainAnswersPlugin), with the JSON graphql-js gives', async () => {
    const query = `query($groupBy: [ResidentStatisticsDimension!]!, $filter: ResidentStatisticsFilter, $labels: Boolean!) {
      ROOT(groupBy: $groupBy, filter: $filter) {
        __typename all: total totalSuppressed groups { keys { dimension value label @include(if: $labels) } ...Cell }
      } }
      fragment Cell on ResidentStatisticsGroup { __typename count suppressed }`;
    let lone = 0;
    for (const caller of [{}, { role: 'analyst' as const }])
      for (const [groupBy, filter] of [
        [['GRID', 'CARE_CATEGORY'], null],
        [['AGE_BAND', 'GENDER'], { minAge: 18 }],
        [['BUILDING', 'CARE_CATEGORY'], { gender: 'FEMALE' }],
        [['CARE_CATEGORY'], null],
        [[], null],
      ] as const) {
        const variables = { groupBy, filter, labels: groupBy.length > 0 };
        // a lone residentStatistics: the plain path answers it (counted); beside __typename at the root, graphql-js
        const before = service.plainAnswers.of('residentStatistics');
        const plain = await service.graphql(query.replace('ROOT', 'residentStatistics'), variables, caller);
        expect(service.plainAnswers.of('residentStatistics'), JSON.stringify(groupBy)).toBe(before + 1);
        lone++;
        const executed = await service.graphql(
          query
            .replace('ROOT', 'residentStatistics')
            .replace('{\n      residentStatistics', '{ __typename residentStatistics'),
          variables,
          caller,
        );
        expect(service.plainAnswers.of('residentStatistics')).toBe(before + 1);
        expect(plain.errors).toBeUndefined();
        expect(executed.data.__typename).toBe('Query');
        expect(JSON.stringify(plain.data.residentStatistics)).toBe(JSON.stringify(executed.data.residentStatistics));
      }
    expect(lone).toBe(10);
  });

  it('counts buildings and grids with only old cut-offs (60 and over, 高龄) as the base tables do', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(clock.now());
    const people = await sql(`
      select coalesce(h.building_id, '') as building, coalesce(b.grid_id, '') as grid, coalesce(r.gender, '') as gender,
             r.birth_date as birth, r.status as status, (select count(*) from care_record c where c.resident_id = r.id
               and c.category = 'ADVANCED_AGE' and c.ended_on is null) as recorded
      from resident r left join household h on h.id = r.household_id left join building b on b.id = h.building_id`);
    const old = people.filter((p) => p.birth && ageOn(p.birth as string, today) >= 60);
    expect(old.length).toBeGreaterThan(0);
    const tally = (rows: Row[], key: (p: Row) => string) => {
      const out: Record<string, number> = {};
      for (const p of rows) out[key(p)] = (out[key(p)] ?? 0) + 1;
      return out;
    };
    const counts = (result: any) => {
      expect(result.errors).toBeUndefined();
      return Object.fromEntries(
        result.data.residentStatistics.groups.map((g: any) => [g.keys.map((k: any) => k.value).join('/'), g.count]),
      );
    };
    const or = (value: unknown) => (typeof value === 'string' && value ? value : 'UNKNOWN');
    // by building (resident_place_rollup with the residents up to the cut-off by date) and by grid (resident_grid_rollup)
    expect(counts(await service.graphql(STATS, { groupBy: ['BUILDING', 'GENDER'], filter: { minAge: 60 } }))).toEqual(
      tally(old, (p) => `${or(p.building)}/${or(p.gender)}`),
    );
    expect(counts(await service.graphql(STATS, { groupBy: ['GRID', 'GENDER'], filter: { minAge: 60 } }))).toEqual(
      tally(old, (p) => `${or(p.grid)}/${or(p.gender)}`),
    );
    // 高龄: active and 80 or over, or recorded
    const advanced = people.filter(
      (p) => Number(p.recorded) > 0 || (p.status === 'ACTIVE' && p.birth && ageOn(p.birth as string, today) >= 80),
    );
    expect(advanced.length).toBeGreaterThan(0);
    const byBuilding = counts(await service.graphql(STATS, { groupBy: ['BUILDING', 'CARE_CATEGORY'] }));
    expect(Object.fromEntries(Object.entries(byBuilding).filter(([key]) => key.endsWith('/ADVANCED_AGE')))).toEqual(
      tally(advanced, (p) => `${or(p.building)}/ADVANCED_AGE`),
    );
    // every category (NONE among them: the residents up to the cut-off moved out of it) summed over the buildings
    // as counted without a building (resident_grid_rollup and the tables by birth year)
    const alone = counts(await service.graphql(STATS, { groupBy: ['CARE_CATEGORY'] }));
    const summed: Record<string, number> = {};
    for (const [key, n] of Object.entries(byBuilding)) {
      const category = key.split('/')[1];
      summed[category] = (summed[category] ?? 0) + (n as number);
    }
    expect(alone.NONE).toBeGreaterThan(0);
    expect(summed).toEqual(alone);
    const byGrid = counts(await service.graphql(STATS, { groupBy: ['GRID', 'CARE_CATEGORY'] }));
    expect(Object.fromEntries(Object.entries(byGrid).filter(([key]) => key.endsWith('/ADVANCED_AGE')))).toEqual(
      tally(advanced, (p) => `${or(p.grid)}/ADVANCED_AGE`),
    );
  });
});
