import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeResidentIdNumber } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { Building, Household, Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { placesFixture, residentIn } from './fixtures.js';

const IMPORT = `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { total created updated unchanged rejected results { row outcome residentId field reason } } }`;
const HEADER =
  'idNumber,name,phone,gridCode,building,unit,room,housing,relationToHead,residenceType,residencePermitIssuedOn,residencePermitExpiresOn,landlordIdNumber';
const id = (birth: string, seq: number, region = '350203') => composeResidentIdNumber(region, birth, seq);
const badCheckDigit = (value: string) => value.slice(0, 17) + (value[17] === '1' ? '2' : '1');

const FILE = [
  HEADER,
  `${id('1980-01-01', 11)},王建华,13800000001,,香秀里1号楼,1,101,,HEAD,,,,`, // existing flat (香秀里1号楼1单元101室)
  `${id('1982-02-02', 12)},李美玲,13800000002,350203008006-02,莲秀里9号楼,3,402,RENTED,户主,流动人口,2026-02-01,2027-01-31,${id('1948-03-08', 2)}`, // new building + flat
  `${id('1985-03-03', 13)},"欧阳, 娜",13800000003,,香秀里1号楼,1,101,,SPOUSE,,,,`, // quoted comma → name invalid
  `${id('1986-04-04', 14)},赵小兵,,,香秀里1号楼,1,101,,COUSIN,,,,`, // unknown enum
  `${badCheckDigit(id('1987-05-05', 15))},孙丽,,,香秀里1号楼,1,101,,,,,,`, // invalid ID
  `${id('1980-01-01', 11)},王建华,13800000001,,香秀里1号楼,1,102,,HEAD,,,,`, // duplicate of row 1
  `${id('1988-06-06', 16)},周强,13800000004,,香秀里1号楼,1`, // too few columns
  `${id('1948-03-08', 2)},林秀英,13911112222,,香秀里1号楼,1,101,,SPOUSE,,,,`, // existing resident-2: phone added, the 户主's spouse (one 户主 a flat: row 1) → UPDATED
  `${id('1975-06-01', 3)},林建国,,,香秀里1号楼,1,101,,OTHER,,,,`, // existing resident-3 as stored → UNCHANGED
  `${id('1989-07-07', 17)},钱多多,,350203008006-09,新建里1号楼,1,101,,,,,,`, // unknown grid
].join('\r\n');

describe.each(testDialects())('district import on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
    });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '林秀英', '1948-03-08', 2);
    residentIn(em, households[0], '林建国', '1975-06-01', 3);
    await em.flush();
  });
  afterAll(() => service?.stop());

  const outboxCount = () => service.orm.em.fork().count(OutboxMessage, {});

  it('returns one result per row: good rows land, bad rows are rejected with row, field and reason', async () => {
    const before = await outboxCount();
    const result = await service.graphql(IMPORT, { input: { format: 'CSV', content: FILE } });
    expect(result.errors).toBeUndefined();
    const payload = result.data.importResidents;
    expect(payload).toMatchObject({ total: 10, created: 2, updated: 1, unchanged: 1, rejected: 6 });
    const byRow = Object.fromEntries(payload.results.map((r: any) => [r.row, r]));
    expect(byRow[1]).toMatchObject({ outcome: 'CREATED' });
    expect(byRow[2]).toMatchObject({ outcome: 'CREATED' });
    expect(byRow[3]).toMatchObject({ outcome: 'REJECTED', field: 'name' });
    expect(byRow[4]).toMatchObject({ outcome: 'REJECTED', field: 'relationToHead' });
    expect(byRow[4].reason).toMatch(/COUSIN/);
    expect(byRow[5]).toMatchObject({ outcome: 'REJECTED', field: 'idNumber' });
    expect(byRow[5].reason).toMatch(/校验位/);
    expect(byRow[6]).toMatchObject({ outcome: 'REJECTED', field: 'idNumber' });
    expect(byRow[6].reason).toMatch(/第 1 行/);
    expect(byRow[7]).toMatchObject({ outcome: 'REJECTED', field: null });
    expect(byRow[7].reason).toMatch(/列/);
    expect(byRow[8]).toMatchObject({ outcome: 'UPDATED', residentId: 'resident-2' });
    expect(byRow[9]).toMatchObject({ outcome: 'UNCHANGED', residentId: 'resident-3' });
    expect(byRow[10]).toMatchObject({ outcome: 'REJECTED', field: 'gridCode' });

    const em = service.orm.em.fork();
    const created = await em.findOneOrFail(Resident, { idNumber: id('1982-02-02', 12) }, { populate: ['household'] });
    expect(created).toMatchObject({
      name: '李美玲',
      residenceType: 'FLOATING',
      residencePermitExpiresOn: '2027-01-31',
      relationToHead: 'HEAD',
    });
    const flat = created.household!.getEntity();
    expect(flat).toMatchObject({ address: '莲秀里9号楼3单元402室', housing: 'RENTED', headResidentId: created.id });
    expect(await em.findOneOrFail(Building, flat.building.id)).toMatchObject({ name: '莲秀里9号楼' });
    expect((await em.findOneOrFail(Resident, { idNumber: id('1980-01-01', 11) })).household?.id).toBe('household-0-1');
    expect((await em.findOneOrFail(Resident, 'resident-2')).phone).toBe('13911112222');
    // Two registered, one updated, and the new building and flat announced; nothing for unchanged or rejected rows.
    expect(await outboxCount()).toBe(before + 5);
    const announced = await em.find(OutboxMessage, {
      subject: { $in: ['shequ.residents.building.registered', 'shequ.residents.household.registered'] },
    });
    expect(announced.map((m) => JSON.parse(m.payload).data)).toEqual(
      expect.arrayContaining([
        { buildingId: flat.building.id, gridId: expect.any(String) },
        { householdId: flat.id, buildingId: flat.building.id, gridId: expect.any(String) },
      ]),
    );
  });

  it('a second import of the same file reports every accepted row UNCHANGED and publishes nothing', async () => {
    const before = [
      await outboxCount(),
      await service.orm.em.fork().count(Household, {}),
      await service.orm.em.fork().count(Building, {}),
    ];
    const result = await service.graphql(IMPORT, { input: { format: 'CSV', content: FILE } });
    expect(result.data.importResidents).toMatchObject({ total: 10, created: 0, updated: 0, unchanged: 4, rejected: 6 });
    expect([
      await outboxCount(),
      await service.orm.em.fork().count(Household, {}),
      await service.orm.em.fork().count(Building, {}),
    ]).toEqual(before);
  });

  it('imports JSON, moving a resident to another flat (resident.moved_in) and rejecting non-objects', async () => {
    const content = JSON.stringify([
      { idNumber: id('1975-06-01', 3), name: '林建国', building: '莲秀里2号楼', unit: '1单元', room: '201室' },
      'not a row',
    ]);
    const result = await service.graphql(IMPORT, { input: { format: 'JSON', content } });
    expect(result.data.importResidents.results).toEqual([
      { row: 1, outcome: 'UPDATED', residentId: 'resident-3', field: null, reason: null },
      { row: 2, outcome: 'REJECTED', residentId: null, field: null, reason: '该行不是对象' },
    ]);
    const moved = await service.orm.em.fork().find(OutboxMessage, { subject: 'shequ.residents.resident.moved_in' });
    expect(moved.map((m) => JSON.parse(m.payload).data)).toEqual([
      expect.objectContaining({
        residentId: 'resident-3',
        householdId: 'household-1-2',
        fromHouseholdId: 'household-0-1',
        gridId: 'grid-b',
      }),
    ]);
  });

  it('one flat, one household: the API and the import write a flat the same way and find the same household', async () => {
    const REGISTER_HOUSEHOLD = `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { household { id address unit room } } }`;
    const households = () => service.orm.em.fork().count(Household, {});
    const before = await households();
    // «1» / «101» is the existing 1单元101室, not a new flat «…1101».
    const again = await service.graphql(REGISTER_HOUSEHOLD, {
      input: { buildingId: 'building-0', unit: '1', room: '101', housing: 'OWNED' },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'room' });
    const fresh = await service.graphql(REGISTER_HOUSEHOLD, {
      input: { buildingId: 'building-0', unit: ' ９ ', room: '3874', housing: 'OWNED' },
    });
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data.registerHousehold.household).toMatchObject({
      address: '香秀里1号楼9单元3874室',
      unit: '9单元',
      room: '3874室',
    });
    expect(await households()).toBe(before + 1);
    const content = JSON.stringify([
      { idNumber: id('1991-09-09', 31), name: '陈一凡', building: '香秀里1号楼', unit: '9', room: '3874' },
      { idNumber: id('1992-10-10', 32), name: '黄二妹', building: '香秀里1号楼', unit: '9单元', room: '3874室' },
    ]);
    const imported = await service.graphql(IMPORT, { input: { format: 'JSON', content } });
    expect(imported.data.importResidents).toMatchObject({ created: 2, rejected: 0 });
    const em = service.orm.em.fork();
    const people = await em.find(Resident, { idNumber: { $in: [id('1991-09-09', 31), id('1992-10-10', 32)] } });
    expect(people.map((r) => r.household?.id)).toEqual([
      fresh.data.registerHousehold.household.id,
      fresh.data.registerHousehold.household.id,
    ]);
    expect(await households()).toBe(before + 1);
  });

  it('the import applies the rule of the API for rented flats: no landlord, no flat', async () => {
    const households = () => service.orm.em.fork().count(Household, {});
    const before = [await households(), await outboxCount()];
    const content = JSON.stringify([
      {
        idNumber: id('1993-01-11', 33),
        name: '郑租客',
        building: '香秀里1号楼',
        unit: 7,
        room: 701,
        housing: '出租房',
      },
      {
        idNumber: id('1993-02-12', 34),
        name: '冯租客',
        building: '香秀里1号楼',
        unit: 7,
        room: 702,
        housing: 'RENTED',
        landlordIdNumber: id('1999-09-19', 99),
      },
      {
        idNumber: id('1993-03-13', 35),
        name: '何自住',
        building: '香秀里1号楼',
        unit: 7,
        room: 703,
        landlordIdNumber: id('1948-03-08', 2),
      },
    ]);
    const imported = await service.graphql(IMPORT, { input: { format: 'JSON', content } });
    expect(imported.data.importResidents.results).toEqual([
      expect.objectContaining({ row: 1, outcome: 'REJECTED', field: 'landlordIdNumber' }),
      expect.objectContaining({ row: 2, outcome: 'REJECTED', field: 'landlordIdNumber' }),
      expect.objectContaining({ row: 3, outcome: 'REJECTED', field: 'landlordIdNumber' }),
    ]);
    // the refusal names the field and the row, never the ID number itself (the importing key may not see it raw,
    // and the offline import writes the reasons to its report file)
    expect(JSON.stringify(imported.data.importResidents.results)).not.toContain(id('1999-09-19', 99));
    expect([await households(), await outboxCount()]).toEqual(before);
    const rented = JSON.stringify([
      {
        idNumber: id('1993-01-11', 33),
        name: '郑租客',
        building: '香秀里1号楼',
        unit: 7,
        room: 701,
        housing: '出租房',
        landlordIdNumber: id('1948-03-08', 2),
      },
    ]);
    const ok = await service.graphql(IMPORT, { input: { format: 'JSON', content: rented } });
    expect(ok.data.importResidents).toMatchObject({ created: 1, rejected: 0 });
    const tenant = await service.orm.em
      .fork()
      .findOneOrFail(Resident, { idNumber: id('1993-01-11', 33) }, { populate: ['household'] });
    expect(tenant.household!.getEntity()).toMatchObject({ housing: 'RENTED', landlordResidentId: 'resident-2' });
  });

  it('rejects an unreadable file as a whole, and callers without residents:import', async () => {
    const noHeader = await service.graphql(IMPORT, {
      input: { format: 'CSV', content: 'name,phone\n王五,13800000000' },
    });
    expect(noHeader.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    const badJson = await service.graphql(IMPORT, { input: { format: 'JSON', content: '{"idNumber": ' } });
    expect(badJson.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    const unclosed = await service.graphql(IMPORT, {
      input: { format: 'CSV', content: `${HEADER}\n${id('1990-01-01', 21)},"吴,,,香秀里1号楼,1,101,,,,,` },
    });
    expect(unclosed.data.importResidents.results).toEqual([
      { row: 1, outcome: 'REJECTED', residentId: null, field: null, reason: expect.stringMatching(/引号未闭合/) },
    ]);
    const gridWorker = await service.graphql(
      IMPORT,
      { input: { format: 'CSV', content: FILE } },
      { role: 'grid_worker', grids: ['350203008006-01'] },
    );
    expect(gridWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
