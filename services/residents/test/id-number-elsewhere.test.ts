import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeResidentIdNumber } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { ID_NUMBER_NOT_REGISTRABLE } from '../src/domain/resident-registration.js';
import { Building, Household, Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture, residentElsewhere, residentIn } from './fixtures.js';

// An ID number registered where the caller may not see it (another community, or another grid of a grid worker) is
// refused by the import and by registerResident alike, naming idNumber and saying nothing of where the person lives,
// and a refused import row makes no building or flat of its own.
const OTHER = '350203008001';
const IMPORT = `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { created rejected results { row outcome field reason } } }`;
const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { resident { id } } }`;
const HEADER =
  'idNumber,name,phone,gridCode,building,unit,room,housing,relationToHead,residenceType,residencePermitIssuedOn,residencePermitExpiresOn,landlordIdNumber';
const elsewhereId = composeResidentIdNumber('350203', '1970-02-03', 41);
const deceasedId = composeResidentIdNumber('350203', '1930-02-03', 42);

describe.each(testDialects())('an ID number registered out of the caller’s sight on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
      registeredCommunities: [COMMUNITY, OTHER],
    });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '林秀英', '1948-03-08', 2); // grid-a
    const deceased = residentIn(em, households[0], '林老伯', '1930-02-03', 42);
    deceased.status = 'DECEASED';
    deceased.diedOn = '2026-01-05';
    residentElsewhere(em, OTHER, elsewhereId);
    await em.flush();
  });
  afterAll(() => service?.stop());

  const counts = async () => {
    const em = service.orm.em.fork();
    return {
      buildings: await em.count(Building, {}),
      households: await em.count(Household, {}),
      residents: await em.count(Resident, {}),
      events: await em.count(OutboxMessage, {}),
    };
  };

  it('the import refuses the row naming idNumber, without «其他社区», and makes no building or flat for it', async () => {
    const before = await counts();
    const content = [
      HEADER,
      // a new building and flat: nothing of them may be written for a refused row
      `${elsewhereId},郑远方,,350203008006-01,香秀里新1号楼,1,101,,HEAD,,,,`,
      `${deceasedId},林老伯,,350203008006-02,莲秀里新2号楼,1,101,,HEAD,,,,`,
    ].join('\n');
    const result = await service.graphql(IMPORT, { input: { format: 'CSV', content } });
    expect(result.errors).toBeUndefined();
    expect(result.data.importResidents).toMatchObject({ created: 0, rejected: 2 });
    const [elsewhere, deceased] = result.data.importResidents.results;
    expect(elsewhere).toMatchObject({
      row: 1,
      outcome: 'REJECTED',
      field: 'idNumber',
      reason: ID_NUMBER_NOT_REGISTRABLE,
    });
    expect(elsewhere.reason).not.toMatch(/其他社区|莲顺|350203008001/);
    expect(deceased).toMatchObject({
      row: 2,
      outcome: 'REJECTED',
      field: 'idNumber',
      reason: '该居民已登记死亡，不能导入',
    });
    expect(deceased.reason).not.toContain('2026');
    expect(await counts()).toEqual(before);
  });

  it('registerResident gives the same neutral refusal (BAD_USER_INPUT on idNumber), nothing written', async () => {
    const before = await counts();
    const result = await service.graphql(REGISTER, {
      input: { name: '郑远方', idNumber: elsewhereId, householdId: 'household-0-1', relationToHead: 'OTHER' },
    });
    expect(result.errors?.[0]?.message).toBe(ID_NUMBER_NOT_REGISTRABLE);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect(await counts()).toEqual(before);
  });

  it('a grid worker is not told that a person of another grid is registered; the admin who sees them is', async () => {
    const known = composeResidentIdNumber('350203', '1948-03-08', 2); // 林秀英, grid-a
    const input = { name: '林秀英', idNumber: known, householdId: 'household-1-1', relationToHead: 'OTHER' }; // grid-b
    const gridWorkerB = await service.graphql(REGISTER, { input }, { role: 'grid_worker', grids: [`${COMMUNITY}-02`] });
    expect(gridWorkerB.errors?.[0]?.message).toBe(ID_NUMBER_NOT_REGISTRABLE);
    expect(gridWorkerB.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    const admin = await service.graphql(REGISTER, { input });
    expect(admin.errors?.[0]?.message).toBe('该身份证号的居民已登记');
    expect(admin.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idNumber' });
  });
});
