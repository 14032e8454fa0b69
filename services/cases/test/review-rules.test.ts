import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { ResidentDeceased, ResidentRegistered } from '@shequ/contracts';
import {
  knownReferences,
  startTestSubgraph,
  TestEventPublisher,
  type Caller,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import {
  Case,
  CaseEvaluation,
  CaseTimelineEntry,
  Mediation,
  ResidentProjection,
  Visit,
} from '../src/entities/index.js';
import { casesService } from '../src/service.js';

/**
 * Rules that must hold on every path that writes (review of residents and cases, 2026-12-04 night): a resident who
 * has died reports nothing, rates nothing and is no party to a mediation (one who moved away still may); one of
 * several concurrent writes of one case or mediation applies.
 */
const staffE: Caller = { role: 'community_admin', subject: 'staff-e', department: 'COMPREHENSIVE_GOVERNANCE' };
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`;
const ASSIGN = `mutation($input: AssignCaseInput!) { assignCase(input: $input) { case { status } } }`;
const START = `mutation($input: CaseNoteInput!) { startCase(input: $input) { case { status } } }`;
const RESOLVE = `mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { case { status } } }`;
const CLOSE_REJECT = `mutation($input: CaseReasonInput!) { rejectCase(input: $input) { case { status } } }`;
const EVALUATE = `mutation($input: EvaluateCaseInput!) { evaluateCase(input: $input) { evaluation { id } } }`;
const MEDIATE = `mutation($input: StartMediationInput!) { startMediation(input: $input) { mediation { id } } }`;
const SESSION = `mutation($input: RecordMediationSessionInput!) { recordMediationSession(input: $input) { mediation { id } } }`;
const VISIT = `mutation($input: LogVisitInput!) { logVisit(input: $input) { visit { id } } }`;
const CONCLUDE = `mutation($input: ConcludeMediationInput!) { concludeMediation(input: $input) { mediation { outcome } } }`;

type Result = { errors?: { message: string; extensions?: Record<string, unknown> }[] };
const codes = (results: Result[]) => results.map((r) => (r.errors?.[0]?.extensions?.code as string) ?? 'OK').sort();

describe.each(testDialects())('cases rules on every write path on %s (real nats-server)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
  const call = (query: string, variables: Record<string, unknown>) => service.graphql(query, variables, staffE);
  const ok = async (query: string, variables: Record<string, unknown>) => {
    const result = await call(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, any>;
  };
  const count = (entity: typeof Case | typeof CaseEvaluation | typeof Mediation | typeof CaseTimelineEntry) =>
    service.orm.em.fork().count(entity, {});
  const open = async (reporterId: string, category = 'NEIGHBOUR_DISPUTE') =>
    (await ok(OPEN, { input: { reporterId, category, channel: 'WALK_IN', description: '楼上装修噪音扰民' } })).openCase
      .case.id as string;
  const resolved = async (reporterId: string) => {
    const caseId = await open(reporterId);
    await ok(ASSIGN, { input: { caseId, assigneeStaffId: 'staff-e' } });
    await ok(START, { input: { caseId } });
    await ok(RESOLVE, { input: { caseId, resolutionNote: '已协调双方' } });
    return caseId;
  };
  const gone = (id: string, status: 'DECEASED' | 'MOVED_OUT') =>
    knownReferences(service, [{ kind: 'RESIDENT', id, status, occurredAt: new Date('2026-05-31T00:00:00Z') }]);

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, clock });
    await knownReferences(service, [
      ...['rr-dies', 'rr-dead', 'rr-away', 'rr-party', 'rr-rater', 'rr-visited'].map((id) => ({
        kind: 'RESIDENT' as const,
        id,
      })),
      { kind: 'STAFF', id: 'staff-e', department: 'COMPREHENSIVE_GOVERNANCE' },
    ]);
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('takes no report, rating or mediation party from a resident who has died; one who moved away still may', async () => {
    const rated = await resolved('rr-dies');
    const disputed = await open('rr-party');
    await gone('rr-dies', 'DECEASED');
    await gone('rr-dead', 'DECEASED');
    await gone('rr-away', 'MOVED_OUT');
    const before = {
      cases: await count(Case),
      evaluations: await count(CaseEvaluation),
      steps: await count(CaseTimelineEntry),
    };
    const refused = (result: Result, field: string) => {
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toContain('已故');
    };
    refused(
      await call(OPEN, {
        input: { reporterId: 'rr-dead', category: 'SUGGESTION', channel: 'HOTLINE', description: '建议增设路灯' },
      }),
      'reporterId',
    );
    refused(
      await call(EVALUATE, {
        input: { caseId: rated, grade: 'GOOD', raterKind: 'REPORTER', raterResidentId: 'rr-dies' },
      }),
      'raterResidentId',
    );
    refused(
      await call(MEDIATE, {
        input: {
          caseId: disputed,
          mediatorStaffId: 'staff-e',
          parties: [{ residentId: 'rr-party' }, { residentId: 'rr-dead' }],
        },
      }),
      'parties.1.residentId',
    );
    expect({
      cases: await count(Case),
      evaluations: await count(CaseEvaluation),
      steps: await count(CaseTimelineEntry),
    }).toEqual(before);
    expect(await count(Mediation)).toBe(0);
    // moved away: still reports (a matter of the old flat) and is a party
    await open('rr-away', 'SUGGESTION');
    await ok(MEDIATE, {
      input: {
        caseId: disputed,
        mediatorStaffId: 'staff-e',
        parties: [{ residentId: 'rr-party' }, { residentId: 'rr-away' }],
      },
    });
  });

  it('applies one of concurrent writes of one case: a rater’s evaluations, a mediation’s conclusion, a mediation of a case being closed', async () => {
    const rated = await resolved('rr-rater');
    const evaluations = await Promise.all(
      Array.from({ length: 3 }, () =>
        call(EVALUATE, { input: { caseId: rated, grade: 'GOOD', raterKind: 'REPORTER', raterResidentId: 'rr-rater' } }),
      ),
    );
    expect(codes(evaluations)).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    expect(await service.orm.em.fork().count(CaseEvaluation, { caseId: rated })).toBe(1);

    const disputed = await open('rr-party');
    const mediationId = (
      await ok(MEDIATE, {
        input: {
          caseId: disputed,
          mediatorStaffId: 'staff-e',
          parties: [{ residentId: 'rr-party' }, { description: '楼上租户' }],
        },
      })
    ).startMediation.mediation.id;
    clock.advance(60 * 60_000);
    await ok(SESSION, {
      input: { mediationId, heldAt: new Date(clock.now().getTime() - 60_000).toISOString(), notes: '双方到场' },
    });
    const steps = await service.orm.em.fork().count(CaseTimelineEntry, { caseId: disputed, action: 'MEDIATION' });
    const conclusions = await Promise.all([
      call(CONCLUDE, { input: { mediationId, agreementReached: true, agreement: '晚八点后不施工' } }),
      call(CONCLUDE, { input: { mediationId, agreementReached: false } }),
      call(CONCLUDE, { input: { mediationId, agreementReached: true, agreement: '周末不施工' } }),
    ]);
    expect(codes(conclusions)).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    expect(await service.orm.em.fork().count(CaseTimelineEntry, { caseId: disputed, action: 'MEDIATION' })).toBe(
      steps + 1,
    );

    const closing = await open('rr-party');
    const [rejected, mediated] = await Promise.all([
      call(CLOSE_REJECT, { input: { caseId: closing, reason: '不属于本社区受理范围' } }),
      call(MEDIATE, {
        input: {
          caseId: closing,
          mediatorStaffId: 'staff-e',
          parties: [{ residentId: 'rr-party' }, { description: '楼上租户' }],
        },
      }),
    ]);
    expect(rejected.errors).toBeUndefined();
    // started before the rejection (then on the record) or refused after it: never a mediation of a closed case begun later
    const mediations = await service.orm.em.fork().find(Mediation, { caseId: closing });
    const rejectedAt = (await service.orm.em.fork().findOneOrFail(Case, closing)).closedAt!;
    if (mediated.errors) expect(mediated.errors[0]?.extensions?.code).toBe('CONFLICT');
    for (const m of mediations) expect(m.startedAt.getTime()).toBeLessThanOrEqual(rejectedAt.getTime());
  });

  it('keeps one mediation of a case pending at a time, also when started at once; a new one after the last is concluded', async () => {
    const disputed = await open('rr-party');
    const start = (description: string) =>
      call(MEDIATE, {
        input: {
          caseId: disputed,
          mediatorStaffId: 'staff-e',
          parties: [{ residentId: 'rr-party' }, { description }],
        },
      });
    const steps = () => service.orm.em.fork().count(CaseTimelineEntry, { caseId: disputed, action: 'MEDIATION' });
    const starts = await Promise.all([start('楼上租户'), start('楼下住户'), start('隔壁住户')]);
    expect(codes(starts)).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    const refusal = starts.find((r) => r.errors)!.errors![0];
    expect(refusal.extensions).toMatchObject({ field: 'caseId' });
    expect(refusal.message).toContain('已有进行中的调解');
    expect(await service.orm.em.fork().count(Mediation, { caseId: disputed })).toBe(1);
    expect(await steps()).toBe(1);
    // concluded: a new mediation of the same case may begin
    const mediationId = (starts.find((r) => !r.errors) as any).data.startMediation.mediation.id;
    clock.advance(60 * 60_000);
    await ok(SESSION, {
      input: { mediationId, heldAt: new Date(clock.now().getTime() - 60_000).toISOString(), notes: '双方到场' },
    });
    await ok(CONCLUDE, { input: { mediationId, agreementReached: false } });
    await ok(MEDIATE, {
      input: {
        caseId: disputed,
        mediatorStaffId: 'staff-e',
        parties: [{ residentId: 'rr-party' }, { description: '楼上租户' }],
      },
    });
    expect(await service.orm.em.fork().count(Mediation, { caseId: disputed, outcome: 'PENDING' })).toBe(1);
  });

  it('keeps the date of death from resident.deceased and refuses a visit dated after it; one dated before or on it stands', async () => {
    const publisher = new TestEventPublisher(nats.url);
    try {
      await publisher.publish(ResidentRegistered, {
        residentId: 'rr-visited',
        householdId: 'hh-rr-visited',
        buildingId: 'b-rr',
        gridId: 'grid-rr',
        gender: 'MALE',
        birthDate: '1938-03-03',
        residenceType: 'REGISTERED',
        residencePermitExpiresOn: null,
      });
      await publisher.publish(ResidentDeceased, { residentId: 'rr-visited', diedOn: '2026-05-20' });
    } finally {
      await publisher.close();
    }
    const projected = await waitFor(
      async () => {
        const row = await service.orm.em.fork().findOne(ResidentProjection, { residentId: 'rr-visited' });
        return row?.diedOn ? row : null;
      },
      { timeoutMs: 30_000, what: 'the date of death projected' },
    );
    expect(projected).toMatchObject({ status: 'DECEASED', diedOn: '2026-05-20' });
    const visit = (visitedAt: string) =>
      call(VISIT, { input: { residentId: 'rr-visited', visitedAt, notes: '慰问独居老人' } });
    const visits = () => service.orm.em.fork().count(Visit, { residentId: 'rr-visited' });
    // after the day of death (community day, Asia/Shanghai): refused naming the field, nothing written
    const refused = await visit('2026-05-20T16:30:00Z');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'visitedAt' });
    expect(refused.errors?.[0]?.message).toContain('死亡日期');
    expect(await visits()).toBe(0);
    // logged late, for the day before or the day itself: stands
    expect((await visit('2026-05-19T03:00:00Z')).errors).toBeUndefined();
    expect((await visit('2026-05-20T15:00:00Z')).errors).toBeUndefined();
    expect(await visits()).toBe(2);
  });
});
