import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeResidentIdNumber } from '@shequ/contracts';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { residentsService } from '../src/service.js';
import { placesFixture, staffFixture } from './fixtures.js';
import { countFor, publishedEvents } from './stream.js';

const RESIDENT = `id name status phone residenceType residencePermitExpiresOn movedInOn movedOutOn moveOutDestination diedOn household { id }`;
const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { resident { ${RESIDENT} } } }`;
const UPDATE = `mutation($input: UpdateResidentInput!) { updateResident(input: $input) { resident { ${RESIDENT} } } }`;
const MOVE = `mutation($input: MoveResidentInput!) { moveResident(input: $input) { resident { ${RESIDENT} } } }`;
const MOVE_OUT = `mutation($input: MoveOutResidentInput!) { moveOutResident(input: $input) { resident { ${RESIDENT} } } }`;
const DEATH = `mutation($input: RecordResidentDeathInput!) { recordResidentDeath(input: $input) { resident { ${RESIDENT} } } }`;

describe.each(testDialects())('resident life cycle on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, {
      dialect,
      natsUrl: nats.url,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
    });
    const em = service.orm.em.fork();
    await placesFixture(em);
    await staffFixture(em);
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('registers, updates, moves, moves out and records a death; each change is published exactly once and nothing is deleted', async () => {
    const registered = await service.graphql(REGISTER, {
      input: {
        name: '张建华',
        idNumber: composeResidentIdNumber('360102', '1990-05-05', 13),
        phone: '13900001111',
        householdId: 'household-0-1',
        residenceType: 'FLOATING',
        residencePermitIssuedOn: '2026-03-01',
        residencePermitExpiresOn: '2027-02-28',
        movedInOn: '2026-03-01',
      },
    });
    expect(registered.errors).toBeUndefined();
    const id = registered.data.registerResident.resident.id;
    expect(registered.data.registerResident.resident).toMatchObject({
      residenceType: 'FLOATING',
      residencePermitExpiresOn: '2027-02-28',
      movedInOn: '2026-03-01',
      status: 'ACTIVE',
    });

    const updated = await service.graphql(UPDATE, { input: { residentId: id, phone: '13900002222' } });
    expect(updated.data.updateResident.resident.phone).toBe('13900002222');
    const unchanged = await service.graphql(UPDATE, { input: { residentId: id, phone: '13900002222' } });
    expect(unchanged.errors).toBeUndefined();

    // 居住证 renewal: new permit dates alone are applied (the residence type need not be sent again).
    const renewed = await service.graphql(UPDATE, {
      input: { residentId: id, residencePermitIssuedOn: '2027-02-20', residencePermitExpiresOn: '2028-02-19' },
    });
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data.updateResident.resident).toMatchObject({
      residenceType: 'FLOATING',
      residencePermitExpiresOn: '2028-02-19',
    });
    const backwards = await service.graphql(UPDATE, {
      input: { residentId: id, residencePermitExpiresOn: '2020-01-01' },
    });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'residencePermitExpiresOn',
    });

    const moved = await service.graphql(MOVE, {
      input: { residentId: id, householdId: 'household-1-2', movedInOn: '2026-10-01', relationToHead: 'HEAD' },
    });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.moveResident.resident.household.id).toBe('household-1-2');

    const out = await service.graphql(MOVE_OUT, {
      input: { residentId: id, movedOutOn: '2026-11-20', destination: '江西省南昌市' },
    });
    expect(out.data.moveOutResident.resident).toMatchObject({
      status: 'MOVED_OUT',
      movedOutOn: '2026-11-20',
      moveOutDestination: '江西省南昌市',
    });

    const back = await service.graphql(MOVE, {
      input: { residentId: id, householdId: 'household-0-2', movedInOn: '2026-11-25' },
    });
    expect(back.data.moveResident.resident).toMatchObject({
      status: 'ACTIVE',
      movedOutOn: null,
      movedInOn: '2026-11-25',
    });

    const died = await service.graphql(DEATH, { input: { residentId: id, diedOn: '2026-11-28' } });
    expect(died.data.recordResidentDeath.resident).toMatchObject({ status: 'DECEASED', diedOn: '2026-11-28' });

    // Deceased is final, and says so.
    const again = await service.graphql(MOVE_OUT, {
      input: { residentId: id, movedOutOn: '2026-11-29', destination: '厦门市湖里区' },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'DECEASED' });
    expect(again.errors?.[0]?.message).toMatch(/已死亡/);

    // Still on record, found by status.
    const list = await service.graphql(
      `{ residents(filter: { status: DECEASED }) { totalCount edges { node { id diedOn } } } }`,
    );
    expect(list.data.residents.edges).toEqual([{ node: { id, diedOn: '2026-11-28' } }]);

    const events = await publishedEvents(service);
    expect({
      registered: countFor(events, 'resident.registered', id),
      updated: countFor(events, 'resident.updated', id),
      movedIn: countFor(events, 'resident.moved_in', id),
      movedOut: countFor(events, 'resident.moved_out', id),
      deceased: countFor(events, 'resident.deceased', id),
    }).toEqual({ registered: 1, updated: 2, movedIn: 2, movedOut: 1, deceased: 1 });
    const [firstMove, returnMove] = events.filter(
      (e) => e.subject === 'shequ.residents.resident.moved_in' && e.data.residentId === id,
    );
    expect(firstMove.data).toMatchObject({
      householdId: 'household-1-2',
      fromHouseholdId: 'household-0-1',
      buildingId: 'building-1',
      gridId: 'grid-b',
    });
    expect(returnMove.data).toMatchObject({ householdId: 'household-0-2', fromHouseholdId: null });
    expect(
      events.find((e) => e.subject === 'shequ.residents.resident.updated' && e.data.residentId === id)!.data
        .changedFields,
    ).toEqual(['phone']);
    expect(JSON.stringify(events)).not.toContain('13900002222');
  });

  it('checks floating residence: permit dates required and ordered; registered residents carry none', async () => {
    const base = {
      name: '周小红',
      idNumber: composeResidentIdNumber('430102', '1995-07-07', 24),
      householdId: 'household-0-1',
    };
    const noDates = await service.graphql(REGISTER, { input: { ...base, residenceType: 'FLOATING' } });
    expect(noDates.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residencePermitIssuedOn' });
    const reversed = await service.graphql(REGISTER, {
      input: {
        ...base,
        residenceType: 'FLOATING',
        residencePermitIssuedOn: '2026-05-01',
        residencePermitExpiresOn: '2026-04-01',
      },
    });
    expect(reversed.errors?.[0]?.extensions).toMatchObject({ field: 'residencePermitExpiresOn' });
    const local = await service.graphql(REGISTER, { input: { ...base, residencePermitExpiresOn: '2027-04-01' } });
    expect(local.errors?.[0]?.extensions).toMatchObject({ field: 'residencePermitExpiresOn' });
  });

  it('registers rented flats with their landlord, lists them with tenants, and assigns building leaders and grid workers', async () => {
    const landlord = await service.graphql(REGISTER, {
      input: {
        name: '吴房东',
        idNumber: composeResidentIdNumber('350203', '1960-01-01', 35),
        householdId: 'household-1-1',
      },
    });
    const landlordId = landlord.data.registerResident.resident.id;
    const noLandlord = await service.graphql(
      `mutation { registerHousehold(input: { buildingId: "building-0", unit: "2单元", room: "301室", housing: RENTED }) { household { id } } }`,
    );
    expect(noLandlord.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'landlordResidentId' });
    const flat = await service.graphql(
      `mutation($l: ID) { registerHousehold(input: { buildingId: "building-0", unit: "2单元", room: "301室", housing: RENTED, landlordResidentId: $l }) { household { id address housing } } }`,
      { l: landlordId },
    );
    expect(flat.errors).toBeUndefined();
    const flatId = flat.data.registerHousehold.household.id;
    expect(flat.data.registerHousehold.household.address).toBe('香秀里1号楼2单元301室');
    await service.graphql(REGISTER, {
      input: {
        name: '马租客',
        idNumber: composeResidentIdNumber('510107', '1998-02-02', 57),
        householdId: flatId,
        residenceType: 'FLOATING',
        residencePermitIssuedOn: '2026-06-01',
        residencePermitExpiresOn: '2027-05-31',
      },
    });
    const rented = await service.graphql(
      `{ households(filter: { housing: RENTED }) { totalCount edges { node { id landlord { name } tenants { name } } } } }`,
    );
    expect(rented.data.households).toMatchObject({
      totalCount: 1,
      edges: [{ node: { id: flatId, landlord: { name: '吴房东' }, tenants: [{ name: '马租客' }] } }],
    });

    const leader = await service.graphql(
      `mutation($r: ID!) { assignBuildingLeader(input: { buildingId: "building-1", residentId: $r }) { building { leader { name } } } }`,
      { r: landlordId },
    );
    expect(leader.data.assignBuildingLeader.building.leader.name).toBe('吴房东');
    const wrongBuilding = await service.graphql(
      `mutation($r: ID!) { assignBuildingLeader(input: { buildingId: "building-0", residentId: $r }) { building { id } } }`,
      { r: landlordId },
    );
    expect(wrongBuilding.errors?.[0]?.extensions).toMatchObject({ field: 'residentId' });

    const worker = await service.graphql(
      `mutation { assignGridWorker(input: { gridId: "grid-b", staffId: "staff-grid-a" }) { grid { code gridWorker { name grids { code } } } } }`,
    );
    expect(worker.data.assignGridWorker.grid.gridWorker).toEqual({
      name: '陈网格',
      grids: [{ code: '350203008006-01' }, { code: '350203008006-02' }],
    });
    const staff = await service.graphql(
      `{ staff(filter: { gridId: "grid-b" }) { totalCount edges { node { id department } } } }`,
    );
    expect(staff.data.staff).toMatchObject({
      totalCount: 1,
      edges: [{ node: { id: 'staff-grid-a', department: 'GRID' } }],
    });
    const events = await publishedEvents(service);
    expect(
      events.filter((e) => e.subject === 'shequ.residents.grid.registered' && e.data.gridId === 'grid-b'),
    ).toHaveLength(1);
    // Other services check references against these: the new flat and the grid worker's new grids are announced.
    expect(events.find((e) => e.subject === 'shequ.residents.household.registered')?.data).toEqual({
      householdId: flatId,
      buildingId: 'building-0',
      gridId: expect.any(String),
    });
    expect(
      events.filter((e) => e.subject === 'shequ.residents.staff.registered' && e.data.staffId === 'staff-grid-a').at(-1)
        ?.data,
    ).toEqual({
      staffId: 'staff-grid-a',
      department: 'GRID',
      gridIds: expect.arrayContaining(['grid-b']),
      active: true,
    });
  });

  it('registers organisations and resolves Staff and Organization references; lists grids and buildings as connections', async () => {
    const org = await service.graphql(
      `mutation { registerOrganization(input: { name: "嘉莲街道社区卫生服务中心", kind: JURISDICTION_UNIT, gridId: "grid-a" }) { organization { id name kind grid { code } } } }`,
    );
    expect(org.errors).toBeUndefined();
    expect(
      (await publishedEvents(service)).find((e) => e.subject === 'shequ.residents.organization.registered')?.data,
    ).toEqual({
      organizationId: org.data.registerOrganization.organization.id,
      kind: 'JURISDICTION_UNIT',
      gridId: 'grid-a',
    });
    const dup = await service.graphql(
      `mutation { registerOrganization(input: { name: "嘉莲街道社区卫生服务中心", kind: PARTNER_UNIT }) { organization { id } } }`,
    );
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const refs = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Staff { name } ... on Organization { name } ... on Building { name } } }`,
      {
        reps: [
          { __typename: 'Staff', id: 'staff-ss' },
          { __typename: 'Organization', id: org.data.registerOrganization.organization.id },
          { __typename: 'Building', id: 'building-0' },
        ],
      },
    );
    expect(refs.data._entities).toEqual([
      { name: '李保障' },
      { name: '嘉莲街道社区卫生服务中心' },
      { name: '香秀里1号楼' },
    ]);
    const lists = await service.graphql(
      `{ grids { totalCount } buildings(gridId: "grid-a") { totalCount } organizations(filter: { kind: JURISDICTION_UNIT }) { totalCount } }`,
    );
    expect(lists.data).toEqual({
      grids: { totalCount: 2 },
      buildings: { totalCount: 1 },
      organizations: { totalCount: 1 },
    });
    const gridWorkerView = await service.graphql(`{ grids { totalCount edges { node { code } } } }`, undefined, {
      role: 'grid_worker',
      grids: ['350203008006-02'],
    });
    expect(gridWorkerView.data.grids).toEqual({ totalCount: 1, edges: [{ node: { code: '350203008006-02' } }] });
  });

  it('finds a resident by ID number only for roles that see raw ID numbers, and audits the read', async () => {
    const idNumber = composeResidentIdNumber('350203', '1960-01-01', 35);
    const query = `query($n: String!) { residentByIdNumber(idNumber: $n) { name idNumber } }`;
    const admin = await service.graphql(query, { n: idNumber });
    expect(admin.data.residentByIdNumber).toEqual({ name: '吴房东', idNumber });
    const gridWorker = await service.graphql(
      query,
      { n: idNumber },
      { role: 'grid_worker', grids: ['350203008006-02'] },
    );
    expect(gridWorker.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    const audit = await service.orm.em.getConnection().execute(`select count(*) as n from pii_audit_record`);
    expect(Number(audit[0].n)).toBeGreaterThan(0);
  });

  it('shows a grid worker only the households and buildings of its own grids, and refuses writes elsewhere', async () => {
    const worker = { role: 'grid_worker' as const, grids: ['350203008006-02'] };
    const lists = await service.graphql(
      `{ households { edges { node { building { grid { code } } } } } buildings { totalCount edges { node { id } } } }`,
      undefined,
      worker,
    );
    expect(lists.errors).toBeUndefined();
    expect(new Set(lists.data.households.edges.map((e: any) => e.node.building.grid.code))).toEqual(
      new Set(['350203008006-02']),
    );
    expect(lists.data.buildings).toEqual({ totalCount: 1, edges: [{ node: { id: 'building-1' } }] });
    const elsewhere = await service.graphql(
      REGISTER,
      {
        input: {
          name: '郑晓燕',
          idNumber: composeResidentIdNumber('350203', '1992-02-02', 88),
          householdId: 'household-0-1',
        },
      },
      worker,
    );
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'householdId' });
    const own = await service.graphql(
      REGISTER,
      {
        input: {
          name: '郑晓燕',
          idNumber: composeResidentIdNumber('350203', '1992-02-02', 88),
          householdId: 'household-1-1',
        },
      },
      worker,
    );
    expect(own.errors).toBeUndefined();
    const ownId = own.data.registerResident.resident.id;
    const moved = await service.graphql(
      MOVE,
      { input: { residentId: ownId, householdId: 'household-0-1', movedInOn: '2026-11-29' } },
      worker,
    );
    expect(moved.errors?.[0]?.extensions).toMatchObject({ field: 'householdId' });
    const out = await service.graphql(
      MOVE_OUT,
      { input: { residentId: ownId, movedOutOn: '2026-11-30', destination: '厦门市集美区' } },
      worker,
    );
    expect(out.data.moveOutResident.resident.status).toBe('MOVED_OUT');
  });
});
