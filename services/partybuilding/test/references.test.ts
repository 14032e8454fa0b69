import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentDeceased, ResidentIdentityCorrected, ResidentRegistered, StaffRegistered } from '@shequ/contracts';
import { ManualClock, ReferenceProjection } from '@shequ/subgraph';
import { startTestSubgraph, TestEventPublisher, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import {
  PartyMember,
  PartyOrganization,
  PartyTransfer,
  RedFlagNomination,
  RedFlagPeriod,
} from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

const ENROL = `mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id } } }`;
const NOMINATE = `mutation($input: NominateRedFlagInput!) { nominateRedFlag(input: $input) { period { period } } }`;
const CREATE_ORG = `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { organization { id } } }`;
const REQUEST_TRANSFER = `mutation($input: RequestPartyTransferInput!) { requestPartyTransfer(input: $input) { transfer { id } } }`;

const registered = (residentId: string, birthDate: string, gender: 'FEMALE' | 'MALE' | null = null) => ({
  residentId,
  householdId: 'hh-1',
  buildingId: 'b-1',
  gridId: 'g-1',
  gender,
  birthDate,
  residenceType: 'REGISTERED' as const,
  residencePermitExpiresOn: null,
});

describe.each(testDialects())(
  'references to residents’ records on %s (projection fed by a real nats-server)',
  (dialect) => {
    let nats: NatsServerHandle;
    let service: TestSubgraph;
    let publisher: TestEventPublisher;
    let branch: string;
    const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));
    const count = (entity: Parameters<TestSubgraph['orm']['em']['count']>[0]) =>
      service.orm.em.fork().count(entity, {});

    beforeAll(async () => {
      nats = await startNatsServer();
      service = await startTestSubgraph(partybuildingService, { dialect, natsUrl: nats.url, clock });
      publisher = new TestEventPublisher(nats.url);
      await publisher.publish(ResidentRegistered, registered('res-adult', '1980-05-05'));
      await publisher.publish(ResidentRegistered, registered('res-teen', '2010-03-03'));
      await publisher.publish(ResidentRegistered, registered('res-gone', '1950-01-01'));
      await publisher.publish(ResidentRegistered, registered('res-woman', '1985-02-02', 'FEMALE'));
      await publisher.publish(ResidentDeceased, { residentId: 'res-gone', diedOn: '2026-06-01' });
      await publisher.publish(StaffRegistered, {
        staffId: 'staff-jisheng',
        department: 'FAMILY_PLANNING',
        gridIds: [],
        active: true,
      });
      await waitFor(
        async () =>
          (await service.orm.em.fork().findOne(ReferenceProjection, { kind: 'RESIDENT', id: 'res-gone' }))?.status ===
            'DECEASED' && (await service.orm.em.fork().count(ReferenceProjection, { kind: 'STAFF' })) === 1,
        { what: 'the reference projection to catch up' },
      );
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
    afterAll(async () => {
      await publisher?.close();
      await service?.stop();
      await nats?.stop();
    });

    it('refuses to enrol an unknown resident (enrolPartyMember(residentId: "ghost-resident")), writing nothing', async () => {
      const ghost = await service.graphql(ENROL, {
        input: { residentId: 'ghost-resident', branchId: branch, appliedOn: '2026-05-01' },
      });
      expect(ghost.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
      expect(ghost.errors?.[0]?.message).toContain('ghost-resident');
      const deceased = await service.graphql(ENROL, {
        input: { residentId: 'res-gone', branchId: branch, appliedOn: '2026-05-01' },
      });
      expect(deceased.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
      expect(await count(PartyMember)).toBe(0);
    });

    it('applies the 18-year rule to the birth date residents registered, refusing a caller’s other date', async () => {
      const teen = await service.graphql(ENROL, {
        input: { residentId: 'res-teen', branchId: branch, appliedOn: '2026-05-01' },
      });
      expect(teen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'appliedOn' });
      const older = await service.graphql(ENROL, {
        input: { residentId: 'res-teen', branchId: branch, appliedOn: '2026-05-01', birthDate: '1990-01-01' },
      });
      expect(older.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'birthDate' });
      expect(older.errors?.[0]?.message).toContain('2010-03-03');
      expect(await count(PartyMember)).toBe(0);
      const younger = await service.graphql(ENROL, {
        input: { residentId: 'res-adult', branchId: branch, appliedOn: '2026-05-01', birthDate: '2012-01-01' },
      });
      expect(younger.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'birthDate' });
      const adult = await service.graphql(ENROL, {
        input: { residentId: 'res-adult', branchId: branch, appliedOn: '2026-05-01', birthDate: '1980-05-05' },
      });
      expect(adult.errors).toBeUndefined();
      const member = await service.orm.em.fork().findOneOrFail(PartyMember, adult.data.enrolPartyMember.member.id);
      expect(member.birthDate).toBe('1980-05-05');
    });

    it('tells party affairs (birth date withheld) nothing of a birth date: any date given is refused alike, the record’s never named', async () => {
      // party_affairs sees the ID number masked and no birth date: a refusal naming the register's date, or one
      // that only a wrong date gets, would give digits 7–14 of the ID number
      const asPartyAffairs = { role: 'party_affairs' as const };
      const outcomes: unknown[] = [];
      for (const birthDate of ['1980-05-04', '1980-05-05']) {
        const result = await service.graphql(
          ENROL,
          { input: { residentId: 'res-woman', branchId: branch, appliedOn: '2026-05-01', birthDate } },
          asPartyAffairs,
        );
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'birthDate' });
        expect(result.errors?.[0]?.message).not.toContain('1985-02-02');
        outcomes.push(result.errors?.[0]?.message);
      }
      const right = await service.graphql(
        ENROL,
        { input: { residentId: 'res-woman', branchId: branch, appliedOn: '2026-05-01', birthDate: '1985-02-02' } },
        asPartyAffairs,
      );
      expect(right.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'birthDate' });
      expect(new Set([...outcomes, right.errors?.[0]?.message]).size).toBe(1);
      expect(await service.orm.em.fork().count(PartyMember, { residentId: 'res-woman' })).toBe(0);
    });

    it('takes a member’s gender from residents’ event, refusing a caller’s value that contradicts it', async () => {
      const projected = await service.orm.em
        .fork()
        .findOneOrFail(ReferenceProjection, { kind: 'RESIDENT', id: 'res-woman' });
      expect(projected.gender).toBe('FEMALE');
      const contradicted = await service.graphql(ENROL, {
        input: { residentId: 'res-woman', branchId: branch, appliedOn: '2026-05-01', gender: 'MALE' },
      });
      expect(contradicted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gender' });
      expect(contradicted.errors?.[0]?.message).toMatch(/性别.*与居民档案.*不一致/);
      expect(await service.orm.em.fork().count(PartyMember, { residentId: 'res-woman' })).toBe(0);
      // no gender given (the input is deprecated): residents' is kept; nor can a caller give one residents lacks
      const unknown = await service.graphql(ENROL, {
        input: { residentId: 'res-teen', branchId: branch, appliedOn: '2026-05-01', gender: 'MALE' },
      });
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gender' });
      const enrolled = await service.graphql(ENROL, {
        input: { residentId: 'res-woman', branchId: branch, appliedOn: '2026-05-01' },
      });
      expect(enrolled.errors).toBeUndefined();
      const member = await service.orm.em.fork().findOneOrFail(PartyMember, { residentId: 'res-woman' });
      expect(member.gender).toBe('FEMALE');
    });

    it('takes a corrected gender and birth date (resident.identity_corrected): projection, member’s file, party statistics', async () => {
      const sql = (text: string) => service.orm.em.getConnection().execute<Record<string, unknown>[]>(text);
      // res-woman was enrolled above as a woman born 1985-02-02; res-teen (born 2010) could not apply
      await publisher.publish(ResidentIdentityCorrected, {
        residentId: 'res-woman',
        gender: 'MALE',
        birthDate: '1984-12-12',
      });
      await publisher.publish(ResidentIdentityCorrected, {
        residentId: 'res-teen',
        gender: 'FEMALE',
        birthDate: '2000-03-03',
      });
      await waitFor(
        async () =>
          (await service.orm.em.fork().findOne(PartyMember, { residentId: 'res-woman', gender: 'MALE' })) ?? undefined,
        { what: 'the member’s corrected gender' },
      );
      await waitFor(
        async () =>
          (await service.orm.em
            .fork()
            .findOne(ReferenceProjection, { kind: 'RESIDENT', id: 'res-teen', birthDate: '2000-03-03' })) ?? undefined,
        { what: 'the corrected birth date in the projection' },
      );
      expect(await service.orm.em.fork().findOneOrFail(PartyMember, { residentId: 'res-woman' })).toMatchObject({
        gender: 'MALE',
        birthDate: '1984-12-12',
      });
      expect(
        await service.orm.em.fork().findOneOrFail(ReferenceProjection, { kind: 'RESIDENT', id: 'res-woman' }),
      ).toMatchObject({ gender: 'MALE', birthDate: '1984-12-12' });
      // the party statistics by gender and birth date equal a handwritten GROUP BY over the members
      const groups = (rows: Record<string, unknown>[]) =>
        rows
          .map((r) =>
            ['community_id', 'branch_id', 'stage', 'member_type', 'gender', 'birth_date', 'n']
              .map((c) => String(r[c]))
              .join('|'),
          )
          .sort();
      const base = groups(
        await sql(`select community_id, coalesce(branch_id, '') as branch_id, stage, member_type,
          coalesce(gender, '') as gender, coalesce(birth_date, '') as birth_date, count(*) as n
          from party_member where status = 'ACTIVE'
          group by community_id, coalesce(branch_id, ''), stage, member_type, coalesce(gender, ''), coalesce(birth_date, '')`),
      );
      expect(base.some((g) => g.includes('|MALE|1984-12-12|1'))).toBe(true);
      expect(groups(await sql(`select * from party_member_rollup where n <> 0`))).toEqual(base);
      const byGender = async () =>
        (await sql(`select gender, sum(n) as n from party_member_community_rollup group by gender`))
          .filter((r) => Number(r.n) !== 0)
          .map((r) => `${String(r.gender)}|${Number(r.n)}`)
          .sort();
      expect(await byGender()).toEqual(
        (
          await sql(
            `select coalesce(gender, '') as gender, count(*) as n from party_member where status = 'ACTIVE' group by coalesce(gender, '')`,
          )
        )
          .map((r) => `${String(r.gender)}|${Number(r.n)}`)
          .sort(),
      );
      // the 18-year rule reads the corrected birth date: res-teen, born 2000 after all, may now apply
      const applied = await service.graphql(ENROL, {
        input: { residentId: 'res-teen', branchId: branch, appliedOn: '2026-05-01' },
      });
      expect(applied.errors).toBeUndefined();
      expect(await service.orm.em.fork().findOneOrFail(PartyMember, { residentId: 'res-teen' })).toMatchObject({
        gender: 'FEMALE',
        birthDate: '2000-03-03',
      });
    });

    it('refuses a red-flag nominee who is not a staff member, or not of the nominating department', async () => {
      const ghost = await service.graphql(NOMINATE, {
        input: { period: '2026-05', department: 'FAMILY_PLANNING', staffId: 'ghost-staff' },
      });
      expect(ghost.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'staffId' });
      const otherDepartment = await service.graphql(NOMINATE, {
        input: { period: '2026-05', department: 'SOCIAL_SECURITY', staffId: 'staff-jisheng' },
      });
      expect(otherDepartment.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'staffId' });
      expect(otherDepartment.errors?.[0]?.message).toContain('保障站');
      expect(await count(RedFlagNomination)).toBe(0);
      expect(await count(RedFlagPeriod)).toBe(0);
      const own = await service.graphql(NOMINATE, {
        input: { period: '2026-05', department: 'FAMILY_PLANNING', staffId: 'staff-jisheng' },
      });
      expect(own.errors).toBeUndefined();
    });

    it('refuses an unknown secretary and an unknown resident transferring in', async () => {
      const organizations = await count(PartyOrganization);
      const secretary = await service.graphql(CREATE_ORG, {
        input: {
          name: '第九党小组',
          level: 'GROUP',
          parentId: branch,
          secretaryResidentId: 'ghost',
          establishedOn: '2020-01-01',
        },
      });
      expect(secretary.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'secretaryResidentId' });
      expect(await count(PartyOrganization)).toBe(organizations);
      const transfer = await service.graphql(REQUEST_TRANSFER, {
        input: { direction: 'IN', residentId: 'ghost-resident', requestedOn: '2026-06-01' },
      });
      expect(transfer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
      expect(await count(PartyTransfer)).toBe(0);
    });

    it('refuses an unknown secretary on a change and an unknown resident named later on a transfer in', async () => {
      const changed = await service.graphql(
        `mutation($input: ChangePartyOrganizationInput!) { changePartyOrganization(input: $input) { organization { id } } }`,
        { input: { organizationId: branch, secretaryResidentId: 'ghost-resident', changedOn: '2026-06-01' } },
      );
      expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'secretaryResidentId' });
      expect((await service.orm.em.fork().findOneOrFail(PartyOrganization, branch)).secretaryResidentId).toBeNull();
      const requested = await service.graphql(REQUEST_TRANSFER, {
        input: {
          direction: 'IN',
          residentId: 'res-adult',
          requestedOn: '2026-06-01',
          externalOrganization: '外区党支部',
        },
      });
      expect(requested.errors).toBeUndefined();
      const transferId = requested.data.requestPartyTransfer.transfer.id;
      const advanced = await service.graphql(
        `mutation($input: AdvancePartyTransferInput!) { advancePartyTransfer(input: $input) { transfer { id } } }`,
        { input: { transferId, to: 'SENT', on: '2026-06-10', residentId: 'ghost-resident' } },
      );
      expect(advanced.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
      const transfer = await service.orm.em.fork().findOneOrFail(PartyTransfer, transferId);
      expect(transfer).toMatchObject({ residentId: 'res-adult', status: 'REQUESTED' });
    });

    it('keeps answering lists whose resident or staff cannot be resolved (nullable reference fields)', async () => {
      const result = await service.graphql(
        `{ partyMembers(first: 10) { edges { node { resident { id } } } } redFlagPeriods(first: 5) { edges { node { nominations { staff { id } } } } } }`,
      );
      expect(result.errors).toBeUndefined();
      // res-adult, res-woman and res-teen (after the correction of their birth date), enrolled above
      expect(result.data.partyMembers.edges).toHaveLength(3);
      expect(result.data.partyMembers.edges).toContainEqual({ node: { resident: { id: 'res-adult' } } });
    });
  },
);

describe.each(testDialects())('a reference while the projection cannot be checked on %s', (dialect) => {
  let service: TestSubgraph;
  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, { dialect });
  });
  afterAll(() => service?.stop());

  it('is refused with a retryable NOT_YET_SYNCED naming the field, nothing written', async () => {
    const committee = await service.graphql(CREATE_ORG, {
      input: { name: '社区党委', level: 'COMMITTEE', establishedOn: '2005-07-01' },
    });
    const result = await service.graphql(ENROL, {
      input: {
        residentId: 'res-not-yet-announced',
        branchId: committee.data.createPartyOrganization.organization.id,
        appliedOn: '2026-05-01',
      },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_YET_SYNCED',
      field: 'residentId',
      retryable: true,
    });
    expect(result.errors?.[0]?.message).toContain('尚未同步，请稍后重试');
    expect(await service.orm.em.fork().count(PartyMember, {})).toBe(0);
  });
});
