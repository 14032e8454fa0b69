import { CaseOverdue, SYSTEM_ACTOR } from '@shequ/contracts';
import { forUpdate, type Orm } from '@shequ/database';
import { eventSink, type Outbox } from '@shequ/messaging';
import { FINISHED_STATUSES } from '../domain/case-workflow.js';
import { newlyOverdue } from '../domain/time-limits.js';
import { Case } from '../entities/case.js';
import { recordStep } from './case-timeline.js';
import { SYSTEM_TIMELINE_ACTOR } from './workflow-actor.js';

/**
 * 超时扫描: flags cases past their acknowledge or resolve limit and publishes `case.overdue` once per case and
 * limit (the flag is stored with the event in one transaction). Returns how many flags were set.
 */
export async function scanOverdueCases(deps: { orm: Orm; outbox: Outbox }, now: Date): Promise<number> {
  const candidates = await deps.orm.em.fork().find(Case, {
    status: { $nin: [...FINISHED_STATUSES] },
    $or: [
      { acknowledgedAt: null, acknowledgeOverdueAt: null, acknowledgeDueAt: { $lt: now } },
      { resolvedAt: null, resolveOverdueAt: null, resolveDueAt: { $lt: now } },
    ],
  });
  let flagged = 0;
  for (const candidate of candidates) {
    await deps.orm.em.fork().transactional(async (em) => {
      // locked: two replicas scanning at once must not both flag the case (PostgreSQL; SQLite serialises writers)
      const record = await em.findOneOrFail(Case, candidate.id, forUpdate(em));
      const limits = newlyOverdue(record, now);
      const events = eventSink(deps.outbox, em, {
        communityId: record.communityId,
        actor: SYSTEM_ACTOR,
        correlationId: 'overdue-scan',
      });
      for (const limit of limits) {
        const dueAt = limit === 'ACKNOWLEDGE' ? record.acknowledgeDueAt : record.resolveDueAt;
        if (limit === 'ACKNOWLEDGE') record.acknowledgeOverdueAt = now;
        else record.resolveOverdueAt = now;
        events.record(CaseOverdue, {
          caseId: record.id,
          number: record.number,
          limit,
          dueAt: dueAt.toISOString(),
          department: record.department,
          gridId: record.gridId,
        });
        recordStep(em, record, {
          action: 'OVERDUE',
          from: record.status,
          to: record.status,
          actor: SYSTEM_TIMELINE_ACTOR,
          note: limit === 'ACKNOWLEDGE' ? '超过响应时限' : '超过办结时限',
          at: now,
        });
        flagged++;
      }
    });
  }
  return flagged;
}
