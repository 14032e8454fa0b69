import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withThreshold } from './disclosure-threshold.js';
import { composeResidentIdNumber } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentsService } from '../src/service.js';

/*
 * A district in one deployment: two streets, three communities onboarded through the API, then every entry point
 * asked by every kind of caller. 嘉莲街道 (350203008) has 莲秀 (…006) and 莲顺 (…007); 梧村街道 (350203010) has 金榜
 * (…001). Nobody sees across a boundary they should not.
 */
const DISTRICT = '350203';
const STREET_A = '350203008';
const STREET_B = '350203010';
const A1 = '350203008006';
const A2 = '350203008007';
const B1 = '350203010001';

const districtAdmin: Caller = { role: 'district_admin', community: DISTRICT };
const streetAdminA: Caller = { role: 'street_admin', community: STREET_A };
const adminOf = (community: string): Caller => ({ role: 'community_admin', community });

const REGISTER_STREET = `mutation($input: RegisterStreetInput!) { registerStreet(input: $input) { street { id name districtCode } } }`;
const REGISTER_COMMUNITY = `mutation($input: RegisterCommunityInput!) { registerCommunity(input: $input) { community { id name streetName districtName } } }`;
const REGISTER_GRID = `mutation($input: RegisterGridInput!) { registerGrid(input: $input) { grid { id code name } } }`;
const REGISTER_BUILDING = `mutation($input: RegisterBuildingInput!) { registerBuilding(input: $input) { building { id name grid { id } } } }`;
const IMPORT = `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { created rejected results { row outcome residentId field reason } } }`;
const RESIDENTS = `{ residents(first: 50) { totalCount edges { node { id name } } } }`;
const RESIDENT = `query($id: ID!) { resident(id: $id) { id name } }`;
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Resident { id name } ... on Grid { id name } } }`;
const STATISTICS = `{ residentStatistics(groupBy: [GRID]) { total groups { keys { value } count } } }`;
const COMMUNITY = `{ community { id name streetCode streetName districtName } }`;
const COMMUNITIES = `{ communities(first: 10) { totalCount edges { node { id name } } } }`;

const HEADER = 'idNumber,name,gridCode,building,unit,room';
const id = (birth: string, seq: number) => composeResidentIdNumber(DISTRICT, birth, seq);

describe.each(testDialects())('district onboarding and row scope on %s', (dialect) => {
  let service: TestSubgraph;
  /** Resident ids by community. */
  const residents: Record<string, string[]> = {};
  const grids: Record<string, string> = {};

  const ok = async (query: string, variables: Record<string, unknown>, caller: Caller) => {
    const result = await service.graphql(query, variables, caller);
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      clock: new ManualClock(new Date('2026-12-01T02:00:00Z')),
      registeredCommunities: [], // onboarded below, 莲秀 included
    });
    await ok(REGISTER_STREET, { input: { code: STREET_A, name: '嘉莲街道', districtName: '思明区' } }, districtAdmin);
    await ok(REGISTER_STREET, { input: { code: STREET_B, name: '梧村街道' } }, districtAdmin);
    await ok(REGISTER_COMMUNITY, { input: { code: A1, name: '莲秀社区' } }, streetAdminA);
    await ok(REGISTER_COMMUNITY, { input: { code: A2, name: '莲顺社区' } }, streetAdminA);
    await ok(REGISTER_COMMUNITY, { input: { code: B1, name: '金榜社区' } }, districtAdmin);
    const people: Record<string, Array<[string, string]>> = {
      [A1]: [
        ['林秀英', '1948-03-08'],
        ['林建国', '1975-06-01'],
      ],
      [A2]: [
        ['陈丽', '1990-01-15'],
        ['陈小宝', '2010-05-05'],
      ],
      [B1]: [
        ['黄大海', '1960-11-30'],
        ['黄老伯', '1946-12-01'],
      ],
    };
    let seq = 10;
    for (const [community, persons] of Object.entries(people)) {
      // 莲顺 is set up by the street admin acting in it; the others by their own community admin.
      const caller = community === A2 ? { ...streetAdminA, actingCommunity: A2 } : adminOf(community);
      const grid = (await ok(REGISTER_GRID, { input: { code: `${community}-01`, name: '第一网格' } }, caller))
        .registerGrid.grid;
      grids[community] = grid.id;
      await ok(REGISTER_BUILDING, { input: { gridId: grid.id, name: '1号楼', address: '1号楼' } }, caller);
      const content = [
        HEADER,
        ...persons.map(([name, birth]) => `${id(birth, seq++)},${name},${community}-01,1号楼,1,101`),
      ].join('\n');
      const imported = (await ok(IMPORT, { input: { format: 'CSV', content } }, caller)).importResidents;
      expect(imported).toMatchObject({ created: 2, rejected: 0 });
      residents[community] = imported.results.map((r: { residentId: string }) => r.residentId);
    }
  });
  afterAll(() => service?.stop());

  it('onboards communities: their own community query answers, each announced with its own code', async () => {
    expect((await ok(COMMUNITY, {}, adminOf(A2))).community).toEqual({
      id: A2,
      name: '莲顺社区',
      streetCode: STREET_A,
      streetName: '嘉莲街道',
      districtName: '思明区',
    });
    const events = await service.orm.em.fork().find(OutboxMessage, {
      subject: { $in: ['shequ.residents.community.registered', 'shequ.residents.street.registered'] },
    });
    expect(
      events
        .map((e) => JSON.parse(e.payload) as { type: string; communityId: string })
        .map((e) => `${e.type}@${e.communityId}`)
        .sort(),
    ).toEqual([
      `community.registered@${A1}`,
      `community.registered@${A2}`,
      `community.registered@${B1}`,
      `street.registered@${STREET_A}`,
      `street.registered@${STREET_B}`,
    ]);
  });

  it('refuses onboarding outside the caller’s street or district, and bad codes, writing nothing', async () => {
    const foreign = await service.graphql(
      REGISTER_COMMUNITY,
      { input: { code: '350203010002', name: '外街社区' } },
      streetAdminA,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noStreet = await service.graphql(
      REGISTER_COMMUNITY,
      { input: { code: '350203099001', name: '无街道社区' } },
      districtAdmin,
    );
    expect(noStreet.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const badCode = await service.graphql(
      REGISTER_COMMUNITY,
      { input: { code: '35020300800', name: '短码社区' } },
      districtAdmin,
    );
    expect(badCode.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const byCommunityAdmin = await service.graphql(
      REGISTER_COMMUNITY,
      { input: { code: '350203008099', name: '社区自建' } },
      adminOf(A1),
    );
    expect(byCommunityAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ok(COMMUNITIES, {}, districtAdmin)).communities.totalCount).toBe(3);
  });

  it('makes a street admin name the community it writes in, and only one of its own', async () => {
    const unnamed = await service.graphql(
      REGISTER_GRID,
      { input: { code: `${A1}-02`, name: '第二网格' } },
      streetAdminA,
    );
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'x-shequ-community' });
    const foreign = await service.graphql(RESIDENTS, {}, { ...streetAdminA, actingCommunity: B1 });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const grid = await service.graphql(
      REGISTER_GRID,
      { input: { code: `${A2}-02`, name: '第二网格' } },
      {
        ...streetAdminA,
        actingCommunity: A1,
      },
    );
    expect(grid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });

  it('refuses a token whose community, street or district was never registered, reads too; takes it once registered', async () => {
    const LATE = '350203010098';
    const refusedCallers: Caller[] = [
      adminOf(LATE),
      { role: 'grid_worker', community: LATE, grids: [`${LATE}-01`] },
      { role: 'civil_affairs', community: A1, communities: [LATE] },
      { role: 'street_admin', community: '350203099' },
      { role: 'analyst', community: '350203099' },
      { role: 'analyst', community: '350299' },
    ];
    for (const caller of refusedCallers) {
      const refused = await service.graphql(COMMUNITIES, {}, caller);
      expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(caller)).toBe('UNAUTHENTICATED');
      expect(refused.errors?.[0]?.message).toMatch(/(社区 350203010098|街道 350203099|区 350299) 尚未登记/);
    }
    // registered (residents holds the registry): taken at once
    await ok(
      REGISTER_COMMUNITY,
      { input: { code: LATE, name: '新社区' } },
      { role: 'street_admin', community: STREET_B },
    );
    for (const caller of refusedCallers.slice(0, 3))
      expect((await service.graphql(COMMUNITY, {}, caller)).errors, JSON.stringify(caller)).toBeUndefined();
  });

  it('writes nothing in a community that was never registered: a street admin naming it', async () => {
    const GHOST = '350203010099';
    const REGISTER_STAFF = `mutation($input: RegisterStaffInput!) { registerStaff(input: $input) { staff { id } } }`;
    const ISSUE_KEY = `mutation { issueApiKey(input: { name: "平台", scopes: ["cases:read"], validDays: 30 }) { apiKey { id } } }`;
    for (const caller of [{ role: 'street_admin', community: STREET_B, actingCommunity: GHOST }] as Caller[])
      for (const [query, variables] of [
        [REGISTER_STAFF, { input: { name: '未入驻', department: 'GRID', position: '网格员' } }],
        [ISSUE_KEY, {}],
      ] as const) {
        const refused = await service.graphql(query, variables, caller);
        expect(refused.errors?.[0]?.extensions, `${JSON.stringify(caller)} ${query}`).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'community',
        });
        expect(refused.errors?.[0]?.message).toMatch(/社区 350203010099 尚未登记/);
      }
    const written = await service.orm.em
      .getConnection()
      .execute(
        `select (select count(*) from staff where community_id = ?) + (select count(*) from api_key where community_id = ?) as n`,
        [GHOST, GHOST],
      );
    expect(Number(written[0].n)).toBe(0);
  });

  const idsOf = (data: { residents: { edges: Array<{ node: { id: string } }> } }) =>
    data.residents.edges.map((e) => e.node.id).sort();

  it.each<[string, Caller, string[]]>([
    ['community admin of 莲秀', adminOf(A1), [A1]],
    ['community admin of 莲顺', adminOf(A2), [A2]],
    ['street admin of 嘉莲', streetAdminA, [A1, A2]],
    ['street admin of 嘉莲 acting in 莲顺', { ...streetAdminA, actingCommunity: A2 }, [A1, A2]],
    ['street admin of 梧村', { role: 'street_admin', community: STREET_B }, [B1]],
    ['district admin', districtAdmin, [A1, A2, B1]],
    ['保障站 granted 莲秀 and 金榜', { role: 'civil_affairs', community: A1, communities: [B1] }, [A1, B1]],
  ])('%s: lists, single reads and _entities stay within its communities', async (_label, caller, visible) => {
    const expected = visible.flatMap((c) => residents[c]).sort();
    expect(idsOf(await ok(RESIDENTS, {}, caller))).toEqual(expected);
    for (const community of [A1, A2, B1]) {
      const seen = visible.includes(community);
      const residentId = residents[community][0];
      expect((await ok(RESIDENT, { id: residentId }, caller)).resident?.id ?? null).toBe(seen ? residentId : null);
      const entities = await ok(
        ENTITIES,
        {
          representations: [
            { __typename: 'Resident', id: residentId },
            { __typename: 'Grid', id: grids[community] },
          ],
        },
        caller,
      );
      expect(entities._entities.map((e: { id: string } | null) => e?.id ?? null)).toEqual(
        seen ? [residentId, grids[community]] : [null, null],
      );
    }
  });

  it.each<[string, Caller, string[]]>([
    ['analyst of 嘉莲', { role: 'analyst', community: STREET_A }, [A1, A2]],
    ['analyst of 梧村', { role: 'analyst', community: STREET_B }, [B1]],
    ['analyst of the district', { role: 'analyst', community: DISTRICT }, [A1, A2, B1]],
  ])('%s: statistics cover the communities under it, and never a person', async (_label, caller, visible) => {
    // two residents a community: below the threshold an analyst's counts are suppressed (cells of one shown here)
    const stats = (await withThreshold('1', () => ok(STATISTICS, {}, caller))).residentStatistics;
    expect(stats.total).toBe(visible.length * 2);
    expect(stats.groups.map((g: { keys: Array<{ value: string }> }) => g.keys[0].value).sort()).toEqual(
      visible.map((c) => grids[c]).sort(),
    );
    const person = await service.graphql(RESIDENTS, {}, caller);
    expect(person.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const entities = await ok(
      ENTITIES,
      { representations: [{ __typename: 'Resident', id: residents[A1][0] }] },
      caller,
    );
    expect(entities._entities).toEqual([null]);
  });

  it('imports a community’s address register (一标三实) with per-row outcomes; importing it again changes nothing', async () => {
    const IMPORT_ADDRESSES = `mutation($input: ImportAddressRegisterInput!) { importAddressRegister(input: $input) {
      total created unchanged rejected results { row outcome buildingId householdId field reason } } }`;
    const content = [
      '网格编码,楼栋,标准地址,单元,室,住房性质',
      `${A2}-01,2号楼,莲顺路2号,1,101,自有`, // new building and flat
      `,2号楼,,1,102,出租`, // same building, another flat
      `${A2}-01,2号楼,,,,`, // the building alone, already there
      `,3号楼,,1,101,`, // new building without a grid
      `${A2}-09,4号楼,,1,101,`, // unknown grid
      `,1号楼,,2,,`, // unit without room
      `${A2}-01,1号楼,,1,101,`, // the flat the resident import made
    ].join('\n');
    const caller = { ...streetAdminA, actingCommunity: A2 };
    const first = (await ok(IMPORT_ADDRESSES, { input: { format: 'CSV', content } }, caller)).importAddressRegister;
    expect(first).toMatchObject({ total: 7, created: 2, unchanged: 2, rejected: 3 });
    expect(first.results.map((r: { outcome: string; field: string | null }) => [r.outcome, r.field])).toEqual([
      ['CREATED', null],
      ['CREATED', null],
      ['UNCHANGED', null],
      ['REJECTED', 'gridCode'],
      ['REJECTED', 'gridCode'],
      ['REJECTED', 'room'],
      ['UNCHANGED', null],
    ]);
    expect(first.results[1].buildingId).toBe(first.results[0].buildingId);
    const again = (await ok(IMPORT_ADDRESSES, { input: { format: 'CSV', content } }, caller)).importAddressRegister;
    expect(again).toMatchObject({ created: 0, unchanged: 4, rejected: 3 });
    const json = JSON.stringify([{ gridCode: `${B1}-01`, building: '5号楼', unit: '1', room: '101' }]);
    const foreign = await service.graphql(IMPORT_ADDRESSES, { input: { format: 'JSON', content: json } }, adminOf(A2));
    expect(foreign.data.importAddressRegister.results[0]).toMatchObject({ outcome: 'REJECTED', field: 'gridCode' });
  });

  it('redraws a grid boundary: the building moves with history, announced; other communities’ grids are refused', async () => {
    const caller = adminOf(B1);
    const second = (await ok(REGISTER_GRID, { input: { code: `${B1}-02`, name: '第二网格' } }, caller)).registerGrid
      .grid;
    const buildings = await ok(`{ buildings(first: 10) { edges { node { id grid { id } } } } }`, {}, caller);
    const buildingId = buildings.buildings.edges[0].node.id;
    const REDRAW = `mutation($input: RedrawGridInput!) { redrawGrid(input: $input) { grid { id } moved { id grid { id }
      gridHistory { fromGridId toGridId movedOn reason } } } }`;
    const redrawn = (
      await ok(REDRAW, { input: { gridId: second.id, buildingIds: [buildingId], reason: '网格优化' } }, caller)
    ).redrawGrid;
    expect(redrawn.moved).toEqual([
      {
        id: buildingId,
        grid: { id: second.id },
        gridHistory: [{ fromGridId: grids[B1], toGridId: second.id, movedOn: '2026-12-01', reason: '网格优化' }],
      },
    ]);
    const moves = await service.orm.em
      .fork()
      .find(OutboxMessage, { subject: 'shequ.residents.building.moved_to_grid' });
    expect(moves.map((m) => (JSON.parse(m.payload) as { data: unknown }).data)).toEqual([
      { buildingId, fromGridId: grids[B1], toGridId: second.id, movedOn: '2026-12-01' },
    ]);
    const exact = (await ok(STATISTICS, {}, caller)).residentStatistics;
    expect(
      exact.groups.map((g: { keys: Array<{ value: string }>; count: number }) => [g.keys[0].value, g.count]),
    ).toEqual([[second.id, 2]]);
    // the street's analyst is listed every grid of the registry, the emptied one too (zero cells tell nothing)
    const stats = (await withThreshold('1', () => ok(STATISTICS, {}, { role: 'analyst', community: STREET_B })))
      .residentStatistics;
    expect(stats.total).toBe(2);
    expect(stats.groups.map((g: { keys: Array<{ value: string }> }) => g.keys[0].value).sort()).toEqual(
      [grids[B1], second.id].sort(),
    );
    const foreign = await service.graphql(REDRAW, { input: { gridId: grids[A1], buildingIds: [buildingId] } }, caller);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridId' });
  });
});
