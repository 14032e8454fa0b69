import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeResidentIdNumber } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { InMemoryApiKeys, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { checkIdentityCorrection, validCorrectionReason } from '../src/domain/identity-correction.js';
import { ID_NUMBER_NOT_REGISTRABLE } from '../src/domain/resident-registration.js';
import { Resident, ResidentIdentityCorrection } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture, residentElsewhere, residentIn } from './fixtures.js';
import { countFor, publishedEvents } from './stream.js';

// 身份证号更正: the corrected number is checked as at registration, gender and birth date follow it, the reason is
// kept with the correction, `resident.identity_corrected` carries gender and birth date only; any refusal writes
// nothing.
const OTHER = '350203008001';
const CORRECT = `mutation($input: CorrectResidentIdNumberInput!) {
  correctResidentIdNumber(input: $input) { resident { id idNumber gender birthDate age } }
}`;
const REASON = '登记时录入错误，以户籍证明为准';
const wrongId = composeResidentIdNumber('350203', '1975-06-01', 3); // 林建国 as registered: MALE, 1975-06-01
const rightId = composeResidentIdNumber('350203', '1978-09-10', 4); // FEMALE, 1978-09-10
const elsewhereId = composeResidentIdNumber('350203', '1970-02-03', 41);

describe('身份证号更正 rules', () => {
  const record = { idNumber: wrongId, movedInOn: '2000-01-01', movedOutOn: null, diedOn: null };
  it('asks for a reason of 2–200 characters', () => {
    expect(() => validCorrectionReason('  ')).toThrow(/请填写更正原因/);
    expect(() => validCorrectionReason('错')).toThrow(/2–200/);
    expect(() => validCorrectionReason('错'.repeat(201))).toThrow(/2–200/);
    expect(validCorrectionReason('  录入  错误 ')).toBe('录入 错误');
  });
  it('refuses an unchanged number and a birth date after the life on record', () => {
    const same = { idNumber: wrongId, gender: 'MALE' as const, birthDate: '1975-06-01' };
    expect(() => checkIdentityCorrection(record, same)).toThrow(/相同/);
    const late = { idNumber: composeResidentIdNumber('350203', '2001-01-01', 5), gender: 'MALE' as const };
    expect(() => checkIdentityCorrection(record, { ...late, birthDate: '2001-01-01' })).toThrow(/迁入本户日期/);
    expect(checkIdentityCorrection(record, { ...late, birthDate: '1999-12-31' }).birthDate).toBe('1999-12-31');
  });
});

describe.each(testDialects())('correcting a resident’s ID number on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const apiKeys = new InMemoryApiKeys();

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, {
      dialect,
      natsUrl: nats.url,
      clock: new ManualClock(new Date('2026-11-30T08:00:00Z')),
      registeredCommunities: [COMMUNITY, OTHER],
      apiKeys,
    });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '林秀英', '1948-03-08', 2);
    residentIn(em, households[0], '林建国', '1975-06-01', 3).movedInOn = '2010-05-01';
    residentIn(em, households[2], '陈丽', '1990-01-15', 6); // grid-b
    const deceased = residentIn(em, households[1], '林老伯', '1930-02-03', 7);
    deceased.status = 'DECEASED';
    deceased.diedOn = '2026-01-05';
    residentElsewhere(em, OTHER, elsewhereId);
    await em.flush();
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  /** What a refused correction must leave as it was: every resident's identity, the corrections, the outbox. */
  const snapshot = async () => {
    const em = service.orm.em.fork();
    const residents = await em.find(Resident, {}, { orderBy: { id: 'asc' } });
    return {
      residents: residents.map((r) => [r.id, r.idNumber, r.gender, r.birthDate].join('|')),
      corrections: await em.count(ResidentIdentityCorrection, {}),
      events: await em.count(OutboxMessage, {}),
    };
  };
  const refused = async (
    input: Record<string, unknown>,
    expected: { code: string; field?: string; message?: string | RegExp },
    caller?: Parameters<TestSubgraph['graphql']>[2],
  ) => {
    const before = await snapshot();
    const result = await service.graphql(CORRECT, { input }, caller);
    expect(result.data?.correctResidentIdNumber ?? null).toBeNull();
    const error = result.errors?.[0];
    expect(error?.extensions).toMatchObject({
      code: expected.code,
      ...(expected.field ? { field: expected.field } : {}),
    });
    if (expected.message) expect(error?.message).toMatch(expected.message);
    expect(await snapshot()).toEqual(before);
    return error;
  };

  it('refuses an invalid number naming idNumber, and a missing or overlong reason naming reason; nothing written', async () => {
    const base = { residentId: 'resident-3', reason: REASON };
    const badCheck = rightId.slice(0, 17) + (rightId[17] === '1' ? '2' : '1');
    await refused({ ...base, idNumber: badCheck }, { code: 'BAD_USER_INPUT', field: 'idNumber', message: /校验/ });
    await refused({ ...base, idNumber: '35020319781' }, { code: 'BAD_USER_INPUT', field: 'idNumber' });
    await refused(
      { ...base, idNumber: composeResidentIdNumber('990203', '1978-09-10', 4) },
      { code: 'BAD_USER_INPUT', field: 'idNumber', message: /行政区划/ },
    );
    await refused(
      { ...base, idNumber: composeResidentIdNumber('350203', '2027-01-01', 5) },
      { code: 'BAD_USER_INPUT', field: 'idNumber' },
    );
    await refused(
      { ...base, idNumber: composeResidentIdNumber('350203', '1978-02-30', 5) },
      {
        code: 'BAD_USER_INPUT',
        field: 'idNumber',
      },
    );
    await refused({ ...base, idNumber: rightId, reason: '   ' }, { code: 'BAD_USER_INPUT', field: 'reason' });
    await refused(
      { ...base, idNumber: rightId, reason: '错'.repeat(201) },
      { code: 'BAD_USER_INPUT', field: 'reason' },
    );
    // the number on record again: nothing to correct
    await refused({ ...base, idNumber: wrongId }, { code: 'BAD_USER_INPUT', field: 'idNumber', message: /相同/ });
    // a birth date after the moving-in on record (2010-05-01)
    await refused(
      { ...base, idNumber: composeResidentIdNumber('350203', '2012-03-04', 5) },
      { code: 'BAD_USER_INPUT', field: 'idNumber', message: /迁入本户日期/ },
    );
  });

  it('refuses a number another resident holds: «已登记» when the caller sees them, else the neutral refusal', async () => {
    const base = { residentId: 'resident-3', reason: REASON };
    await refused(
      { ...base, idNumber: composeResidentIdNumber('350203', '1948-03-08', 2) },
      { code: 'CONFLICT', field: 'idNumber', message: /^该身份证号的居民已登记$/ },
    );
    const elsewhere = await refused(
      { ...base, idNumber: elsewhereId },
      { code: 'BAD_USER_INPUT', field: 'idNumber', message: ID_NUMBER_NOT_REGISTRABLE },
    );
    expect(elsewhere?.message).not.toMatch(/莲顺|350203008001/);
  });

  it('refuses a resident out of the caller’s rows, a deceased one, and callers without the right', async () => {
    const input = { residentId: 'resident-elsewhere', idNumber: rightId, reason: REASON };
    await refused(input, { code: 'NOT_FOUND' });
    // 综治 writes residents and sees ID numbers, but only of its own community
    await refused(input, { code: 'NOT_FOUND' }, { role: 'comprehensive_governance' });
    await refused({ ...input, residentId: 'resident-7' }, { code: 'CONFLICT', message: /已死亡/ });
    const own = { ...input, residentId: 'resident-3' };
    // 民政 cannot write residents; a grid worker writes residents of its grids but sees ID numbers masked only
    await refused(own, { code: 'FORBIDDEN', message: /residents:write/ }, { role: 'civil_affairs' });
    await refused(own, { code: 'FORBIDDEN', message: /原值/ }, { role: 'grid_worker', grids: [`${COMMUNITY}-01`] });
    await refused(own, { code: 'UNAUTHENTICATED' }, { anonymous: true });
  });

  it('corrects the number, derives gender and birth date again, keeps the reason and publishes them without the number', async () => {
    const result = await service.graphql(CORRECT, {
      input: { residentId: 'resident-3', idNumber: rightId, reason: ` ${REASON} ` },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.correctResidentIdNumber.resident).toEqual({
      id: 'resident-3',
      idNumber: rightId,
      gender: 'FEMALE',
      birthDate: '1978-09-10',
      age: 48,
    });
    const em = service.orm.em.fork();
    expect(await em.findOneOrFail(Resident, 'resident-3')).toMatchObject({
      idNumber: rightId,
      gender: 'FEMALE',
      birthDate: '1978-09-10',
    });
    const [correction] = await em.find(ResidentIdentityCorrection, { residentId: 'resident-3' });
    expect(correction).toMatchObject({
      communityId: COMMUNITY,
      changedFields: 'idNumber,gender,birthDate',
      correctedBy: 'test-community_admin',
      reason: REASON,
    });
    // found by the corrected number, no longer by the wrong one
    const byNumber = `query($n: String!) { residentByIdNumber(idNumber: $n) { id } }`;
    expect((await service.graphql(byNumber, { n: rightId })).data.residentByIdNumber).toEqual({ id: 'resident-3' });
    expect((await service.graphql(byNumber, { n: wrongId })).data.residentByIdNumber).toBeNull();
    const events = await publishedEvents(service);
    expect(countFor(events, 'resident.identity_corrected', 'resident-3')).toBe(1);
    const published = events.find((e) => e.subject === 'shequ.residents.resident.identity_corrected')!;
    expect(published.data).toEqual({ residentId: 'resident-3', gender: 'FEMALE', birthDate: '1978-09-10' });
    const all = JSON.stringify(events);
    for (const secret of [rightId, wrongId, rightId.slice(6, 14), REASON]) expect(all).not.toContain(secret);
    // a second correction by 综治 of the community (the same domain rules), gender unchanged this time
    const again = composeResidentIdNumber('350203', '1978-09-11', 8);
    const second = await service.graphql(
      CORRECT,
      { input: { residentId: 'resident-3', idNumber: again, reason: '出生日期录入错误' } },
      { role: 'comprehensive_governance' },
    );
    expect(second.errors).toBeUndefined();
    expect(second.data.correctResidentIdNumber.resident).toMatchObject({ gender: 'FEMALE', birthDate: '1978-09-11' });
    const corrections = await service.orm.em
      .fork()
      .find(ResidentIdentityCorrection, { residentId: 'resident-3' }, { orderBy: { changedFields: 'desc' } });
    expect(corrections.map((c) => c.changedFields)).toEqual(['idNumber,gender,birthDate', 'idNumber,birthDate']);
  });

  it('lets a district platform correct with residents:write and pii:read, not with residents:write alone', async () => {
    const input = {
      residentId: 'resident-2',
      idNumber: composeResidentIdNumber('350203', '1948-03-09', 10),
      reason: REASON,
    };
    const writeOnly = apiKeys.issue(['residents:read', 'residents:write']);
    await refused(input, { code: 'FORBIDDEN' }, { authorization: writeOnly.authorization });
    const platform = apiKeys.issue(['residents:read', 'residents:write', 'pii:read']);
    const result = await service.graphql(CORRECT, { input }, { authorization: platform.authorization });
    expect(result.errors).toBeUndefined();
    expect(result.data.correctResidentIdNumber.resident).toMatchObject({ gender: 'FEMALE', birthDate: '1948-03-09' });
    expect(
      await service.orm.em.fork().findOneOrFail(ResidentIdentityCorrection, { residentId: 'resident-2' }),
    ).toMatchObject({ correctedBy: platform.keyId, changedFields: 'idNumber,birthDate' });
  });
});
