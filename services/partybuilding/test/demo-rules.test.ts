import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STREET_OPTIONS, demoDataset, districtCommunities } from '@shequ/demo-data';
import { ManualClock, ReferenceProjection } from '@shequ/subgraph';
import { startTestSubgraph, unresolvedReferences, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { partybuildingRuleViolations } from '../src/application/rule-audit.js';
import { checkApplication, checkStageHistory } from '../src/domain/development-pipeline.js';
import { meetingHolderAllowed } from '../src/domain/meeting-compliance.js';
import { checkMemberPlacement } from '../src/domain/organization-tree.js';
import {
  checkDecision,
  checkDecisionDate,
  checkPeriod,
  checkPeriodBegun,
  RED_FLAG_FIRST_PERIOD,
} from '../src/domain/red-flag-selection.js';
import { checkTransferStep, TRANSFER_TRANSITIONS } from '../src/domain/transfer-workflow.js';
import type { PartyTransferStatus } from '../src/domain/vocabularies.js';
import {
  PartyMeeting,
  PartyMeetingAttendance,
  PartyMember,
  PartyOrganization,
  PartyTrainingSession,
  PartyTransfer,
  RedFlagNomination,
  RedFlagPeriod,
} from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

/** Two "todays" the demo must be true on: just after its reference date, and half a year later. */
const TODAYS = ['2026-12-02', '2027-07-15'];

describe.each(testDialects())('the party-building demo keeps its own rules on %s', (dialect) => {
  describe.each(TODAYS)('seeded on %s', (today) => {
    let service: TestSubgraph;
    beforeAll(async () => {
      service = await startTestSubgraph(partybuildingService, {
        dialect,
        seed: true,
        clock: new ManualClock(new Date(`${today}T02:00:00Z`)),
      });
    });
    afterAll(() => service?.stop());

    it('points only at records residents announced: every seeded id is in the reference projection', async () => {
      expect(
        await unresolvedReferences(service, [
          { entity: PartyMember, field: 'residentId', kind: 'RESIDENT' },
          { entity: PartyOrganization, field: 'secretaryResidentId', kind: 'RESIDENT' },
          { entity: RedFlagNomination, field: 'staffId', kind: 'STAFF' },
          { entity: RedFlagPeriod, field: 'winnerStaffId', kind: 'STAFF' },
          { entity: PartyTransfer, field: 'residentId', kind: 'RESIDENT' },
        ]),
      ).toEqual([]);
    });

    it('keeps every member’s stage history and placement valid on that day', async () => {
      const members = await service.orm.em.fork().find(PartyMember, {}, { populate: ['branch', 'group'] });
      // 莲秀社区's committee, and the demo street's generated communities' members (checked by the same rules)
      expect(members.filter((m) => m.communityId === '350203008006')).toHaveLength(121);
      expect(members.length).toBeGreaterThan(121);
      const residents = [demoDataset(), ...districtCommunities(DEMO_STREET_OPTIONS)].flatMap((d) => d.residents);
      const birthDates = new Map(residents.map((r) => [r.id, r.birthDate]));
      // a member whose file began with a completed transfer in brings no stage dates (completeTransferIn)
      const arrived = new Set(
        (await service.orm.em.fork().find(PartyTransfer, { direction: 'IN', status: 'COMPLETED' })).map(
          (t) => t.memberId,
        ),
      );
      expect(arrived.size).toBe(3);
      for (const m of members.filter((m) => m.status === 'ACTIVE')) {
        if (arrived.has(m.id) && !m.appliedOn) expect(['FULL_MEMBER', 'PROBATIONARY']).toContain(m.stage);
        else checkStageHistory({ ...m, status: 'ACTIVE' }, today);
        if (m.appliedOn) checkApplication({ appliedOn: m.appliedOn, birthDate: birthDates.get(m.residentId)! }, today);
        checkMemberPlacement(
          { id: m.branch.id, level: m.branch.getEntity().level },
          m.group ? { level: m.group.getEntity().level, parentId: m.group.getEntity().parent?.id ?? null } : null,
        );
      }
    });

    it('awards 流动红旗岗 only since the scheme began (2010-03), decided within their period and by today', async () => {
      const em = service.orm.em.fork();
      const periods = await em.find(RedFlagPeriod, {});
      const nominations = await em.find(RedFlagNomination, {});
      const decided = periods.filter((p) => p.decidedOn);
      expect(decided).toHaveLength(18);
      expect(decided.map((p) => p.period).sort()[0] >= RED_FLAG_FIRST_PERIOD).toBe(true);
      // the API's nominee rule (requireStaffOf): a staff member in post, of the nominating department in residents'
      // record (the reference projection), also for the winner when the panel decides
      const staff = new Map(
        (await em.find(ReferenceProjection, { kind: 'STAFF' })).map((s) => [
          s.id,
          { department: s.department, status: s.status },
        ]),
      );
      for (const p of periods) {
        checkPeriod(p.period);
        checkPeriodBegun(p.period, today);
        const nominees = nominations.filter((n) => n.period.id === p.id);
        expect(new Set(nominees.map((n) => n.department)).size).toBe(nominees.length);
        for (const n of nominees)
          expect(staff.get(n.staffId), `${p.period} ${n.department} ${n.staffId}`).toEqual({
            department: n.department,
            status: 'ACTIVE',
          });
        if (p.winnerStaffId) expect(p.winnerDepartment).toBe(staff.get(p.winnerStaffId)?.department);
        if (p.decidedOn) {
          checkDecisionDate(p.period, p.decidedOn, today);
          checkDecision(nominees, p.winnerStaffId!, false);
        }
      }
      expect(() => checkPeriodBegun('2010-02', today)).toThrow(/早于流动红旗岗评选开始/);
    });

    it('holds 三会一课 and training only on past days, each meeting by a body that holds it', async () => {
      const em = service.orm.em.fork();
      const meetings = await em.find(PartyMeeting, {}, { populate: ['organization'] });
      expect(meetings.length).toBeGreaterThan(150);
      for (const m of meetings) {
        expect(m.heldOn <= today).toBe(true);
        expect(meetingHolderAllowed(m.type, m.organization.getEntity().level)).toBe(true);
      }
      // every one attended by a member of the body that held it (主题党日 included: once seeded with nobody)
      const themedDays = meetings.filter((m) => m.type === 'THEMED_PARTY_DAY');
      expect(themedDays.length).toBeGreaterThanOrEqual(12);
      const audit = await partybuildingRuleViolations(em, today);
      expect(audit.filter((line) => line.startsWith('会议 '))).toEqual([]);
      const attended = new Set((await em.find(PartyMeetingAttendance, { status: 'PRESENT' })).map((a) => a.meeting.id));
      expect(themedDays.filter((m) => !attended.has(m.id)).map((m) => m.id)).toEqual([]);
      const year = Number(today.slice(0, 4));
      expect(meetings.some((m) => m.heldOn.startsWith(String(year - 1)))).toBe(true);
      for (const s of await em.find(PartyTrainingSession, {})) expect(s.heldOn <= today).toBe(true);
    });

    it('replays every transfer through the transfer workflow, dated by today', async () => {
      const transfers = await service.orm.em.fork().find(PartyTransfer, {});
      expect(transfers.length).toBeGreaterThanOrEqual(7);
      for (const t of transfers) {
        expect(t.requestedOn <= today).toBe(true);
        let status: PartyTransferStatus = 'REQUESTED';
        const dates = { requestedOn: t.requestedOn, sentOn: null, receivedOn: null, completedOn: null } as Record<
          'requestedOn' | 'sentOn' | 'receivedOn' | 'completedOn',
          string | null
        > & { requestedOn: string };
        for (const step of TRANSFER_TRANSITIONS) {
          if (status !== step.from || !t[step.stamps]) continue;
          checkTransferStep(
            { status, letterNumber: t.letterNumber ?? null, ...dates },
            step.to,
            t[step.stamps]!,
            today,
          );
          dates[step.stamps] = t[step.stamps]!;
          status = step.to;
        }
        expect(status).toBe(t.status);
      }
    });
  });
});
