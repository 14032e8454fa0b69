import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { announcedReads, knownReferences, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { PartyMember } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

// Party affairs may not read residents' birth dates, yet the 18-year rule (党章: 年满十八岁) decides on them. Before,
// its refusal named the age on the date party affairs chose («申请时 17 岁», «2026-05-01 时该居民 17 岁») and nothing
// reached the personal-data audit trail: trying dates found a birthday, unseen and untraced. Now the rule still
// applies, its refusal only says the rule is not met to a caller without the birth date, and every use of the rule
// on a resident's birth date is in that resident's trail (`audit.pii_read`, published through the outbox), whether
// the rule passed or refused.
const COMMUNITY = '350203008006';
const ENROL = `mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id } } }`;
const CREATE_ORG = `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { organization { id } } }`;
const REQUEST_TRANSFER = `mutation($input: RequestPartyTransferInput!) { requestPartyTransfer(input: $input) { transfer { id } } }`;
const ADVANCE = `mutation($input: AdvancePartyTransferInput!) { advancePartyTransfer(input: $input) { transfer { id status } } }`;
const asPartyAffairs = { role: 'party_affairs' as const };
const PARTY_AFFAIRS_ID = 'test-party_affairs';
const ADMIN_ID = 'test-community_admin';

describe.each(testDialects())('the 18-year rule on a birth date the caller may not read, on %s', (dialect) => {
  let service: TestSubgraph;
  let branch: string;
  const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));

  /** The fields of `residentId` that partybuilding announced as read by `callerId`, with the trail's community. */
  async function auditedFor(
    callerId: string,
    residentId: string,
  ): Promise<Array<{ community: string; fields: string[] }>> {
    return (await announcedReads(service, 'partybuilding', callerId))
      .filter(({ read }) => read.subjectId === residentId)
      .map(({ communityId, read }) => ({ community: communityId, fields: read.fields }));
  }

  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, { dialect, clock });
    await knownReferences(service, [
      // 18 on 2026-07-15: 17 on every date party affairs may give (not after today, 2026-06-30)
      { kind: 'RESIDENT', id: 'res-teen', birthDate: '2008-07-15' },
      { kind: 'RESIDENT', id: 'res-teen-history', birthDate: '2008-07-15' },
      { kind: 'RESIDENT', id: 'res-teen-admin', birthDate: '2008-07-15' },
      { kind: 'RESIDENT', id: 'res-adult', birthDate: '1990-03-03' },
      // admitted as 预备党员 elsewhere: 18 on 2025-09-09
      { kind: 'RESIDENT', id: 'res-arriving', birthDate: '2007-09-09' },
      { kind: 'RESIDENT', id: 'res-no-birth-date' },
    ]);
    const committee = await service.graphql(CREATE_ORG, {
      input: { name: '社区党委', level: 'COMMITTEE', establishedOn: '2005-07-01' },
    });
    const created = await service.graphql(CREATE_ORG, {
      input: {
        name: '第一党支部',
        level: 'BRANCH',
        parentId: committee.data.createPartyOrganization.organization.id,
        establishedOn: '2005-07-01',
      },
    });
    branch = created.data.createPartyOrganization.organization.id;
  });
  afterAll(() => service?.stop());

  it('refuses party affairs an applicant under 18 without the age, and audits the use of the birth date', async () => {
    const messages = new Set<string>();
    // one day after another, and a day before the birth: the same answer, a no without a number
    for (const appliedOn of ['2026-05-01', '2026-06-30', '2008-01-01']) {
      const result = await service.graphql(
        ENROL,
        { input: { residentId: 'res-teen', branchId: branch, appliedOn } },
        asPartyAffairs,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'appliedOn' });
      messages.add(result.errors![0].message);
    }
    expect([...messages]).toEqual(['申请入党须年满 18 周岁：申请时该居民未满 18 周岁']);
    expect(await service.orm.em.fork().count(PartyMember, { residentId: 'res-teen' })).toBe(0);
    // each refusal is a use of res-teen's birth date by party affairs, in res-teen's community's trail
    expect(await auditedFor(PARTY_AFFAIRS_ID, 'res-teen')).toEqual([
      { community: COMMUNITY, fields: ['birthDate'] },
      { community: COMMUNITY, fields: ['birthDate'] },
      { community: COMMUNITY, fields: ['birthDate'] },
    ]);
  });

  it('words a history’s first stage before the 18th birthday without the age either, and audits it', async () => {
    const result = await service.graphql(
      ENROL,
      { input: { residentId: 'res-teen-history', branchId: branch, stage: 'ACTIVIST', activistOn: '2026-05-01' } },
      asPartyAffairs,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activistOn' });
    expect(result.errors?.[0]?.message).toBe('申请入党须年满 18 周岁：2026-05-01 时该居民未满 18 周岁');
    expect(await auditedFor(PARTY_AFFAIRS_ID, 'res-teen-history')).toEqual([
      { community: COMMUNITY, fields: ['birthDate'] },
    ]);
  });

  it('audits the rule passed for party affairs too: a yes tells as much as a no', async () => {
    const result = await service.graphql(
      ENROL,
      { input: { residentId: 'res-adult', branchId: branch, appliedOn: '2026-05-01' } },
      asPartyAffairs,
    );
    expect(result.errors).toBeUndefined();
    expect(await auditedFor(PARTY_AFFAIRS_ID, 'res-adult')).toEqual([{ community: COMMUNITY, fields: ['birthDate'] }]);
  });

  it('records no use when residents have no birth date (no rule decided on one)', async () => {
    const result = await service.graphql(
      ENROL,
      { input: { residentId: 'res-no-birth-date', branchId: branch, appliedOn: '2026-05-01' } },
      asPartyAffairs,
    );
    expect(result.errors).toBeUndefined();
    expect(await auditedFor(PARTY_AFFAIRS_ID, 'res-no-birth-date')).toEqual([]);
  });

  it('tells a caller who reads birth dates raw the age, its use audited as any read of the birth date', async () => {
    const result = await service.graphql(ENROL, {
      input: { residentId: 'res-teen-admin', branchId: branch, appliedOn: '2026-05-01' },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'appliedOn' });
    expect(result.errors?.[0]?.message).toBe('申请入党须年满 18 周岁（申请时 17 岁）');
    expect(await auditedFor(ADMIN_ID, 'res-teen-admin')).toEqual([{ community: COMMUNITY, fields: ['birthDate'] }]);
    // a birth date it gives that contradicts the record is refused naming the record's: a read, audited
    const contradicted = await service.graphql(ENROL, {
      input: { residentId: 'res-teen-admin', branchId: branch, appliedOn: '2026-05-01', birthDate: '1990-01-01' },
    });
    expect(contradicted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'birthDate' });
    expect(contradicted.errors?.[0]?.message).toContain('2008-07-15');
    expect(await auditedFor(ADMIN_ID, 'res-teen-admin')).toHaveLength(2);
  });

  it('audits the rule on the day a 预备党员 arriving by transfer was admitted', async () => {
    const requested = await service.graphql(
      REQUEST_TRANSFER,
      {
        input: {
          direction: 'IN',
          residentId: 'res-arriving',
          branchId: branch,
          externalOrganization: '中共思明区某街道工委',
          requestedOn: '2026-06-01',
        },
      },
      asPartyAffairs,
    );
    expect(requested.errors).toBeUndefined();
    const transferId = requested.data.requestPartyTransfer.transfer.id as string;
    const advance = (input: Record<string, unknown>) =>
      service.graphql(ADVANCE, { input: { transferId, ...input } }, asPartyAffairs);
    expect((await advance({ to: 'SENT', on: '2026-06-02', letterNumber: '组转〔2026〕41号' })).errors).toBeUndefined();
    expect((await advance({ to: 'RECEIVED', on: '2026-06-03' })).errors).toBeUndefined();
    const early = await advance({
      to: 'COMPLETED',
      on: '2026-06-04',
      stage: 'PROBATIONARY',
      probationaryOn: '2025-09-08',
    });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'probationaryOn' });
    expect(early.errors?.[0]?.message).toBe('2025-09-08 时该居民未满 18 周岁');
    expect(await auditedFor(PARTY_AFFAIRS_ID, 'res-arriving')).toEqual([
      { community: COMMUNITY, fields: ['birthDate'] },
    ]);
    const done = await advance({
      to: 'COMPLETED',
      on: '2026-06-04',
      stage: 'PROBATIONARY',
      probationaryOn: '2025-09-09',
    });
    expect(done.errors).toBeUndefined();
    expect(done.data.advancePartyTransfer.transfer.status).toBe('COMPLETED');
    expect(await auditedFor(PARTY_AFFAIRS_ID, 'res-arriving')).toHaveLength(2);
  });
});
