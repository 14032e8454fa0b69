import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonalField, Role } from '@shequ/auth';
import { OutboxMessage } from '@shequ/messaging';
import { PiiAuditRecord, decodeAuditSubjects, encodeAuditSubjects } from '@shequ/subgraph';
import { devToken, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { placesFixture, residentIn } from './fixtures.js';
import { residentsService } from '../src/service.js';

const VIEW = `query View($id: ID!) { resident(id: $id) { name idNumber phone household { address unit room } } }`;
const GRID_A = '350203008006-01';

describe('residents: who sees what', () => {
  let service: TestSubgraph;
  let idNumber: string;

  beforeAll(async () => {
    // 莲顺 is registered too: its admin's token is taken, and sees none of 莲秀's residents
    service = await startTestSubgraph(residentsService, { registeredCommunities: ['350203008006', '350203008007'] });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    const resident = residentIn(em, households[0], '林秀英', '1948-03-08', 2);
    resident.phone = '13906001234';
    idNumber = resident.idNumber;
    residentIn(em, households[2], '陈丽', '1990-01-15', 4);
    await em.flush();
  });
  afterAll(() => service?.stop());

  const view = (caller: Parameters<TestSubgraph['graphql']>[2]) => service.graphql(VIEW, { id: 'resident-2' }, caller);

  it.each<[string, Role, string | null, string | null, string | null]>([
    ['community_admin', 'community_admin', 'RAW', 'RAW', 'RAW'],
    ['civil_affairs', 'civil_affairs', 'RAW', 'RAW', 'RAW'],
    ['comprehensive_governance', 'comprehensive_governance', 'RAW', 'RAW', 'RAW'],
    ['party_affairs', 'party_affairs', 'MASKED', 'MASKED', 'MASKED'],
    ['culture', 'culture', 'MASKED', 'MASKED', 'MASKED'],
    ['family_planning', 'family_planning', 'MASKED', 'MASKED', 'MASKED'],
  ])('%s sees ID number, phone and address as the policy says', async (_label, role, id, phone, address) => {
    const result = await view({ role });
    expect(result.errors).toBeUndefined();
    const r = result.data.resident;
    expect(r.name).toBe('林秀英');
    expect(r.idNumber).toBe(id === 'RAW' ? idNumber : `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(r.phone).toBe(phone === 'RAW' ? '13906001234' : '139****1234');
    expect(r.household).toEqual(
      address === 'RAW'
        ? { address: '香秀里1号楼1单元101室', unit: '1单元', room: '101室' }
        : { address: '香秀里1号楼', unit: null, room: null },
    );
  });

  it('shows a grid worker residents of their own grid only, ID number masked', async () => {
    const own = await view({ role: 'grid_worker', grids: [GRID_A] });
    expect(own.data.resident).toMatchObject({
      name: '林秀英',
      phone: '13906001234',
      idNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
    });
    const other = await view({ role: 'grid_worker', grids: ['350203008006-02'] });
    expect(other.data.resident).toBeNull();
    const list = await service.graphql(
      '{ residents(first: 10) { totalCount edges { node { name } } } }',
      {},
      { role: 'grid_worker', grids: [GRID_A] },
    );
    expect(list.data.residents.edges.map((e: any) => e.node.name)).toEqual(['林秀英']);
  });

  it('refuses an analyst any person, naming the missing permission', async () => {
    const result = await view({ role: 'analyst', community: '350203008' });
    expect(result.data?.resident ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'residents:read' });
  });

  it('refuses a role without residents:write to register anyone', async () => {
    const result = await service.graphql(
      `mutation { registerResident(input: { name: "王芳", idNumber: "11010519491231002X", householdId: "household-0-1" }) { resident { id } } }`,
      {},
      { role: 'culture' },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'residents:write' });
  });

  it('never sees another community', async () => {
    const result = await view({ role: 'community_admin', community: '350203008007' });
    expect(result.data.resident).toBeNull();
  });

  it('answers UNAUTHENTICATED without a credential, with forged identity headers, or with a bad token', async () => {
    const forged = await view({ anonymous: true, headers: { 'x-user-id': 'admin', 'x-roles': 'community_admin' } });
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const expired = await view({ authorization: `Bearer ${await devToken({}, -60)}` });
    expect(expired.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringContaining('过期'),
    });
    const token = await devToken();
    const tampered = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const badSignature = await view({ authorization: `Bearer ${tampered}` });
    expect(badSignature.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(badSignature.data).toBeFalsy();
  });

  it('audits every unmasked read exactly once: one compact record per request, no event, masked reads free', async () => {
    const em = service.orm.em.fork();
    const before = await em.count(PiiAuditRecord, {});
    const outboxBefore = await em.count(OutboxMessage, {});
    const result = await service.graphql(
      `query AuditMe { a: resident(id: "resident-2") { idNumber phone } b: resident(id: "resident-2") { idNumber } }`,
      {},
      {
        role: 'civil_affairs',
        subject: 'staff-fang',
      },
    );
    expect(result.errors).toBeUndefined();
    const records = await service.orm.em.fork().find(PiiAuditRecord, { callerId: 'staff-fang' });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      service: 'residents',
      operation: 'AuditMe',
      callerKind: 'user',
      callerRoles: 'civil_affairs',
      subjectCount: 1,
    });
    expect(decodeAuditSubjects(records[0].subjects)).toEqual([
      { subjectType: 'Resident', subjectId: 'resident-2', fields: ['idNumber', 'phone'] },
    ]);
    // stored once: the trail keeper writes its own reads directly, nothing goes through the outbox
    expect(await service.orm.em.fork().count(OutboxMessage, {})).toBe(outboxBefore);

    await service.graphql(
      `{ resident(id: "resident-2") { idNumber phone } }`,
      {},
      { role: 'party_affairs', subject: 'staff-masked' },
    );
    expect(await service.orm.em.fork().count(PiiAuditRecord, {})).toBe(before + 1);
  });

  it('keeps a page of 50 people in one record of under 2 KB, and finds each of them by id', async () => {
    const uuids = Array.from(
      { length: 50 },
      (_, i) => `019ad${String(i).padStart(3, '0')}-f400-7d3b-98ed-d902fb97dac2`,
    );
    const subjects = uuids.map((subjectId) => ({
      subjectType: 'Resident' as const,
      subjectId,
      fields: ['birthDate', 'idNumber', 'phone'] as PersonalField[],
    }));
    const encoded = encodeAuditSubjects(subjects);
    expect(Buffer.byteLength(encoded)).toBeLessThan(1_300);
    expect(decodeAuditSubjects(encoded)).toEqual(subjects);
    const page = await service.graphql(
      `query Page { residents(first: 50) { edges { node { id idNumber } } } }`,
      {},
      {
        subject: 'staff-page',
      },
    );
    const ids = page.data.residents.edges.map((e: any) => e.node.id);
    expect(ids.length).toBeGreaterThan(1);
    const [record] = await service.orm.em.fork().find(PiiAuditRecord, { callerId: 'staff-page' });
    expect(record.subjectCount).toBe(ids.length);
    expect(decodeAuditSubjects(record.subjects).map((s) => s.subjectId)).toEqual(ids);
    for (const id of [ids[0], ids.at(-1)]) {
      const trail = await service.graphql(
        `query($id: ID) { piiAuditTrail(filter: { residentId: $id, callerId: "staff-page" }) { totalCount edges { node { subjectId fields operation } } } }`,
        { id },
      );
      expect(trail.data.piiAuditTrail).toEqual({
        totalCount: 1,
        edges: [{ node: { subjectId: id, fields: ['idNumber'], operation: 'Page' } }],
      });
    }
  });
});
