import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentRegistered, StaffRegistered } from '@shequ/contracts';
import { ManualClock, ReferenceProjection } from '@shequ/subgraph';
import { startTestSubgraph, TestEventPublisher, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { casesRuleViolations } from '../src/application/rule-audit.js';
import { CaseTimelineEntry, Mediation, MediationParty } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

/*
 * A mediation's parties are different people (fourth walk): `startMediation` took one resident listed as both
 * parties ([{ residentId: A }, { residentId: A }]), a «two-party» 调解 of one person, with its timeline step. Refused
 * BAD_USER_INPUT naming the repeated party, nothing written; the rule audit names a stored mediation that lists a
 * resident twice.
 */
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`;
const MEDIATE = `mutation($input: StartMediationInput!) { startMediation(input: $input) { mediation { id } } }`;
const staff: Caller = { role: 'community_admin', subject: 'mp-staff', department: 'COMPREHENSIVE_GOVERNANCE' };

describe.each(testDialects())('a mediation’s parties on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;
  let caseId: string;
  const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));
  const em = () => service.orm.em.fork();
  const written = async () => [
    await em().count(Mediation, {}),
    await em().count(MediationParty, {}),
    await em().count(CaseTimelineEntry, {}),
  ];

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, clock });
    residents = new TestEventPublisher(nats.url);
    for (const residentId of ['mp-1', 'mp-2'])
      await residents.publish(ResidentRegistered, {
        residentId,
        householdId: 'hh-1',
        buildingId: 'b-1',
        gridId: 'g-1',
        gender: null,
        birthDate: '1960-01-01',
        residenceType: 'REGISTERED',
        residencePermitExpiresOn: null,
      });
    await residents.publish(StaffRegistered, {
      staffId: 'mp-staff',
      department: 'COMPREHENSIVE_GOVERNANCE',
      gridIds: [],
      active: true,
    });
    await waitFor(async () => (await em().count(ReferenceProjection, { kind: { $in: ['RESIDENT', 'STAFF'] } })) === 3, {
      what: 'the reference projection',
    });
    const opened = await service.graphql(
      OPEN,
      { input: { reporterId: 'mp-1', category: 'NEIGHBOUR_DISPUTE', channel: 'WALK_IN', description: '邻里噪音纠纷' } },
      staff,
    );
    expect(opened.errors).toBeUndefined();
    caseId = opened.data.openCase.case.id;
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('refuses one resident listed as two parties, naming the repeated one, nothing written', async () => {
    const before = await written();
    for (const [parties, field] of [
      [[{ residentId: 'mp-1' }, { residentId: 'mp-1' }], 'parties.1.residentId'],
      [[{ residentId: 'mp-2' }, { description: '楼上住户' }, { residentId: 'mp-2' }], 'parties.2.residentId'],
    ] as const) {
      const answer = await service.graphql(MEDIATE, { input: { caseId, mediatorStaffId: 'mp-staff', parties } }, staff);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(answer.errors?.[0]?.message).toContain('同一居民不能列为两方');
    }
    expect(await written()).toEqual(before);
    const ok = await service.graphql(
      MEDIATE,
      { input: { caseId, mediatorStaffId: 'mp-staff', parties: [{ residentId: 'mp-1' }, { residentId: 'mp-2' }] } },
      staff,
    );
    expect(ok.errors).toBeUndefined();
  });

  it('the rule audit is silent over these rows and names a stored mediation listing a resident twice', async () => {
    const today = '2026-06-30';
    expect(await casesRuleViolations(em(), today)).toEqual([]);
    const fork = em();
    const mediation = await fork.findOneOrFail(Mediation, { caseId });
    const party = await fork.findOneOrFail(MediationParty, { mediationId: mediation.id, residentId: 'mp-2' });
    party.residentId = 'mp-1';
    await fork.flush();
    const lines = await casesRuleViolations(em(), today);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`调解 ${mediation.id}`);
    expect(lines[0]).toContain('同一居民不列为两方当事人');
  });
});
