import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, communityDay } from '@shequ/contracts';
import { demoDataset } from '@shequ/demo-data';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, unresolvedReferences, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { CASE_TRANSITIONS } from '../src/domain/case-workflow.js';
import { floatingResidentVerify } from '../src/domain/proactive-rules/floating-resident-verify.js';
import {
  Case,
  CaseEvaluation,
  CaseTimelineEntry,
  Mediation,
  MediationParty,
  ProactiveTask,
  Visit,
} from '../src/entities/index.js';
import { casesService } from '../src/service.js';

/** Two "todays" the demo must be true on: just after its reference date, and half a year later. */
const TODAYS = ['2026-12-02', '2027-07-15'];

describe.each(testDialects())('the cases demo keeps its own rules on %s', (dialect) => {
  describe.each(TODAYS)('seeded on %s', (today) => {
    let service: TestSubgraph;
    const now = new Date(`${today}T02:00:00Z`);
    beforeAll(async () => {
      service = await startTestSubgraph(casesService, { dialect, seed: true, clock: new ManualClock(now) });
    });
    afterAll(() => service?.stop());

    it('points only at records residents announced: every seeded id is in the reference projection', async () => {
      expect(
        await unresolvedReferences(service, [
          { entity: Case, field: 'reporterId', kind: 'RESIDENT' },
          { entity: Case, field: 'assigneeStaffId', kind: 'STAFF' },
          { entity: Case, field: 'gridId', kind: 'GRID' },
          { entity: CaseEvaluation, field: 'raterResidentId', kind: 'RESIDENT' },
          { entity: Mediation, field: 'mediatorStaffId', kind: 'STAFF' },
          { entity: MediationParty, field: 'residentId', kind: 'RESIDENT' },
          { entity: Visit, field: 'staffId', kind: 'STAFF' },
          { entity: Visit, field: 'householdId', kind: 'HOUSEHOLD' },
          { entity: Visit, field: 'residentId', kind: 'RESIDENT' },
          { entity: ProactiveTask, field: 'residentId', kind: 'RESIDENT' },
        ]),
      ).toEqual([]);
    });

    it('takes every case through the workflow’s own steps, none dated after today', async () => {
      const em = service.orm.em.fork();
      const cases = await em.find(Case, {});
      // 莲秀社区's year of cases, and the demo street's generated communities' (checked by the same rules)
      expect(cases.filter((c) => c.communityId === '350203008006')).toHaveLength(120);
      expect(cases.length).toBeGreaterThan(120);
      const timeline = await em.find(CaseTimelineEntry, {}, { orderBy: { at: 'asc', id: 'asc' } });
      const byCase = new Map<string, CaseTimelineEntry[]>();
      for (const entry of timeline) byCase.set(entry.caseId, [...(byCase.get(entry.caseId) ?? []), entry]);
      for (const c of cases) {
        expect(c.openedAt.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(c.openedAt.getTime()).toBeGreaterThan(now.getTime() - 366 * 86_400_000);
        // steps of one instant (OPEN and ASSIGN, feedback and CLOSE) are put in order by the states they link
        const remaining = [...byCase.get(c.id)!];
        let status: string | null = null;
        while (remaining.length) {
          const next = remaining.findIndex((s) => s.fromStatus === status);
          expect(next, `${c.number}: no step from ${status}`).toBeGreaterThanOrEqual(0);
          const [step] = remaining.splice(next, 1);
          expect(
            remaining
              .filter((s) => s.at.getTime() < step.at.getTime())
              .map(
                (s) => `${c.number} ${s.action} ${s.at.toISOString()} before ${step.action} ${step.at.toISOString()}`,
              ),
          ).toEqual([]);
          expect(step.at.getTime()).toBeLessThanOrEqual(now.getTime());
          // the overdue scan (it runs at start, over the demo too) notes a time limit passed without a transition
          if (step.action === 'OVERDUE')
            expect(step.toStatus, `${c.number}: OVERDUE changes no status`).toBe(step.fromStatus);
          else if (step.action !== 'OPEN')
            expect(
              CASE_TRANSITIONS.some((t) => t.action === step.action && t.from.includes(step.fromStatus!)),
              `${c.number}: ${step.action} from ${step.fromStatus}`,
            ).toBe(true);
          status = step.toStatus;
        }
        expect(status).toBe(c.status);
      }
      for (const e of await em.find(CaseEvaluation, {}))
        expect(e.evaluatedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      // the last weeks are still being handled, the rest mostly closed
      expect(cases.filter((c) => c.status === 'CLOSED').length).toBeGreaterThan(90);
    });

    it('keeps 组织关系转接 cases open while their transfers are under way (党建 moves them on)', async () => {
      const transfers = await service.orm.em.fork().find(Case, { category: 'PARTY_MEMBERSHIP_TRANSFER' });
      expect(transfers.length).toBeGreaterThan(5);
      for (const c of transfers) {
        expect(['ASSIGNED', 'IN_PROGRESS']).toContain(c.status);
        expect(communityDay(c.openedAt) >= addDays(today, -45)).toBe(true);
      }
    });

    it('spreads the floating residents’ verification tasks as the work was done, not all due one day', async () => {
      const tasks = await service.orm.em.fork().find(ProactiveTask, { rule: floatingResidentVerify.code });
      const floating = demoDataset().residents.filter((r) => r.residenceType === 'FLOATING');
      expect(tasks).toHaveLength(floating.length);
      const perDay = new Map<string, number>();
      for (const t of tasks) perDay.set(t.dueOn, (perDay.get(t.dueOn) ?? 0) + 1);
      expect(Math.max(...perDay.values())).toBeLessThan(tasks.length * 0.05);
      for (const t of tasks) {
        expect(t.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(t.dueOn).toBe(addDays(communityDay(t.createdAt), floatingResidentVerify.settings.dueInDays));
        if (t.status === 'CLOSED') {
          expect(t.closedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(t.closedAt!.getTime()).toBeGreaterThan(t.createdAt.getTime());
        } else {
          // only recent registrations are still waiting
          expect(t.dueOn >= addDays(today, -21)).toBe(true);
        }
      }
    });
  });
});
