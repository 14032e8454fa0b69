import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CareCategoryAdded,
  composeResidentIdNumber,
  FundDisbursementApproved,
  FundDisbursementProposed,
  FundDisbursementWithdrawn,
  ResidentDeceased,
  ResidentMovedIn,
  ResidentMovedOut,
  ResidentRegistered,
} from '@shequ/contracts';
import type { Role } from '@shequ/auth';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { Building, CareRecord, Household, Organization, Resident } from '../src/entities/index.js';
import { FundApplication, FundDisbursement, FundLedgerEntry } from '../src/entities/fund/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture, residentIn, staffFixture } from './fixtures.js';

/**
 * Rules that must hold on every path that writes (review of residents and cases, 2026-12-04 night): the dates of a
 * life in order, a flat's head one of its residents, one of several concurrent changes of a resident, of a fund
 * application or round, or of a disbursement, and no application for someone no longer here.
 */
const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { resident { id } } }`;
const MOVE = `mutation($input: MoveResidentInput!) { moveResident(input: $input) { resident { id status } } }`;
const MOVE_OUT = `mutation($input: MoveOutResidentInput!) { moveOutResident(input: $input) { resident { id status } } }`;
const DEATH = `mutation($input: RecordResidentDeathInput!) { recordResidentDeath(input: $input) { resident { id status } } }`;
const IMPORT = `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { updated rejected results { field reason } } }`;
const UPDATE = `mutation($input: UpdateResidentInput!) { updateResident(input: $input) { resident { id } } }`;
const HOUSEHOLD = `mutation($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { household { id } } }`;
const LEADER = `mutation($input: AssignBuildingLeaderInput!) { assignBuildingLeader(input: $input) { building { id } } }`;
const ADD_CARE = `mutation($input: AddCareCategoryInput!) { addCareCategory(input: $input) { careRecord { id } } }`;
const CREATE = `mutation($input: CreateFundProgrammeInput!) { createFundProgramme(input: $input) { programme { id } } }`;
const ROUND = `mutation($input: OpenFundProgrammeRoundInput!) { openFundProgrammeRound(input: $input) { round { id } } }`;
const APPLY = `mutation($input: ApplyToFundProgrammeInput!) { applyToFundProgramme(input: $input) { application { id } } }`;
const DECIDE = `mutation($input: DecideFundApplicationInput!) { decideFundApplication(input: $input) { application { id status } } }`;
const PROPOSE = `mutation($input: ProposeFundDisbursementInput!) { proposeFundDisbursement(input: $input) { disbursement { id } } }`;
const APPROVE = `mutation($input: ApproveFundDisbursementInput!) { approveFundDisbursement(input: $input) { disbursement { id } } }`;
const PUBLISH = `mutation($input: PublishFundDisbursementInput!) { publishFundDisbursement(input: $input) { disbursement { id } } }`;
const PAY = `mutation($input: PayFundDisbursementInput!) { payFundDisbursement(input: $input) { disbursement { id } } }`;

type Result = { errors?: { message: string; extensions?: Record<string, unknown> }[] };
const codes = (results: Result[]) => results.map((r) => (r.errors?.[0]?.extensions?.code as string) ?? 'OK').sort();

describe.each(testDialects())('residents rules on every write path on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-06-10T02:00:00Z'));
  const call = (query: string, variables: Record<string, unknown>, role: Role = 'community_admin') =>
    service.graphql(query, variables, { role });
  const ok = async (query: string, variables: Record<string, unknown>, role: Role = 'community_admin') => {
    const result = await call(query, variables, role);
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, any>;
  };
  const outbox = (subject: string) => service.orm.em.fork().count(OutboxMessage, { subject });
  let sequence = 100;
  const register = async (householdId: string, birthDate: string, extra: Record<string, unknown> = {}) =>
    (
      await ok(REGISTER, {
        input: {
          name: '林review',
          idNumber: composeResidentIdNumber('350203', birthDate, ++sequence),
          householdId,
          movedInOn: '2020-01-01',
          ...extra,
        },
      })
    ).registerResident.resident.id as string;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect, clock });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    await staffFixture(em);
    const parent = residentIn(em, households[2], '马师傅', '1985-02-02', 5);
    Object.assign(parent, {
      residenceType: 'FLOATING',
      residencePermitIssuedOn: '2026-01-10',
      residencePermitExpiresOn: '2027-01-09',
    });
    for (const [i, name] of ['马小宝', '马小贝'].entries()) {
      const child = residentIn(em, households[2], name, `2015-09-0${i + 1}`, 6 + 2 * i);
      em.create(CareRecord, {
        id: `care-migrant-child-${i}`,
        communityId: COMMUNITY,
        resident: child,
        category: 'MIGRANT_WORKER_CHILD',
        startedOn: '2025-09-01',
        source: '入户走访',
      });
    }
    em.create(Organization, { id: 'org-zxl', communityId: COMMUNITY, name: '中信隆进出口公司', kind: 'PARTNER_UNIT' });
    await em.flush();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('keeps the dates of a life in order on every path: birth, moving in, moving out or back, death, not after today', async () => {
    const before = await outbox(ResidentRegistered.subject);
    const refused = async (query: string, input: Record<string, unknown>, field: string) => {
      const result = await call(query, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    };
    const idNumber = composeResidentIdNumber('350203', '1990-05-05', 91);
    const base = { name: '林早到', idNumber, householdId: 'household-0-1' };
    await refused(REGISTER, { ...base, movedInOn: '1989-01-01' }, 'movedInOn');
    await refused(REGISTER, { ...base, movedInOn: '2026-07-01' }, 'movedInOn');
    expect(await outbox(ResidentRegistered.subject)).toBe(before);
    expect(await service.orm.em.fork().count(Resident, { idNumber })).toBe(0);

    const id = await register('household-0-1', '1990-05-05', { movedInOn: '2020-03-01' });
    await refused(DEATH, { residentId: id, diedOn: '1990-05-04' }, 'diedOn');
    await refused(MOVE_OUT, { residentId: id, movedOutOn: '2020-02-01', destination: '江西省南昌市' }, 'movedOutOn');
    await refused(MOVE_OUT, { residentId: id, movedOutOn: '2026-06-11', destination: '江西省南昌市' }, 'movedOutOn');
    await refused(MOVE, { residentId: id, householdId: 'household-0-2', movedInOn: '2020-02-01' }, 'movedInOn');
    await refused(MOVE, { residentId: id, householdId: 'household-0-2', movedInOn: '2026-06-11' }, 'movedInOn');
    await ok(MOVE_OUT, { input: { residentId: id, movedOutOn: '2025-01-01', destination: '江西省南昌市' } });
    // 迁回 before the move-out it returns from
    await refused(MOVE, { residentId: id, householdId: 'household-0-2', movedInOn: '2024-12-31' }, 'movedInOn');
    const row = await service.orm.em.fork().findOneOrFail(Resident, id);
    expect(row).toMatchObject({ status: 'MOVED_OUT', movedInOn: '2020-03-01', movedOutOn: '2025-01-01', diedOn: null });
    expect(await outbox(ResidentDeceased.subject)).toBe(0);
  });

  it('keeps a flat’s head and a building’s 楼栋长 residents of them on every path: who moves away, out or dies leaves the post; a HEAD moving in takes it', async () => {
    const head = (id: string) =>
      service.orm.em
        .fork()
        .findOneOrFail(Household, id)
        .then((h) => h.headResidentId);
    const first = await register('household-1-1', '1960-01-01', { relationToHead: 'HEAD' });
    expect(await head('household-1-1')).toBe(first);
    await ok(MOVE, {
      input: { residentId: first, householdId: 'household-1-2', movedInOn: '2026-06-01', relationToHead: 'HEAD' },
    });
    expect(await head('household-1-1')).toBeNull();
    expect(await head('household-1-2')).toBe(first);

    await ok(MOVE_OUT, { input: { residentId: first, movedOutOn: '2026-06-02', destination: '福建省泉州市' } });
    expect(await head('household-1-2')).toBeNull();

    const second = await register('household-1-1', '1962-01-01', { relationToHead: 'HEAD' });
    expect(await head('household-1-1')).toBe(second);
    await ok(DEATH, { input: { residentId: second, diedOn: '2026-06-03' } });
    expect(await head('household-1-1')).toBeNull();

    // the district import moves a resident too
    const third = await register('household-1-1', '1964-01-01', { relationToHead: 'HEAD' });
    expect(await head('household-1-1')).toBe(third);
    const { idNumber } = await service.orm.em.fork().findOneOrFail(Resident, third);
    const imported = await ok(IMPORT, {
      input: {
        format: 'CSV',
        content: `idNumber,name,building,unit,room,relationToHead\n${idNumber},林review,莲秀里2号楼,1单元,201室,户主\n`,
      },
    });
    expect(imported.importResidents).toMatchObject({ updated: 1, rejected: 0 });
    expect(await head('household-1-1')).toBeNull();
    expect(await head('household-1-2')).toBe(third);

    // a change of relation: HEAD takes a flat without a head, no longer HEAD leaves it
    const spouse = await register('household-0-1', '1966-01-01', { relationToHead: 'SPOUSE' });
    expect(await head('household-0-1')).toBeNull();
    await ok(UPDATE, { input: { residentId: spouse, relationToHead: 'HEAD' } });
    expect(await head('household-0-1')).toBe(spouse);
    await ok(UPDATE, { input: { residentId: spouse, relationToHead: 'SPOUSE' } });
    expect(await head('household-0-1')).toBeNull();

    // 楼栋长 is a resident of the building: a move within it keeps the post, out of it (mutation or import) ends it
    const leaderOf = (id: string) =>
      service.orm.em
        .fork()
        .findOneOrFail(Building, id)
        .then((b) => b.leaderResidentId);
    await ok(LEADER, { input: { buildingId: 'building-0', residentId: spouse } });
    await ok(MOVE, { input: { residentId: spouse, householdId: 'household-0-2', movedInOn: '2026-06-04' } });
    expect(await leaderOf('building-0')).toBe(spouse);
    await ok(MOVE, { input: { residentId: spouse, householdId: 'household-1-1', movedInOn: '2026-06-05' } });
    expect(await leaderOf('building-0')).toBeNull();
    await ok(LEADER, { input: { buildingId: 'building-1', residentId: spouse } });
    const spouseId = (await service.orm.em.fork().findOneOrFail(Resident, spouse)).idNumber;
    await ok(IMPORT, {
      input: {
        format: 'CSV',
        content: `idNumber,name,building,unit,room,relationToHead\n${spouseId},林review,香秀里1号楼,1单元,101室,配偶\n`,
      },
    });
    expect(await leaderOf('building-1')).toBeNull();
  });

  it('applies one of concurrent changes of one resident: a death and a move-out, the same care category twice', async () => {
    const id = await register('household-0-2', '1950-01-01');
    const changes = await Promise.all([
      call(DEATH, { input: { residentId: id, diedOn: '2026-06-05' } }),
      call(MOVE_OUT, { input: { residentId: id, movedOutOn: '2026-06-05', destination: '福建省漳州市' } }),
      call(DEATH, { input: { residentId: id, diedOn: '2026-06-06' } }),
      call(MOVE_OUT, { input: { residentId: id, movedOutOn: '2026-06-06', destination: '福建省漳州市' } }),
    ]);
    expect(codes(changes)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    const published = (await outbox(ResidentDeceased.subject)) + (await outbox(ResidentMovedOut.subject));
    const row = await service.orm.em.fork().findOneOrFail(Resident, id);
    expect(row.status === 'DECEASED' ? row.movedOutOn : row.diedOn).toBeNull();

    const cared = await register('household-0-2', '1951-01-01');
    const before = await outbox(CareCategoryAdded.subject);
    const adds = await Promise.all(
      Array.from({ length: 4 }, () =>
        call(ADD_CARE, {
          input: { residentId: cared, category: 'DISABILITY', startedOn: '2026-06-01', source: '残联认定' },
        }),
      ),
    );
    expect(codes(adds)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await service.orm.em.fork().count(CareRecord, { resident: cared, endedOn: null })).toBe(1);
    expect(await outbox(CareCategoryAdded.subject)).toBe(before + 1);
    expect(published).toBeGreaterThanOrEqual(1);
    expect(await outbox(ResidentMovedIn.subject)).toBeGreaterThanOrEqual(0);
  });

  it('takes no application for a resident no longer here, whichever the programme', async () => {
    const gone = await register('household-0-2', '1970-01-01');
    await ok(DEATH, { input: { residentId: gone, diedOn: '2026-06-01' } });
    const redCross = (
      await ok(CREATE, { input: { kind: 'OUTSIDE_BODY', name: '红十字特别救助', sponsorName: '厦门市红十字会' } })
    ).createFundProgramme.programme.id;
    const applied = await call(APPLY, {
      input: { programmeId: redCross, residentId: gone, appliedOn: '2026-06-02', statement: '重病' },
    });
    expect(applied.errors?.[0]?.extensions).toMatchObject({ field: 'residentId' });
    expect(applied.errors?.[0]?.message).toContain('已死亡');
    expect(await service.orm.em.fork().count(FundApplication, { residentId: gone })).toBe(0);
  });

  it('applies one of concurrent fund decisions: one application a round, one decision an application, the round’s budget, one approval', async () => {
    const aid = (
      await ok(CREATE, {
        input: {
          kind: 'SPONSORED',
          name: '“爱心伴我成长”助学金',
          sponsorOrganizationId: 'org-zxl',
          eligibility: '辖区困难外来务工人员子女',
        },
      })
    ).createFundProgramme.programme.id;
    await ok(ROUND, {
      input: { programmeId: aid, year: 2026, budgetFen: 100000, opensOn: '2026-06-01', closesOn: '2026-08-31' },
    });
    const apply = (residentId: string) =>
      call(APPLY, { input: { programmeId: aid, residentId, appliedOn: '2026-06-02', statement: '父亲务工收入低' } });
    const applications = await Promise.all([apply('resident-6'), apply('resident-6'), apply('resident-6')]);
    expect(codes(applications)).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    expect(await service.orm.em.fork().count(FundApplication, { residentId: 'resident-6' })).toBe(1);
    const first = (applications.find((r) => !r.errors) as any).data.applyToFundProgramme.application.id;
    const second = (
      await ok(APPLY, {
        input: { programmeId: aid, residentId: 'resident-8', appliedOn: '2026-06-02', statement: '母亲务工收入低' },
      })
    ).applyToFundProgramme.application.id;

    const proposedBefore = await outbox(FundDisbursementProposed.subject);
    const award = (applicationId: string) =>
      call(DECIDE, { input: { applicationId, awarded: true, decidedOn: '2026-06-03', awardedFen: 60000 } });
    // the same application twice, and two awards that each fit the budget but not together
    const decisions = await Promise.all([award(first), award(first), award(second)]);
    expect(codes(decisions)).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    const awarded = await service.orm.em.fork().find(FundApplication, { status: 'AWARDED' });
    expect(awarded.reduce((sum, a) => sum + (a.awardedFen ?? 0), 0)).toBeLessThanOrEqual(100000);
    expect(await service.orm.em.fork().count(FundDisbursement, { programmeId: aid })).toBe(1);
    expect(await outbox(FundDisbursementProposed.subject)).toBe(proposedBefore + 1);

    const proposed = (
      await ok(
        PROPOSE,
        { input: { residentId: 'resident-5', reason: 'ILLNESS', amountFen: 5000, statement: '住院' } },
        'civil_affairs',
      )
    ).proposeFundDisbursement.disbursement.id;
    const approvals = await Promise.all(
      Array.from({ length: 3 }, () =>
        call(APPROVE, { input: { disbursementId: proposed, approvedOn: '2026-06-10', approvers: ['甲', '乙'] } }),
      ),
    );
    expect(codes(approvals)).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    expect(await outbox(FundDisbursementApproved.subject)).toBe(1);
  });

  it('records a disbursement only for the resident’s own flat', async () => {
    const before = await outbox(FundDisbursementProposed.subject);
    const input = { residentId: 'resident-5', reason: 'ILLNESS', amountFen: 3000, statement: '住院' };
    const refused = await call(PROPOSE, { input: { ...input, householdId: 'household-0-1' } }, 'civil_affairs');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'householdId' });
    expect(refused.errors?.[0]?.message).toContain('不是该居民现住的住户');
    expect(await service.orm.em.fork().count(FundDisbursement, { householdId: 'household-0-1' })).toBe(0);
    expect(await outbox(FundDisbursementProposed.subject)).toBe(before);
    const own = (await ok(PROPOSE, { input: { ...input, householdId: 'household-1-1' } }, 'civil_affairs'))
      .proposeFundDisbursement.disbursement.id;
    expect(await service.orm.em.fork().findOneOrFail(FundDisbursement, own)).toMatchObject({
      householdId: 'household-1-1',
    });
  });

  it('withdraws what is unpaid and pending for a resident who dies or moves away; approval, 公示 and payment refuse one no longer here', async () => {
    const propose = async (residentId: string) =>
      (
        await ok(
          PROPOSE,
          { input: { residentId, reason: 'HARDSHIP', amountFen: 2000, statement: '生活困难' } },
          'civil_affairs',
        )
      ).proposeFundDisbursement.disbursement.id as string;
    const approve = (disbursementId: string) =>
      call(APPROVE, { input: { disbursementId, approvedOn: '2026-06-10', approvers: ['甲', '乙'] } });
    const outside = (
      await ok(CREATE, { input: { kind: 'OUTSIDE_BODY', name: '慈善总会临时救助', sponsorName: '厦门市慈善总会' } })
    ).createFundProgramme.programme.id;
    const withdrawnBefore = await outbox(FundDisbursementWithdrawn.subject);

    // approved, then the resident dies: the disbursement is withdrawn, the pending application too
    const dying = await register('household-0-2', '1940-03-03');
    const approved = await propose(dying);
    expect((await approve(approved)).errors).toBeUndefined();
    const application = (
      await ok(APPLY, {
        input: { programmeId: outside, residentId: dying, appliedOn: '2026-06-05', statement: '重病' },
      })
    ).applyToFundProgramme.application.id;
    await ok(DEATH, { input: { residentId: dying, diedOn: '2026-06-09' } });
    const em = service.orm.em.fork();
    expect(await em.findOneOrFail(FundDisbursement, approved)).toMatchObject({
      status: 'WITHDRAWN',
      withdrawReason: '受助居民已死亡',
    });
    expect(await em.findOneOrFail(FundApplication, application)).toMatchObject({
      status: 'WITHDRAWN',
      outcomeNote: '受助居民已死亡',
    });
    const published = await call(PUBLISH, { input: { disbursementId: approved } }, 'civil_affairs');
    expect(published.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });

    // proposed, then the resident moves away
    const leaving = await register('household-0-2', '1941-03-03');
    const proposed = await propose(leaving);
    await ok(MOVE_OUT, { input: { residentId: leaving, movedOutOn: '2026-06-09', destination: '福建省福州市' } });
    expect(await em.fork().findOneOrFail(FundDisbursement, proposed)).toMatchObject({
      status: 'WITHDRAWN',
      withdrawReason: '受助居民已迁出本社区',
    });
    expect(await outbox(FundDisbursementWithdrawn.subject)).toBe(withdrawnBefore + 2);

    // a row left open from before this rule (status set directly): approval, 公示 and payment refuse it
    const legacy = await register('household-0-2', '1942-03-03');
    const toApprove = await propose(legacy);
    const toPay = await propose(legacy);
    expect((await approve(toPay)).errors).toBeUndefined();
    await ok(PUBLISH, { input: { disbursementId: toPay } }, 'civil_affairs');
    const raw = service.orm.em.fork();
    await raw.nativeUpdate(Resident, { id: legacy }, { status: 'DECEASED', diedOn: '2026-06-08' });
    await raw.nativeUpdate(FundDisbursement, { id: toPay }, { publicityEndsOn: '2026-06-01' });
    const refusedApproval = await approve(toApprove);
    expect(refusedApproval.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'residentId' });
    expect(refusedApproval.errors?.[0]?.message).toContain('已死亡');
    const refusedPayment = await call(PAY, { input: { disbursementId: toPay } }, 'civil_affairs');
    expect(refusedPayment.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'residentId' });
    expect(refusedPayment.errors?.[0]?.message).toContain('不能发放救助');
    const after = service.orm.em.fork();
    expect(await after.findOneOrFail(FundDisbursement, toApprove)).toMatchObject({ status: 'PROPOSED' });
    expect(await after.findOneOrFail(FundDisbursement, toPay)).toMatchObject({ status: 'PUBLISHED', paidOn: null });
    expect(await after.count(FundLedgerEntry, { disbursementId: toPay })).toBe(0);
  });

  it('keeps one 户主 a flat on every path, also when two register, move or import into one empty flat at once', async () => {
    const em = service.orm.em.fork();
    const building = await em.findOneOrFail(Building, 'building-0');
    for (const n of [1, 2, 3])
      em.create(Household, {
        id: `household-9-${n}`,
        communityId: COMMUNITY,
        building,
        unit: '1单元',
        room: `90${n}室`,
        address: `${building.name}1单元90${n}室`,
      });
    await em.flush();
    const heads = async (householdId: string) => {
      const fresh = service.orm.em.fork();
      const named = await fresh.find(Resident, { household: householdId, status: 'ACTIVE', relationToHead: 'HEAD' });
      const { headResidentId } = await fresh.findOneOrFail(Household, householdId);
      return { named: named.map((r) => r.id), headResidentId };
    };
    const idNumberOf = (birthDate: string) => composeResidentIdNumber('350203', birthDate, ++sequence);
    const registering = (householdId: string, birthDate: string) =>
      call(REGISTER, {
        input: {
          name: '林户主',
          idNumber: idNumberOf(birthDate),
          householdId,
          movedInOn: '2020-01-01',
          relationToHead: 'HEAD',
        },
      });

    // at once into one empty flat: one head, the others refused naming the field, nothing of theirs written
    const registered = await Promise.all([
      registering('household-9-1', '1970-02-01'),
      registering('household-9-1', '1970-02-02'),
      registering('household-9-1', '1970-02-03'),
    ]);
    expect(codes(registered)).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    const refusal = registered.find((r) => r.errors)!.errors![0];
    expect(refusal.extensions).toMatchObject({ field: 'relationToHead' });
    expect(refusal.message).toContain('已有户主');
    const first = await heads('household-9-1');
    expect(first.named).toHaveLength(1);
    expect(first.headResidentId).toBe(first.named[0]);
    expect(await service.orm.em.fork().count(Resident, { household: 'household-9-1' })).toBe(1);

    // one at a time, on the other paths: a move, a change of relation, an import row
    const other = await register('household-0-2', '1970-03-01');
    const moved = await call(MOVE, {
      input: { residentId: other, householdId: 'household-9-1', movedInOn: '2026-06-01', relationToHead: 'HEAD' },
    });
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'relationToHead' });
    await ok(MOVE, {
      input: { residentId: other, householdId: 'household-9-1', movedInOn: '2026-06-01', relationToHead: 'CHILD' },
    });
    const related = await call(UPDATE, { input: { residentId: other, relationToHead: 'HEAD' } });
    expect(related.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'relationToHead' });
    const imported = await ok(IMPORT, {
      input: {
        format: 'CSV',
        content: `idNumber,name,building,unit,room,relationToHead\n${idNumberOf('1970-04-01')},林导入,${building.name},1单元,901室,户主\n`,
      },
    });
    expect(imported.importResidents).toMatchObject({ rejected: 1, results: [{ field: 'relationToHead' }] });
    expect(await heads('household-9-1')).toEqual(first);

    // an import and a registration at once into one empty flat
    const [byImport, byMutation] = await Promise.all([
      call(IMPORT, {
        input: {
          format: 'CSV',
          content: `idNumber,name,building,unit,room,relationToHead\n${idNumberOf('1970-05-01')},林导入,${building.name},1单元,902室,户主\n`,
        },
      }),
      registering('household-9-2', '1970-05-02'),
    ]);
    expect(byImport.errors).toBeUndefined();
    const raced = await heads('household-9-2');
    expect(raced.named).toHaveLength(1);
    expect(raced.headResidentId).toBe(raced.named[0]);
    // exactly one of the two was refused
    const importRejected = byImport.data.importResidents.rejected as number;
    expect(importRejected + (byMutation.errors ? 1 : 0)).toBe(1);

    // a resident becoming 户主 by the import of a flat without one takes the flat
    const child = await register('household-9-3', '1990-06-01', { relationToHead: 'CHILD' });
    const { idNumber } = await service.orm.em.fork().findOneOrFail(Resident, child);
    await ok(IMPORT, {
      input: {
        format: 'CSV',
        content: `idNumber,name,building,unit,room,relationToHead\n${idNumber},林review,${building.name},1单元,903室,户主\n`,
      },
    });
    expect(await heads('household-9-3')).toEqual({ named: [child], headResidentId: child });
  });

  it('names as a flat’s head by updateHousehold only its current resident whose relation is 户主, nothing written otherwise', async () => {
    const em = service.orm.em.fork();
    const building = await em.findOneOrFail(Building, 'building-0');
    em.create(Household, {
      id: 'household-8-1',
      communityId: COMMUNITY,
      building,
      unit: '1单元',
      room: '801室',
      address: `${building.name}1单元801室`,
    });
    await em.flush();
    const flat = () => service.orm.em.fork().findOneOrFail(Household, 'household-8-1');
    const head = await register('household-8-1', '1958-01-01', { relationToHead: 'HEAD' });
    const spouse = await register('household-8-1', '1959-01-01', { relationToHead: 'SPOUSE' });
    expect(await flat()).toMatchObject({ headResidentId: head, housing: 'OWNED' });
    const naming = (headResidentId: string) =>
      call(HOUSEHOLD, { input: { householdId: 'household-8-1', housing: 'PUBLIC', headResidentId } });

    // a resident of the flat whose relation is not 户主, while another's is: refused naming the field
    const refused = await naming(spouse);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'headResidentId' });
    expect(refused.errors?.[0]?.message).toContain('户主');
    // someone of another flat, who moved out, who died: not a current resident of the flat
    const elsewhere = await register('household-0-2', '1961-01-01', { relationToHead: 'CHILD' });
    const gone = await register('household-8-1', '1962-01-01', { relationToHead: 'CHILD' });
    await ok(MOVE_OUT, { input: { residentId: gone, movedOutOn: '2026-06-02', destination: '福建省泉州市' } });
    const died = await register('household-8-1', '1930-01-01', { relationToHead: 'PARENT' });
    await ok(DEATH, { input: { residentId: died, diedOn: '2026-06-03' } });
    for (const id of [elsewhere, gone, died])
      expect((await naming(id)).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'headResidentId',
      });
    // nothing written: neither the head nor the housing of the same input
    expect(await flat()).toMatchObject({ headResidentId: head, housing: 'OWNED' });

    // the 户主 is named (a flat whose head on record went missing gets it back)
    const repair = service.orm.em.fork();
    (await repair.findOneOrFail(Household, 'household-8-1')).headResidentId = null;
    await repair.flush();
    await ok(HOUSEHOLD, { input: { householdId: 'household-8-1', housing: 'PUBLIC', headResidentId: head } });
    expect(await flat()).toMatchObject({ headResidentId: head, housing: 'PUBLIC' });

    // naming the head and re-relating them at once: either order leaves the flat without a head and without a 户主
    const [named, related] = await Promise.all([
      naming(head),
      call(UPDATE, { input: { residentId: head, relationToHead: 'SPOUSE' } }),
    ]);
    expect(related.errors).toBeUndefined();
    if (named.errors) expect(named.errors[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'headResidentId' });
    expect((await flat()).headResidentId).toBeNull();
    expect(
      await service.orm.em
        .fork()
        .count(Resident, { household: 'household-8-1', status: 'ACTIVE', relationToHead: 'HEAD' }),
    ).toBe(0);
  });
});
