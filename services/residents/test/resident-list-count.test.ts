import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CareCategories, composeResidentIdNumber } from '@shequ/contracts';
import { rebuildRollup } from '@shequ/database';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentRollup } from '../src/application/statistics-rollup.js';
import { Building, Grid, Household, Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';

/*
 * A resident list's `totalCount` without a care, age, name or household filter is summed from the rollup
 * (`application/resident-count.ts`), not counted over the resident rows; one by a one-character name prefix (and at
 * most a status) over whole communities from the rollup by the name's first character. It must stay exactly `count(*)` after
 * every kind of write that changes residents: the demo seed, the district generator (the demo street's other
 * communities are written by its writer), the API, the import and a grid redraw (the residents service consumes
 * no event that writes residents) — for every caller's row scope.
 */
const COMMUNITY = '350203008006'; // 莲秀社区 of the demo seed (street 350203008 嘉莲街道)
const OTHER_STREET = '350203001001'; // same district, another street
const OTHER_DISTRICT = '350206001001';

const COUNT = `query($filter: ResidentFilter) { residents(first: 1, filter: $filter) { totalCount } }`;
const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { resident { id } } }`;
const UPDATE = `mutation($input: UpdateResidentInput!) { updateResident(input: $input) { resident { id } } }`;
const MOVE = `mutation($input: MoveResidentInput!) { moveResident(input: $input) { resident { id } } }`;
const MOVE_OUT = `mutation($input: MoveOutResidentInput!) { moveOutResident(input: $input) { resident { id } } }`;
const DEATH = `mutation($input: RecordResidentDeathInput!) { recordResidentDeath(input: $input) { resident { id } } }`;
const IMPORT = `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { created updated rejected results { field reason } } }`;
const REDRAW = `mutation($input: RedrawGridInput!) { redrawGrid(input: $input) { grid { id } } }`;

type Row = Record<string, unknown>;
type Filter = Record<string, string>;

describe.each(testDialects())('resident list totalCount from the rollup on %s', (dialect) => {
  let service: TestSubgraph;
  const sql = (text: string, params: unknown[] = []) => service.orm.em.getConnection().execute<Row[]>(text, params);
  let grids: Array<{ id: string; code: string }>;
  const admin: Caller = { role: 'community_admin', community: COMMUNITY };

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      seed: true,
      clock: new ManualClock(new Date('2026-11-01T08:00:00Z')),
      // the other street and district are registered: their callers' tokens are taken (and see only their own)
      registeredCommunities: [COMMUNITY, OTHER_STREET, OTHER_DISTRICT],
    });
    // residents of another street and of another district (ORM writes: the rollup subscriber counts them)
    const em = service.orm.em.fork();
    [OTHER_STREET, OTHER_DISTRICT].forEach((communityId, c) => {
      const grid = em.create(Grid, { id: `x-grid-${c}`, communityId, code: `${communityId}-01`, name: '第一网格' });
      const building = em.create(Building, { id: `x-b-${c}`, communityId, grid, name: '1号楼', address: '1号' });
      const household = em.create(Household, {
        id: `x-h-${c}`,
        communityId,
        building,
        unit: '1单元',
        room: '101室',
        address: '1号楼1单元101室',
      });
      for (let i = 0; i < 3 + c; i++)
        em.create(Resident, {
          id: `x-r-${c}-${i}`,
          communityId,
          name: `外${c}${i}`,
          idNumber: composeResidentIdNumber(communityId.slice(0, 6), `198${i}-01-0${c + 1}`, 700 + i),
          gender: i % 2 ? 'MALE' : 'FEMALE',
          birthDate: `198${i}-01-0${c + 1}`,
          household: i < 2 ? household : undefined,
        });
    });
    await em.flush();
    grids = (await sql(`select id, code from grid where community_id = ? order by code`, [COMMUNITY])) as never;
  });
  afterAll(() => service?.stop());

  /** `count(*)` over the base tables, written independently of the rollup: scope (communities, grid codes) + filter. */
  async function directCount(community: string, gridCodes: string[] | null, filter: Filter): Promise<number> {
    const parts = ['r.community_id like ?'];
    const params: unknown[] = [`${community}%`];
    if (gridCodes) {
      parts.push(`gr.code in (${gridCodes.map(() => '?').join(', ')})`);
      params.push(...gridCodes);
    }
    if (filter.namePrefix) {
      // case-sensitive on both (SQLite's LIKE ignores ASCII case); both count characters in code points
      parts.push(`substr(r.name, 1, length(?)) = ?`);
      params.push(filter.namePrefix, filter.namePrefix);
    }
    const columns: Record<string, string> = {
      gridId: 'b.grid_id',
      buildingId: 'h.building_id',
      status: 'r.status',
      gender: 'r.gender',
      residenceType: 'r.residence_type',
    };
    for (const [key, value] of Object.entries(filter)) {
      if (key === 'namePrefix') continue;
      parts.push(`${columns[key]} = ?`);
      params.push(value);
    }
    const [row] = await sql(
      `select count(*) as n from resident r left join household h on h.id = r.household_id
       left join building b on b.id = h.building_id left join grid gr on gr.id = b.grid_id
       where ${parts.join(' and ')}`,
      params,
    );
    return Number(row.n);
  }

  async function totalCount(filter: Filter | null, caller: Caller): Promise<number> {
    const result = await service.graphql(COUNT, { filter }, caller);
    expect(result.errors).toBeUndefined();
    return result.data.residents.totalCount as number;
  }

  /**
   * `resident_grid_rollup` (what statistics without a building read) equals a handwritten GROUP BY over the base
   * tables: grid of the household's building, open care categories as bits in vocabulary order.
   */
  async function expectGridRollupAsGrouped(step: string) {
    const bits = CareCategories.codes.map((code, i) => `when '${code}' then ${1 << i}`).join(' ');
    const keys = 'community_id, grid_id, gender, residence_type, status, care_mask';
    const line = (r: Row) =>
      keys
        .split(', ')
        .map((k) => String(r[k]))
        .join('|') + `|${Number(r.n)}`;
    const grouped = await sql(
      `select ${keys}, count(*) as n from (
         select r.community_id, coalesce(b.grid_id, '') as grid_id, coalesce(r.gender, '') as gender,
           r.residence_type, r.status,
           coalesce((select sum(x.bit) from (select distinct case c.category ${bits} end as bit from care_record c
                     where c.resident_id = r.id and c.ended_on is null) x), 0) as care_mask
         from resident r left join household h on h.id = r.household_id left join building b on b.id = h.building_id) k
       group by ${keys}`,
    );
    const kept = await sql(`select ${keys}, n from resident_grid_rollup where n <> 0`);
    expect(grouped.length, step).toBeGreaterThan(2);
    expect(kept.map(line).sort(), step).toEqual(grouped.map(line).sort());
  }

  /** Every caller × filter: the list's totalCount (from the rollup) equals `count(*)` of the base tables. */
  async function expectExactCounts(step: string) {
    await expectGridRollupAsGrouped(step);
    const [building] = await sql(
      `select h.building_id as id from resident r join household h on h.id = r.household_id
       where r.community_id = ? order by h.building_id limit 1`,
      [COMMUNITY],
    );
    const callers: Array<[string, Caller, string, string[] | null]> = [
      ['district admin', { role: 'district_admin', community: '350203' }, '350203', null],
      ['street admin', { role: 'street_admin', community: '350203008' }, '350203008', null],
      ['community admin', admin, COMMUNITY, null],
      [
        'grid worker',
        { role: 'grid_worker', community: COMMUNITY, grids: [grids[0].code] },
        COMMUNITY,
        [grids[0].code],
      ],
    ];
    const filters: Filter[] = [
      {},
      { status: 'ACTIVE' },
      { status: 'MOVED_OUT' },
      { gender: 'FEMALE' },
      { residenceType: 'FLOATING', status: 'ACTIVE' },
      { gridId: grids[0].id },
      { gridId: grids[1].id, gender: 'MALE' },
      { buildingId: String(building.id) },
      // one character (from the rollup by first character, or rows for a grid worker), two characters (rows)
      { namePrefix: '林' },
      { namePrefix: '林', status: 'ACTIVE' },
      { namePrefix: '林', status: 'MOVED_OUT' },
      { namePrefix: '张' },
      { namePrefix: '李' },
      { namePrefix: '外' },
      { namePrefix: '𠀋' },
      { namePrefix: '林', gender: 'FEMALE' },
      { namePrefix: '林美' },
      { namePrefix: '张建' },
      { namePrefix: '𠀋林' },
      { namePrefix: 'A' },
      { namePrefix: 'a' },
      { namePrefix: 'An' },
    ];
    const seen: string[] = [];
    for (const [who, caller, community, gridCodes] of callers)
      for (const filter of filters) {
        const expected = await directCount(community, gridCodes, filter);
        const got = await totalCount(Object.keys(filter).length ? filter : null, caller);
        seen.push(`${step} ${who} ${JSON.stringify(filter)}: ${got}`);
        expect(`${step} ${who} ${JSON.stringify(filter)}: ${got}`).toBe(
          `${step} ${who} ${JSON.stringify(filter)}: ${expected}`,
        );
      }
    return seen;
  }

  it('sums totalCount from the rollup: a changed group count shows (the list does not count rows)', async () => {
    const before = await totalCount(null, admin);
    expect(before).toBeGreaterThan(100);
    await sql(`update resident_count_rollup set n = n + 1000 where community_id = ? and status = 'ACTIVE'`, [
      COMMUNITY,
    ]);
    expect(await totalCount(null, admin)).toBeGreaterThanOrEqual(before + 1000);
    await sql(
      `update resident_place_rollup set n = n + 1000 where building_id in (select id from building where grid_id = ?)`,
      [grids[0].id],
    );
    expect(await totalCount({ gridId: grids[0].id }, admin)).toBeGreaterThan(1000);
    // a name prefix, ages, a household or a care category are not in these tables
    expect(await totalCount({ namePrefix: '林' }, admin)).toBeLessThan(before);
    // back to the truth (what start-up does for a new rollup)
    await service.orm.em.fork().transactional((tx) => rebuildRollup(tx, residentRollup, tx.getTransactionContext()));
    expect(await totalCount(null, admin)).toBe(before);
  });

  it('sums a one-character name prefix from the rollup by first character; longer prefixes count rows', async () => {
    const district: Caller = { role: 'district_admin', community: '350203' };
    const worker: Caller = { role: 'grid_worker', community: COMMUNITY, grids: [grids[0].code] };
    const asked: Array<[Filter, Caller]> = [
      [{ namePrefix: '林' }, admin],
      [{ namePrefix: '林' }, district],
      [{ namePrefix: ' 林 ' }, admin],
      [{ namePrefix: '林', status: 'ACTIVE' }, admin],
      [{ namePrefix: '林', status: 'MOVED_OUT' }, admin],
      [{ namePrefix: '林秀' }, admin],
      [{ namePrefix: '林', gender: 'FEMALE' }, admin],
      [{ namePrefix: '林' }, worker],
    ];
    const before = [];
    for (const [filter, caller] of asked) before.push(await totalCount(filter, caller));
    expect(before[0]).toBeGreaterThan(0);
    await sql(
      `update resident_initial_rollup set n = n + 1000 where name_initial = ? and community_id = ? and status = ?`,
      ['林', COMMUNITY, 'ACTIVE'],
    );
    const after = [];
    for (const [filter, caller] of asked) after.push(await totalCount(filter, caller));
    // one character, whole communities, at most a status: the kept groups; anything else: the rows
    expect(after).toEqual([
      before[0] + 1000,
      before[1] + 1000,
      before[2] + 1000,
      before[3] + 1000,
      before[4],
      before[5],
      before[6],
      before[7],
    ]);
    await service.orm.em.fork().transactional((tx) => rebuildRollup(tx, residentRollup, tx.getTransactionContext()));
    for (const [i, [filter, caller]] of asked.entries()) expect(await totalCount(filter, caller)).toBe(before[i]);
  });

  it('equals count(*) for every caller after the seed, the generator, API writes, an import and a grid redraw', async () => {
    // the demo seed (莲秀社区) and the district generator's communities (the rest of 嘉莲街道), then ORM writes
    const [seeded] = await sql(`select count(distinct community_id) as n from resident where community_id like ?`, [
      '350203008%',
    ]);
    expect(Number(seeded.n)).toBeGreaterThan(1);
    await expectExactCounts('seed + generator');

    const ok = async (query: string, input: object) => {
      const result = await service.graphql(query, { input }, admin);
      expect(result.errors).toBeUndefined();
      return result.data;
    };
    const households = await sql(`select id from household where community_id = ? order by id limit 2`, [COMMUNITY]);
    const people = await sql(
      `select id from resident where community_id = ? and status = 'ACTIVE' and household_id is not null
       and residence_type = 'REGISTERED' order by id limit 3`,
      [COMMUNITY],
    );
    const registered = await ok(REGISTER, {
      name: '张建华',
      idNumber: composeResidentIdNumber('360102', '1990-05-05', 913),
      householdId: households[0].id,
    });
    await ok(UPDATE, {
      residentId: registered.registerResident.resident.id,
      residenceType: 'FLOATING',
      residencePermitIssuedOn: '2026-03-01',
      residencePermitExpiresOn: '2027-02-28',
    });
    await ok(MOVE, { residentId: people[0].id, householdId: households[1].id, movedInOn: '2026-10-01' });
    await ok(MOVE_OUT, { residentId: people[1].id, movedOutOn: '2026-10-20', destination: '江西省南昌市' });
    await ok(DEATH, { residentId: people[2].id, diedOn: '2026-10-28' });
    await expectExactCounts('API');

    const imported = await ok(IMPORT, {
      format: 'CSV',
      content: [
        'idNumber,name,phone,gridCode,building,unit,room,housing,relationToHead,residenceType,residencePermitIssuedOn,residencePermitExpiresOn',
        `${composeResidentIdNumber('350203', '1982-02-02', 912)},李美玲,13800000002,${grids[1].code},计数楼9号楼,3,402,OWNED,HEAD,,,`,
        `${composeResidentIdNumber('350203', '1983-03-03', 914)},王计数,13800000003,${grids[0].code},计数楼8号楼,1,101,OWNED,HEAD,FLOATING,2026-01-01,2027-01-01`,
      ].join('\r\n'),
    });
    expect(imported.importResidents).toMatchObject({ created: 2, updated: 0, rejected: 0 });
    await expectExactCounts('import');

    // renames (the import and the unit of work), a name starting outside the BMP (𠀋, a surrogate pair in
    // JavaScript, one code point in both databases), a move to another community: each leaves its old first
    // character's group and joins its new one
    const renamed = await ok(IMPORT, {
      format: 'CSV',
      content: [
        'idNumber,name,phone,gridCode,building,unit,room,housing,relationToHead,residenceType,residencePermitIssuedOn,residencePermitExpiresOn',
        `${composeResidentIdNumber('350203', '1982-02-02', 912)},林美玲,13800000002,${grids[1].code},计数楼9号楼,3,402,OWNED,HEAD,,,`,
        // a new resident with a Latin name: its key is computed in JavaScript; 'A' and 'a' are different prefixes
        `${composeResidentIdNumber('350203', '1984-04-04', 916)},Anna,13800000004,${grids[1].code},计数楼9号楼,3,403,OWNED,HEAD,,,`,
      ].join('\r\n'),
    });
    expect(renamed.importResidents).toMatchObject({ created: 1, updated: 1, rejected: 0 });
    const em = service.orm.em.fork();
    const lins = await em.find(
      Resident,
      { communityId: COMMUNITY, name: { $like: '林%' } },
      { orderBy: { id: 'asc' } },
    );
    expect(lins.length).toBeGreaterThan(3);
    lins[0].name = `张${lins[0].name.slice(1)}`;
    lins[1].name = `𠀋${lins[1].name.slice(1)}`;
    lins[2].name = `𠀋林`;
    // to another community of the street (no household there yet): its old community's group loses it
    const [neighbour] = await sql(
      `select community_id from resident where community_id like ? and community_id <> ? order by community_id limit 1`,
      ['350203008%', COMMUNITY],
    );
    lins[3].communityId = String(neighbour.community_id);
    lins[3].household = null;
    await em.flush();
    await expectExactCounts('renames and moves');
    const [initial] = await sql(
      `select sum(n) as n from resident_initial_rollup where name_initial = ? and community_id = ?`,
      ['𠀋', COMMUNITY],
    );
    expect(Number(initial.n)).toBe(2);

    // a grid redraw: buildings move to another grid; the count by grid and the grid worker's count follow at once
    const moved = await sql(`select id from building where grid_id = ? order by id limit 2`, [grids[1].id]);
    expect(moved.length).toBeGreaterThan(0);
    const workerBefore = await totalCount(null, { role: 'grid_worker', community: COMMUNITY, grids: [grids[0].code] });
    await ok(REDRAW, { gridId: grids[0].id, buildingIds: moved.map((b) => b.id), reason: '网格优化' });
    const workerAfter = await totalCount(null, { role: 'grid_worker', community: COMMUNITY, grids: [grids[0].code] });
    expect(workerAfter).toBeGreaterThan(workerBefore);
    await expectExactCounts('grid redraw');
  }, 180_000);

  it('keeps each caller to its rows: a grid worker counts only its grids, a street admin only its street', async () => {
    const [lotus] = await sql(`select count(*) as n from resident where community_id = ?`, [COMMUNITY]);
    const [street] = await sql(`select count(*) as n from resident where community_id like ?`, ['350203008%']);
    const [district] = await sql(`select count(*) as n from resident where community_id like ?`, ['350203%']);
    const [grid] = await sql(
      `select count(*) as n from resident r join household h on h.id = r.household_id
       join building b on b.id = h.building_id where b.grid_id = ?`,
      [grids[0].id],
    );
    const counts = {
      gridWorker: await totalCount(null, { role: 'grid_worker', community: COMMUNITY, grids: [grids[0].code] }),
      gridWorkerOtherGrid: await totalCount(
        { gridId: grids[1].id },
        { role: 'grid_worker', community: COMMUNITY, grids: [grids[0].code] },
      ),
      community: await totalCount(null, admin),
      street: await totalCount(null, { role: 'street_admin', community: '350203008' }),
      otherStreet: await totalCount(null, { role: 'street_admin', community: '350203001' }),
      district: await totalCount(null, { role: 'district_admin', community: '350203' }),
      otherDistrict: await totalCount(null, { role: 'district_admin', community: '350206' }),
    };
    expect(counts).toEqual({
      gridWorker: Number(grid.n),
      gridWorkerOtherGrid: 0,
      community: Number(lotus.n),
      street: Number(street.n),
      otherStreet: 3,
      district: Number(district.n),
      otherDistrict: 4,
    });
    expect(counts.street).toBe(counts.district - 3);
    expect(counts.gridWorker).toBeLessThan(counts.community);
    expect(counts.community).toBeLessThan(counts.street);
  });
});
