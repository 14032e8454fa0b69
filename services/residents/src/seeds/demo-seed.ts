import {
  addDays,
  addMonths,
  CareCategoryAdded,
  communityDay,
  CommunityRegistered,
  GridRegistered,
  OrganizationRegistered,
  ResidentRegistered,
  StaffRegistered,
  startOfCommunityDay,
  StreetRegistered,
  SYSTEM_ACTOR,
} from '@shequ/contracts';
import { announceBuilding, announceHousehold } from '../application/announce-places.js';
import { demoDataset, demoId, SeededRandom, type DemoCareRecord } from '@shequ/demo-data';
import { eventSink } from '@shequ/messaging';
import { rebuildRollup } from '@shequ/database';
import { careOpenRollup } from '../application/care-open-rollup.js';
import { residentRollup } from '../application/statistics-rollup.js';
import type { DemoSeedDependencies } from '@shequ/subgraph';
import {
  Building,
  CareRecord,
  CareReview,
  Community,
  District,
  Grid,
  Household,
  Organization,
  Resident,
  Staff,
  Street,
} from '../entities/index.js';
import { checkCareStart, nextReviewDate, REVIEW_INTERVAL_MONTHS } from '../domain/care-schedule.js';
import { communityRows } from './community-rows.js';

/**
 * Loads 莲秀社区 into an empty residents database: community, staff, grids, buildings, households, residents,
 * care categories (195 低保 households …) and organisations. Each resident is announced with `resident.registered`
 * and each care category with `care_category.added`, so other services build their projections from the stream.
 */
export async function seedResidentsDemo({ orm, outbox, logger, clock }: DemoSeedDependencies): Promise<void> {
  if ((await orm.em.fork().count(Grid, {})) > 0) return;
  const data = demoDataset();
  const today = communityDay(clock.now());
  const careRecordCount = data.careRecords.length;
  const communityId = data.community.code;
  const buildingGrid = new Map(data.buildings.map((b) => [b.id, b.gridId]));
  const householdBuilding = new Map(data.households.map((h) => [h.id, h.buildingId]));
  await orm.em.fork().transactional(async (em) => {
    const c = data.community;
    const rows = communityRows(data, clock.now());
    await em.insertMany(District, [rows.district]);
    await em.insertMany(Street, [rows.street]);
    await em.insertMany(Community, [rows.community]);
    await em.insertMany(Staff, rows.staff);
    await em.insertMany(Grid, rows.grids);
    await em.insertMany(Building, rows.buildings);
    await em.insertMany(Household, rows.households);
    await em.insertMany(Resident, rows.residents);
    const reviewerStaffId = (data.staff.find((s) => s.department === 'SOCIAL_SECURITY') ?? data.staff[0]).id;
    const history = careReviewHistory(
      data.careRecords,
      today,
      reviewerStaffId,
      undefined,
      new Map(data.residents.map((r) => [r.id, r.birthDate])),
    );
    checkCareStarts(data.careRecords, data.residents, history.startedOn);
    const careRecords = data.careRecords.map((c) => ({
      id: c.id,
      communityId,
      resident: c.residentId,
      category: c.category,
      startedOn: history.startedOn.get(c.id)!,
      // opened when it started (as the migration backfilled existing records): the list audit's history
      openedAt: startOfCommunityDay(history.startedOn.get(c.id)!),
      source: c.source,
      grade: c.grade,
      endedOn: null,
      closedAt: null,
      endReason: null,
      nextReviewOn: history.nextReviewOn.get(c.id) ?? null,
      reviewDueNotifiedFor: null,
    }));
    await em.insertMany(CareRecord, careRecords);
    // insertMany bypasses the unit of work (and so the rollup subscriber): count the statistics rollup here.
    await rebuildRollup(em, residentRollup, em.getTransactionContext());
    await rebuildRollup(em, careOpenRollup, em.getTransactionContext());
    for (let i = 0; i < history.reviews.length; i += 500)
      await em.insertMany(CareReview, history.reviews.slice(i, i + 500));
    await em.insertMany(
      Organization,
      data.organizations.map((o) => ({
        id: o.id,
        communityId,
        name: o.name,
        kind: o.kind,
        address: o.address,
        gridId: o.gridId,
        memberCount: o.memberCount,
      })),
    );
    const events = eventSink(outbox, em, { communityId, actor: SYSTEM_ACTOR, correlationId: 'demo-seed' });
    events.record(
      StreetRegistered,
      { streetCode: c.streetCode, name: c.streetName, districtCode: c.districtCode, districtName: c.districtName },
      { communityId: c.streetCode },
    );
    events.record(CommunityRegistered, {
      communityId: c.code,
      name: c.name,
      streetCode: c.streetCode,
      districtCode: c.districtCode,
    });
    for (const g of data.grids)
      events.record(GridRegistered, {
        gridId: g.id,
        code: g.code,
        name: g.name,
        gridWorkerStaffId: g.gridWorkerStaffId,
      });
    for (const b of data.buildings) announceBuilding(events, { id: b.id, gridId: b.gridId });
    for (const h of data.households)
      announceHousehold(events, { id: h.id, buildingId: h.buildingId, gridId: buildingGrid.get(h.buildingId)! });
    for (const s of data.staff)
      events.record(StaffRegistered, { staffId: s.id, department: s.department, gridIds: s.gridIds, active: true });
    for (const o of data.organizations)
      events.record(OrganizationRegistered, { organizationId: o.id, kind: o.kind, gridId: o.gridId });
    for (const r of data.residents) {
      const buildingId = householdBuilding.get(r.householdId)!;
      events.record(ResidentRegistered, {
        residentId: r.id,
        householdId: r.householdId,
        buildingId,
        gridId: buildingGrid.get(buildingId)!,
        gender: r.gender,
        birthDate: r.birthDate,
        residenceType: r.residenceType,
        residencePermitExpiresOn: r.residencePermit?.expiresOn ?? null,
      });
    }
    for (const c of careRecords) {
      events.record(CareCategoryAdded, {
        residentId: c.resident,
        category: c.category,
        startedOn: c.startedOn,
        source: c.source,
        nextReviewOn: c.nextReviewOn,
      });
    }
  });
  logger.info(
    {
      residents: data.residents.length,
      households: data.households.length,
      careRecords: careRecordCount,
      organizations: data.organizations.length,
    },
    'demo community loaded',
  );
}

/** Reviews due in the last days may still be waiting (a few, as in real work); older ones were all done. */
const REVIEW_GRACE_DAYS = 10;

/** The API's rule on each care record's start (not before the resident's birth), for the seeds that insert them. */
export function checkCareStarts(
  records: readonly DemoCareRecord[],
  residents: ReadonlyArray<{ id: string; birthDate: string | null }>,
  startedOn: ReadonlyMap<string, string>,
): void {
  const birthDates = new Map(residents.map((r) => [r.id, r.birthDate]));
  for (const record of records) checkCareStart(startedOn.get(record.id)!, birthDates.get(record.residentId) ?? null);
}

/**
 * The review history (动态管理) each care record's schedule implies up to `today`: every review done in the three
 * weeks before it fell due, the next one scheduled from it, so no record is overdue beyond a few days. A record
 * cannot start after today (the demo's start dates are counted back from its reference date).
 */
export function careReviewHistory(
  records: readonly DemoCareRecord[],
  today: string,
  reviewerStaffId: string,
  stream: { seed: string; idKind: string } = { seed: 'residents-demo-care-reviews', idKind: 'care-review' },
  birthDates: ReadonlyMap<string, string | null> = new Map(),
): {
  startedOn: Map<string, string>;
  nextReviewOn: Map<string, string | null>;
  reviews: Array<{
    id: string;
    record: string;
    outcome: 'CONTINUE';
    reviewedOn: string;
    reviewerStaffId: string;
    note: string | null;
    nextReviewOn: string | null;
  }>;
} {
  const random = new SeededRandom(stream.seed);
  const startedOn = new Map<string, string>();
  const nextReviewOn = new Map<string, string | null>();
  const reviews: ReturnType<typeof careReviewHistory>['reviews'] = [];
  for (const record of records) {
    const counted = record.startedOn <= addDays(today, -30) ? record.startedOn : addDays(today, -30);
    // moved back, never to before the resident's birth (checkCareStart)
    const born = birthDates.get(record.residentId);
    const started = born && counted < born ? born : counted;
    startedOn.set(record.id, started);
    let due = nextReviewDate(record.category, started);
    const months = REVIEW_INTERVAL_MONTHS[record.category];
    while (due !== null && months !== null && due <= today) {
      if (due > addDays(today, -REVIEW_GRACE_DAYS) && random.chance(0.3)) break;
      const earliest = addDays(addMonths(due, -months), 1);
      const early = addDays(due, -random.int(0, 20));
      const reviewedOn = early > earliest ? early : earliest;
      const next = nextReviewDate(record.category, reviewedOn);
      reviews.push({
        id: demoId(stream.idKind, reviews.length),
        record: record.id,
        outcome: 'CONTINUE',
        reviewedOn,
        reviewerStaffId,
        note: random.chance(0.2) ? '入户核查，情况未变' : null,
        nextReviewOn: next,
      });
      due = next;
    }
    nextReviewOn.set(record.id, due);
  }
  return { startedOn, nextReviewOn, reviews };
}
