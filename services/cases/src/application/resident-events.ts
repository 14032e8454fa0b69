import {
  communityDay,
  type BuildingMovedToGrid,
  type CareCategoryAdded,
  type CareCategoryEnded,
  type CareCategoryReviewDue,
  type CareCategoryReviewed,
  type EventOf,
  type FloatingRegistrationExpiring,
  type GridRegistered,
  type ResidentDeceased,
  type ResidentIdentityCorrected,
  type ResidentMovedIn,
  type ResidentMovedOut,
  type ResidentRegistered,
  type ResidentUpdated,
} from '@shequ/contracts';
import { flushPending } from '@shequ/database';
import { ReferenceProjection, type UnitOfWork } from '@shequ/subgraph';
import { FINISHED_STATUSES } from '../domain/case-workflow.js';
import { GridProjection } from '../entities/grid-projection.js';
import { Open311Request } from '../entities/open311-request.js';
import { ProactiveTask } from '../entities/proactive-task.js';
import { ResidentProjection } from '../entities/resident-projection.js';
import { Visit } from '../entities/visit.js';
import { moveCasesToGrid } from './case-grid-updates.js';
import { applyRules, closeTasksOf, residentSnapshot, settleTasks } from './proactive-tasks.js';
import { changeCareCategory, fillResidentProjection, upsertResidentProjection } from './resident-projection-updates.js';
import { routeWaitingCases } from './route-waiting-cases.js';

/*
 * What cases does with each of residents' events, one function per event (the consumer only routes): keep the
 * resident and grid projections, route cases waiting for a grid, feed and settle the proactive rules.
 */

/** A grid (and its grid worker) joins the projection cases are routed by. */
export async function gridRegistered(uow: UnitOfWork, event: EventOf<typeof GridRegistered>): Promise<void> {
  await uow.em.upsert(GridProjection, {
    gridId: event.data.gridId,
    communityId: event.communityId,
    code: event.data.code,
    name: event.data.name,
    gridWorkerStaffId: event.data.gridWorkerStaffId,
  });
}

/** A new resident: projected, their waiting cases routed to the grid, the rules for newcomers applied. */
export async function residentRegistered(
  uow: UnitOfWork,
  event: EventOf<typeof ResidentRegistered>,
  now: Date,
): Promise<void> {
  // pending changes of the unit of work count for the look-up of the resident's waiting cases (usually none)
  await flushPending(uow.em);
  const { waitingCaseIds } = await upsertResidentProjection(uow.em, {
    residentId: event.data.residentId,
    communityId: event.communityId,
    householdId: event.data.householdId,
    buildingId: event.data.buildingId,
    gridId: event.data.gridId,
    birthDate: event.data.birthDate,
    residenceType: event.data.residenceType,
    status: 'ACTIVE',
    at: new Date(event.occurredAt),
  });
  await routeWaitingCases(uow, waitingCaseIds, event.data.gridId, now);
  await applyRules(
    uow,
    {
      kind: 'RESIDENT_REGISTERED',
      residentId: event.data.residentId,
      gridId: event.data.gridId,
      residenceType: event.data.residenceType,
    },
    event.communityId,
    now,
  );
}

/**
 * resident.registered overtaken by a newer event of the resident (a late redelivery): fill in what is unknown,
 * never move the projection back.
 */
export async function residentRegisteredLate(
  uow: UnitOfWork,
  event: EventOf<typeof ResidentRegistered>,
  now: Date,
): Promise<void> {
  const filled = await fillResidentProjection(uow.em, event.data);
  await uow.em.flush();
  if (!filled?.residenceTypeWasUnknown) return;
  await applyRules(
    uow,
    {
      kind: 'RESIDENT_REGISTERED',
      residentId: event.data.residentId,
      gridId: filled.row.gridId,
      residenceType: event.data.residenceType,
    },
    event.communityId,
    now,
  );
}

/** A change of residence type (户籍 ↔ 流动) settles the tasks it made moot and may start new ones. */
export async function residentUpdated(
  uow: UnitOfWork,
  event: EventOf<typeof ResidentUpdated>,
  now: Date,
): Promise<void> {
  const before = await uow.em.findOne(ResidentProjection, { residentId: event.data.residentId });
  const from = before?.residenceType ?? null;
  const row = await upsertResidentProjection(uow.em, {
    residentId: event.data.residentId,
    communityId: event.communityId,
    residenceType: event.data.residenceType,
    at: new Date(event.occurredAt),
  });
  await uow.em.flush();
  if (event.data.changedFields.includes('residencePermitExpiresOn'))
    await settleTasks(
      uow,
      { kind: 'PERMIT_RENEWED', residentId: event.data.residentId, expiresOn: event.data.residencePermitExpiresOn },
      now,
    );
  if (from === event.data.residenceType) return;
  const fact = {
    kind: 'RESIDENCE_TYPE_CHANGED' as const,
    residentId: event.data.residentId,
    gridId: row.gridId,
    from,
    to: event.data.residenceType,
    on: communityDay(new Date(event.occurredAt)),
  };
  await settleTasks(uow, fact, now);
  await applyRules(uow, fact, event.communityId, now);
}

/**
 * 身份证号更正: the projection takes the birth date derived from the corrected number (what the rules by age read);
 * the version check of the consumer keeps an older event from moving it back.
 */
export async function residentIdentityCorrected(
  uow: UnitOfWork,
  event: EventOf<typeof ResidentIdentityCorrected>,
): Promise<void> {
  await upsertResidentProjection(uow.em, {
    residentId: event.data.residentId,
    communityId: event.communityId,
    birthDate: event.data.birthDate,
    at: new Date(event.occurredAt),
  });
}

/** A 居住证 about to expire (or expired): a reminder task for the grid worker of the resident's grid. */
export async function floatingPermitExpiring(
  uow: UnitOfWork,
  event: EventOf<typeof FloatingRegistrationExpiring>,
  now: Date,
): Promise<void> {
  const row = await uow.em.findOne(ResidentProjection, { residentId: event.data.residentId });
  if (row && row.status !== 'ACTIVE') return;
  await applyRules(
    uow,
    {
      kind: 'PERMIT_EXPIRING',
      residentId: event.data.residentId,
      gridId: event.data.gridId ?? row?.gridId ?? null,
      expiresOn: event.data.expiresOn,
    },
    event.communityId,
    now,
  );
}

/** A resident moving into a household: projected, their waiting cases routed to the new grid. */
export async function residentMovedIn(
  uow: UnitOfWork,
  event: EventOf<typeof ResidentMovedIn>,
  now: Date,
): Promise<void> {
  // pending changes of the unit of work count for the look-up of the resident's waiting cases (usually none)
  await flushPending(uow.em);
  const { waitingCaseIds } = await upsertResidentProjection(uow.em, {
    residentId: event.data.residentId,
    communityId: event.communityId,
    householdId: event.data.householdId,
    buildingId: event.data.buildingId,
    gridId: event.data.gridId,
    status: 'ACTIVE',
    at: new Date(event.occurredAt),
  });
  await routeWaitingCases(uow, waitingCaseIds, event.data.gridId, now);
}

/** A resident who moved out: projected as such, their open tasks closed. */
export async function residentMovedOut(
  uow: UnitOfWork,
  event: EventOf<typeof ResidentMovedOut>,
  now: Date,
): Promise<void> {
  await upsertResidentProjection(uow.em, {
    residentId: event.data.residentId,
    communityId: event.communityId,
    status: 'MOVED_OUT',
    at: new Date(event.occurredAt),
  });
  await closeTasksOf(uow, event.data.residentId, 'RESIDENT_MOVED_OUT', null, now);
}

/** A resident who died: projected as such, their open tasks closed. */
export async function residentDeceased(
  uow: UnitOfWork,
  event: EventOf<typeof ResidentDeceased>,
  now: Date,
): Promise<void> {
  await upsertResidentProjection(uow.em, {
    residentId: event.data.residentId,
    communityId: event.communityId,
    status: 'DECEASED',
    diedOn: event.data.diedOn,
    at: new Date(event.occurredAt),
  });
  await closeTasksOf(uow, event.data.residentId, 'RESIDENT_DECEASED', null, now);
}

/**
 * A care category added to the projection (known since its start, if earlier); the time-based rules look at the
 * resident at once (an 独居老人 with no contact on record for 30 days needs a visit now, not after the next scan).
 */
export async function careCategoryAdded(
  uow: UnitOfWork,
  event: EventOf<typeof CareCategoryAdded>,
  now: Date,
): Promise<void> {
  await changeCareCategory(
    uow.em,
    event.data.residentId,
    event.communityId,
    event.data.category,
    true,
    new Date(event.occurredAt),
    event.data.startedOn,
  );
  await uow.em.flush();
  const row = await uow.em.findOne(ResidentProjection, { residentId: event.data.residentId });
  if (row?.status === 'ACTIVE') await applyRules(uow, residentSnapshot(row), event.communityId, now);
}

/** A care category ended: removed from the projection, the tasks it made settled. */
export async function careCategoryEnded(
  uow: UnitOfWork,
  event: EventOf<typeof CareCategoryEnded>,
  now: Date,
): Promise<void> {
  await changeCareCategory(
    uow.em,
    event.data.residentId,
    event.communityId,
    event.data.category,
    false,
    new Date(event.occurredAt),
  );
  await settleTasks(
    uow,
    { kind: 'CARE_CATEGORY_ENDED', residentId: event.data.residentId, category: event.data.category },
    now,
  );
}

/** A care review done: a 终止 ends the category; the review settles its review task. */
export async function careCategoryReviewed(
  uow: UnitOfWork,
  event: EventOf<typeof CareCategoryReviewed>,
  now: Date,
): Promise<void> {
  if (event.data.outcome === 'TERMINATE') {
    await changeCareCategory(
      uow.em,
      event.data.residentId,
      event.communityId,
      event.data.category,
      false,
      new Date(event.occurredAt),
    );
  }
  await settleTasks(
    uow,
    { kind: 'CARE_REVIEWED', residentId: event.data.residentId, category: event.data.category },
    now,
  );
}

/** A care review falling due feeds the rules (a review task for the grid worker). */
export async function careCategoryReviewDue(
  uow: UnitOfWork,
  event: EventOf<typeof CareCategoryReviewDue>,
  now: Date,
): Promise<void> {
  await applyRules(
    uow,
    {
      kind: 'CARE_REVIEW_DUE',
      residentId: event.data.residentId,
      gridId: event.data.gridId,
      category: event.data.category,
      dueOn: event.data.dueOn,
    },
    event.communityId,
    now,
  );
}

/**
 * 网格边界调整: a building redrawn into another grid takes its residents along in the projection, and from then on
 * everything of the building is in its new grid: its residents' open cases and open proactive tasks, the open cases
 * reported at the building or one of its flats (Open311 `address_id`), and the visits (走访) of its flats, so the
 * worker of the building's grid sees its households' visit history. Finished cases keep the grid they had (the
 * statistics of the past); a visit keeps no grid of its own: where the building was on the day of a visit is in
 * residents' history of the building's grids.
 */
export async function buildingMovedToGrid(uow: UnitOfWork, event: EventOf<typeof BuildingMovedToGrid>): Promise<void> {
  const { buildingId, fromGridId, toGridId } = event.data;
  const residents = await uow.em.find(ResidentProjection, { buildingId }, { fields: ['residentId', 'householdId'] });
  await uow.em.nativeUpdate(ResidentProjection, { buildingId }, { gridId: toGridId });
  const ids = residents.map((r) => r.residentId);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await moveCasesToGrid(
      uow.em,
      { reporterId: { $in: chunk }, gridId: fromGridId, status: { $nin: [...FINISHED_STATUSES] } },
      toGridId,
    );
    await uow.em.nativeUpdate(ProactiveTask, { residentId: { $in: chunk }, status: 'OPEN' }, { gridId: toGridId });
  }
  // the building's flats: those residents' told of, and those of the reference facts (flats nobody lives in now)
  const flats = new Set(residents.flatMap((r) => (r.householdId ? [r.householdId] : [])));
  for (const flat of await uow.em.find(
    ReferenceProjection,
    { kind: 'HOUSEHOLD', parentId: buildingId },
    { fields: ['kind', 'id'] },
  ))
    flats.add(flat.id);
  const places = [buildingId, ...flats];
  for (let i = 0; i < places.length; i += 500) {
    const chunk = places.slice(i, i + 500);
    await uow.em.nativeUpdate(Visit, { householdId: { $in: chunk } }, { gridId: toGridId });
    const reported = await uow.em.find(Open311Request, { addressId: { $in: chunk } }, { fields: ['id', 'caseId'] });
    if (reported.length > 0)
      await moveCasesToGrid(
        uow.em,
        {
          id: { $in: reported.map((r) => r.caseId) },
          gridId: fromGridId,
          status: { $nin: [...FINISHED_STATUSES] },
        },
        toGridId,
      );
  }
}
