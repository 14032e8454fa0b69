import type { EntityManager } from '@mikro-orm/core';
import {
  addDays,
  communityDay,
  CareCategoryReviewDue,
  type CareCategory,
  FloatingRegistrationExpiring,
  SYSTEM_ACTOR,
} from '@shequ/contracts';
import { executePlain, scanKeysetPages, scanProgressLogger, sqlDialectOf } from '@shequ/database';
import { eventSink } from '@shequ/messaging';
import { PeriodicTask, type ServiceDependencies } from '@shequ/subgraph';
import { importReportDirectory, importReportRetentionFromEnv, pruneImportReports } from './import-report-retention.js';

/** Reviews are announced this many days before they fall due; permits this many days before they expire. */
export const REVIEW_DUE_LEAD_DAYS = 7;
export const PERMIT_EXPIRY_LEAD_DAYS = 30;

/** A care record whose review falls due and was not announced for this due date (its resident's grid joined). */
interface DueReviewRow {
  id: string;
  community_id: string;
  resident_id: string;
  category: CareCategory;
  next_review_on: string;
  grid_id: string | null;
}

/** A floating resident whose permit expires soon and was not announced for this expiry date. */
interface ExpiringPermitRow {
  id: string;
  community_id: string;
  residence_permit_expires_on: string;
  grid_id: string | null;
}

export interface DueScanOptions {
  /** Rows per page (each page its own transaction; default DEFAULT_SCAN_PAGE_SIZE). */
  pageSize?: number;
}

/** `for update of <alias>` on PostgreSQL (two replicas scanning at once wait for each other's page); SQLite serialises writers. */
function lockClause(em: EntityManager, alias: string): string {
  return sqlDialectOf(em) === 'postgresql' ? ` for update of ${alias}` : '';
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/**
 * One pass of the scheduled scan: publishes `care_category.review_due` once per due date of each open care
 * record and `floating.registration_expiring` once per 居住证 expiry date, guarded by stored flags. Walks the due rows
 * in keyset pages (id order), each page its own short transaction: the "not yet announced" test is in the SQL, the
 * page's rows are locked (PostgreSQL) so a concurrent scan re-reads them after this one's flags are committed and
 * skips them, and only plain columns are read — memory and locks are bounded by the page, not by the district.
 */
export async function scanDueReviewsAndPermits(
  deps: Pick<ServiceDependencies, 'orm' | 'outbox' | 'clock'> & { logger?: ServiceDependencies['logger'] },
  options: DueScanOptions = {},
): Promise<{ reviewsDue: number; permitsExpiring: number }> {
  const today = communityDay(deps.clock.now());
  const reviewHorizon = addDays(today, REVIEW_DUE_LEAD_DAYS);
  const permitHorizon = addDays(today, PERMIT_EXPIRY_LEAD_DAYS);
  const em = deps.orm.em;
  const reviews = await scanKeysetPages(
    em,
    async (tx, after, limit) => {
      const rows = await executePlain<DueReviewRow>(
        tx,
        'select cr.id, cr.community_id, cr.resident_id, cr.category, cr.next_review_on, b.grid_id ' +
          'from care_record cr join resident r on r.id = cr.resident_id ' +
          'left join household h on h.id = r.household_id left join building b on b.id = h.building_id ' +
          'where cr.ended_on is null and cr.next_review_on is not null and cr.next_review_on <= ? ' +
          'and (cr.review_due_notified_for is null or cr.review_due_notified_for <> cr.next_review_on) ' +
          "and r.status = 'ACTIVE' and cr.id > ? order by cr.id limit ?" +
          lockClause(tx, 'cr'),
        [reviewHorizon, after ?? '', limit],
      );
      for (const row of rows) {
        eventSink(deps.outbox, tx, {
          communityId: row.community_id,
          actor: SYSTEM_ACTOR,
          correlationId: `review-due:${row.id}:${row.next_review_on}`,
        }).record(CareCategoryReviewDue, {
          residentId: row.resident_id,
          category: row.category,
          dueOn: row.next_review_on,
          gridId: row.grid_id ?? null,
        });
      }
      if (rows.length)
        await executePlain(
          tx,
          `update care_record set review_due_notified_for = next_review_on where id in (${placeholders(rows.length)})`,
          rows.map((row) => row.id),
        );
      return { rows: rows.length, lastKey: rows.at(-1)?.id ?? null };
    },
    { pageSize: options.pageSize, onPage: scanProgressLogger(deps.logger, 'residents-due-scan:reviews') },
  );
  const permits = await scanKeysetPages(
    em,
    async (tx, after, limit) => {
      const rows = await executePlain<ExpiringPermitRow>(
        tx,
        'select r.id, r.community_id, r.residence_permit_expires_on, b.grid_id from resident r ' +
          'left join household h on h.id = r.household_id left join building b on b.id = h.building_id ' +
          "where r.status = 'ACTIVE' and r.residence_type = 'FLOATING' " +
          'and r.residence_permit_expires_on is not null and r.residence_permit_expires_on <= ? ' +
          'and (r.permit_expiring_notified_for is null or r.permit_expiring_notified_for <> r.residence_permit_expires_on) ' +
          'and r.id > ? order by r.id limit ?' +
          lockClause(tx, 'r'),
        [permitHorizon, after ?? '', limit],
      );
      for (const row of rows) {
        eventSink(deps.outbox, tx, {
          communityId: row.community_id,
          actor: SYSTEM_ACTOR,
          correlationId: `permit-expiring:${row.id}:${row.residence_permit_expires_on}`,
        }).record(FloatingRegistrationExpiring, {
          residentId: row.id,
          expiresOn: row.residence_permit_expires_on,
          gridId: row.grid_id ?? null,
        });
      }
      if (rows.length)
        await executePlain(
          tx,
          'update resident set permit_expiring_notified_for = residence_permit_expires_on ' +
            `where id in (${placeholders(rows.length)})`,
          rows.map((row) => row.id),
        );
      return { rows: rows.length, lastKey: rows.at(-1)?.id ?? null };
    },
    { pageSize: options.pageSize, onPage: scanProgressLogger(deps.logger, 'residents-due-scan:permits') },
  );
  const result = { reviewsDue: reviews.rows, permitsExpiring: permits.rows };
  if (reviews.pages + permits.pages > 2)
    deps.logger?.info({ task: 'residents-due-scan', ...result }, 'scheduled scan done');
  return result;
}

/** Runs the scan hourly, and prunes old import report files hourly. */
export function residentsScheduledTasks(deps: ServiceDependencies): PeriodicTask[] {
  const retentionMs = importReportRetentionFromEnv();
  return [
    new PeriodicTask('residents-due-scan', 60 * 60 * 1000, () => scanDueReviewsAndPermits(deps)),
    new PeriodicTask('import-report-prune', 60 * 60 * 1000, () =>
      pruneImportReports(importReportDirectory(), retentionMs, new Date()),
    ),
  ];
}
