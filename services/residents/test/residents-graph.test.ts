import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeResidentIdNumber, type EventEnvelope } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { missingChineseDescriptions } from '@shequ/subgraph';
import { pendingSchemaChanges, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { Resident } from '../src/entities/index.js';
import { buildResidentsSchema } from '../src/graphql/schema.js';
import { residentsService } from '../src/service.js';
import { placesFixture, residentIn } from './fixtures.js';

const REGISTER = `mutation Register($input: RegisterResidentInput!) {
  registerResident(input: $input) { resident { id name gender birthDate idNumber phone household { address building { name grid { name } } } } }
}`;

const withWrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

describe.each(testDialects())('residents subgraph on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '林秀英', '1948-03-08', 2);
    residentIn(em, households[0], '林建国', '1975-06-01', 3);
    residentIn(em, households[2], '陈丽', '1990-01-15', 4);
    await em.flush();
  });
  afterAll(() => service?.stop());

  it('applies the committed migrations, which match the entities', async () => {
    expect(await pendingSchemaChanges(service)).toBe('');
  });

  const outboxCount = () => service.orm.em.fork().count(OutboxMessage, {});
  const residentCount = () => service.orm.em.fork().count(Resident, {});

  it('registers a resident, derives gender and birth date from the ID, and writes resident.registered (without personal data) to the outbox', async () => {
    const idNumber = composeResidentIdNumber('350203', '1986-09-21', 45).replace('X', 'x');
    const result = await service.graphql(REGISTER, {
      input: { name: '黄雅琳', idNumber, phone: '13812345678', householdId: 'household-0-2' },
    });
    expect(result.errors).toBeUndefined();
    const resident = result.data.registerResident.resident;
    expect(resident).toMatchObject({
      name: '黄雅琳',
      gender: 'MALE',
      birthDate: '1986-09-21',
      idNumber: idNumber.toUpperCase(),
      phone: '13812345678',
      household: { address: '香秀里1号楼1单元201室', building: { name: '香秀里1号楼', grid: { name: '香秀里网格' } } },
    });
    const row = await service.orm.em.fork().findOneOrFail(Resident, resident.id);
    expect(row.idNumber).toBe(idNumber.toUpperCase());
    const events = await service.orm.em.fork().find(OutboxMessage, { subject: 'shequ.residents.resident.registered' });
    const event = events
      .map((e) => JSON.parse(e.payload) as EventEnvelope<any>)
      .find((e) => e.data.residentId === resident.id);
    expect(event?.data).toEqual({
      residentId: resident.id,
      householdId: 'household-0-2',
      buildingId: 'building-0',
      gridId: 'grid-a',
      gender: 'MALE',
      birthDate: '1986-09-21',
      residenceType: 'REGISTERED',
      residencePermitExpiresOn: null,
    });
    expect(JSON.stringify(event)).not.toContain('黄雅琳');
  });

  it('rejects a duplicate ID with CONFLICT and writes nothing', async () => {
    const [residents, outbox] = [await residentCount(), await outboxCount()];
    const result = await service.graphql(REGISTER, {
      input: {
        name: '林秀英',
        idNumber: composeResidentIdNumber('350203', '1948-03-08', 2),
        householdId: 'household-0-1',
      },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idNumber' });
    expect([await residentCount(), await outboxCount()]).toEqual([residents, outbox]);
  });

  it.each([
    [
      'a bad check digit',
      { idNumber: withWrongCheckDigit(composeResidentIdNumber('350203', '1992-02-02', 88)) },
      'idNumber',
      /校验位/,
    ],
    [
      'an impossible birth date',
      { idNumber: composeResidentIdNumber('350203', '1986-02-31', 45) },
      'idNumber',
      /出生日期/,
    ],
    ['a short ID', { idNumber: '3502031986' }, 'idNumber', /18 位/],
    ['a name of digits', { name: '12345' }, 'name', /姓名/],
    ['a malformed phone', { phone: '12345' }, 'phone', /电话/],
    ['an unknown household', { householdId: 'no-such-household' }, 'householdId', /不存在/],
  ])('rejects %s with BAD_USER_INPUT naming the field, writing nothing', async (_label, override, field, message) => {
    const [residents, outbox] = [await residentCount(), await outboxCount()];
    const input = {
      name: '郑晓燕',
      idNumber: composeResidentIdNumber('350203', '1992-02-02', 88),
      householdId: 'household-1-1',
      ...override,
    };
    const result = await service.graphql(REGISTER, { input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect([await residentCount(), await outboxCount()]).toEqual([residents, outbox]);
  });

  it('lists residents as a Relay connection with filters, totalCount and cursors', async () => {
    const query = `query($filter: ResidentFilter, $after: String) {
      residents(first: 1, after: $after, filter: $filter) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } }
    }`;
    const page1 = await service.graphql(query, { filter: { gridId: 'grid-a', namePrefix: '林' } });
    expect(page1.errors).toBeUndefined();
    expect(page1.data.residents.totalCount).toBe(2);
    expect(page1.data.residents.pageInfo.hasNextPage).toBe(true);
    const page2 = await service.graphql(query, {
      filter: { gridId: 'grid-a', namePrefix: '林' },
      after: page1.data.residents.pageInfo.endCursor,
    });
    expect(page2.data.residents.edges).toHaveLength(1);
    expect(page2.data.residents.pageInfo.hasNextPage).toBe(false);
    const names = [page1, page2].map((p) => p.data.residents.edges[0].node.name).sort();
    expect(names).toEqual(['林建国', '林秀英']);
    const grid2 = await service.graphql(query, { filter: { gridId: 'grid-b' } });
    expect(grid2.data.residents.totalCount).toBe(1);
  });

  it('refuses a page larger than 100 and an unreadable cursor', async () => {
    const tooMany = await service.graphql('{ residents(first: 101) { totalCount } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await service.graphql('{ residents(first: 1, after: "garbage") { totalCount } }');
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('resolves federation references for Resident, Household and Grid in one request; an unknown id is a quiet null of that item only', async () => {
    const result = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Resident { name } ... on Household { address } ... on Grid { code } ... on Building { name }
      ... on Staff { id } ... on Organization { id } } }`,
      {
        reps: [
          { __typename: 'Resident', id: 'resident-3' },
          { __typename: 'Household', id: 'household-1-2' },
          { __typename: 'Grid', id: 'grid-b' },
          { __typename: 'Resident', id: 'missing' },
          ...['Household', 'Grid', 'Building', 'Staff', 'Organization'].map((t) => ({ __typename: t, id: 'missing' })),
        ],
      },
    );
    // every kind a referencing service holds: an unknown item is null like one out of scope (no error), the others answered
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { name: '林建国' },
      { address: '莲秀里2号楼1单元201室' },
      { code: '350203008006-02' },
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('residents schema', () => {
  it('describes every type, field, argument and enum value in Chinese', async () => {
    const { schema } = await buildResidentsSchema();
    expect(missingChineseDescriptions(schema)).toEqual([]);
  });
});
