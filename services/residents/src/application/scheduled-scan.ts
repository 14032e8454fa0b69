import {
  addDays,
  communityDay,
  CareCategoryReviewDue,
  FloatingRegistrationExpiring,
  SYSTEM_ACTOR,
} from '@shequ/contracts';
import { forUpdate } from '@shequ/database';
import { eventSink } from '@shequ/messaging';
import { PeriodicTask, type ServiceDependencies } from '@shequ/subgraph';
import { Building } from '../entities/building.js';
import { importReportDirectory, importReportRetentionFromEnv, pruneImportReports } from './import-report-retention.js';
import { CareRecord } from '../entities/care-record.js';
import { Household } from '../entities/household.js';
import { Resident } from '../entities/resident.js';

/** Reviews are announced this many days before they fall due; permits this many days before they expire. */
export const REVIEW_DUE_LEAD_DAYS = 7;
export const PERMIT_EXPIRY_LEAD_DAYS = 30;

async function gridsOfHouseholds(
  em: ServiceDependencies['orm']['em'],
  householdIds: string[],
): Promise<Map<string, string>> {
  const households = householdIds.length ? await em.find(Household, { id: { $in: householdIds } }) : [];
  const buildings = households.length
    ? await em.find(Building, { id: { $in: [...new Set(households.map((h) => h.building.id))] } })
    : [];
  const gridOf = new Map(buildings.map((b) => [b.id, b.grid.id]));
  return new Map(households.map((h) => [h.id, gridOf.get(h.building.id)!]));
}

/**
 * One pass of the scheduled scan: publishes `care_category.review_due` once per due date of each open care
 * record and `floating.registration_expiring` once per 居住证 expiry date, guarded by stored flags.
 */
export async function scanDueReviewsAndPermits(
  deps: Pick<ServiceDependencies, 'orm' | 'outbox' | 'clock'>,
): Promise<{ reviewsDue: number; permitsExpiring: number }> {
  const today = communityDay(deps.clock.now());
  return deps.orm.em.fork().transactional(async (em) => {
    // Row locks (PostgreSQL) keep two scans from announcing the same due date twice.
    const candidates = await em.find(
      CareRecord,
      { endedOn: null, nextReviewOn: { $ne: null, $lte: addDays(today, REVIEW_DUE_LEAD_DAYS) } },
      { ...forUpdate(em), orderBy: { id: 'asc' } } as never,
    );
    const pending = candidates.filter((r) => r.reviewDueNotifiedFor !== r.nextReviewOn);
    if (pending.length) await em.find(Resident, { id: { $in: pending.map((r) => r.resident.id) } });
    const records = pending.filter((r) => r.resident.getEntity().status === 'ACTIVE');
    const residents = (
      await em.find(
        Resident,
        {
          status: 'ACTIVE',
          residenceType: 'FLOATING',
          residencePermitExpiresOn: { $ne: null, $lte: addDays(today, PERMIT_EXPIRY_LEAD_DAYS) },
        },
        { ...forUpdate(em), orderBy: { id: 'asc' } } as never,
      )
    ).filter((r) => r.permitExpiringNotifiedFor !== r.residencePermitExpiresOn);
    const householdIds = [
      ...records.map((r) => r.resident.getEntity().household?.id),
      ...residents.map((r) => r.household?.id),
    ];
    const grids = await gridsOfHouseholds(em, [...new Set(householdIds.filter((id): id is string => !!id))]);
    const gridOf = (resident: Resident) => (resident.household ? (grids.get(resident.household.id) ?? null) : null);
    for (const record of records) {
      const events = eventSink(deps.outbox, em, {
        communityId: record.communityId,
        actor: SYSTEM_ACTOR,
        correlationId: `review-due:${record.id}:${record.nextReviewOn}`,
      });
      events.record(CareCategoryReviewDue, {
        residentId: record.resident.id,
        category: record.category,
        dueOn: record.nextReviewOn!,
        gridId: gridOf(record.resident.getEntity()),
      });
      record.reviewDueNotifiedFor = record.nextReviewOn;
    }
    for (const resident of residents) {
      const events = eventSink(deps.outbox, em, {
        communityId: resident.communityId,
        actor: SYSTEM_ACTOR,
        correlationId: `permit-expiring:${resident.id}:${resident.residencePermitExpiresOn}`,
      });
      events.record(FloatingRegistrationExpiring, {
        residentId: resident.id,
        expiresOn: resident.residencePermitExpiresOn!,
        gridId: gridOf(resident),
      });
      resident.permitExpiringNotifiedFor = resident.residencePermitExpiresOn;
    }
    return { reviewsDue: records.length, permitsExpiring: residents.length };
  });
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
