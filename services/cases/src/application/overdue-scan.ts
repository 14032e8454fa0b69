import { CaseOverdue, SYSTEM_ACTOR } from '@shequ/contracts';
import { forUpdate, scanKeysetPages, scanProgressLogger, type Orm, type ScanProgressLog } from '@shequ/database';
import { eventSink, type Outbox } from '@shequ/messaging';
import { FINISHED_STATUSES } from '../domain/case-workflow.js';
import { newlyOverdue } from '../domain/time-limits.js';
import { Case } from '../entities/case.js';
import { recordStep } from './case-timeline.js';
import { SYSTEM_TIMELINE_ACTOR } from './workflow-actor.js';

export interface CaseScanOptions {
  /** Rows per page (each page its own transaction; default DEFAULT_SCAN_PAGE_SIZE). */
  pageSize?: number;
  /** Progress of a long scan (counts only). */
  logger?: ScanProgressLog;
}

/**
 * 超时扫描: flags cases past their acknowledge or resolve limit and publishes `case.overdue` once per case and
 * limit (the flag is stored with the event in one transaction). Returns how many flags were set. Walks the
 * candidates in keyset pages (id order), each page its own short transaction with the page's rows locked: two
 * replicas scanning at once must not both flag a case (PostgreSQL re-reads a row a concurrent scan has flagged and
 * drops it; SQLite serialises writers), and memory is bounded by the page, not by the overdue backlog.
 */
export async function scanOverdueCases(
  deps: { orm: Orm; outbox: Outbox },
  now: Date,
  options: CaseScanOptions = {},
): Promise<number> {
  const scan = await scanKeysetPages(
    deps.orm.em,
    async (em, after, limit) => {
      let flagged = 0;
      const records = await em.find(
        Case,
        {
          ...(after === null ? {} : { id: { $gt: after } }),
          status: { $nin: [...FINISHED_STATUSES] },
          $or: [
            { acknowledgedAt: null, acknowledgeOverdueAt: null, acknowledgeDueAt: { $lt: now } },
            { resolvedAt: null, resolveOverdueAt: null, resolveDueAt: { $lt: now } },
          ],
        },
        { ...forUpdate(em), orderBy: { id: 'asc' }, limit } as never,
      );
      for (const record of records) {
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
      }
      return { rows: records.length, lastKey: records.at(-1)?.id ?? null, done: flagged };
    },
    { pageSize: options.pageSize, onPage: scanProgressLogger(options.logger, 'cases-overdue-scan') },
  );
  return scan.done;
}
