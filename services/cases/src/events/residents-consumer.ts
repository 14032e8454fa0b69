import {
  CareCategoryAdded, CareCategoryEnded, CareCategoryReviewDue, GridRegistered, ResidentDeceased, ResidentMovedIn, ResidentMovedOut,
  ResidentRegistered,
} from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import { applyRules, closeTasksOf } from '../application/proactive-tasks.js';
import { changeCareCategory, upsertResidentProjection } from '../application/resident-projection-updates.js';
import { GridProjection } from '../entities/grid-projection.js';

/**
 * Keeps the resident projection (resident → household → building → grid, care categories, status) from residents'
 * events and feeds the proactive rules (new floating resident, care review due); a resident who moves out or dies
 * has their open tasks closed.
 */
export function residentsConsumer({ orm, bus, outbox, logger, clock }: ServiceDependencies): EventConsumer {
  return new EventConsumer({ service: 'cases', source: 'residents', orm, bus, outbox, logger })
    .on(GridRegistered, async (event, { em }) => {
      await em.upsert(GridProjection, {
        gridId: event.data.gridId,
        communityId: event.communityId,
        code: event.data.code,
        name: event.data.name,
        gridWorkerStaffId: event.data.gridWorkerStaffId,
      });
    })
    .on(ResidentRegistered, async (event, uow) => {
      await upsertResidentProjection(uow.em, {
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
      await uow.em.flush();
      await applyRules(
        uow,
        { kind: 'RESIDENT_REGISTERED', residentId: event.data.residentId, gridId: event.data.gridId, residenceType: event.data.residenceType },
        event.communityId,
        clock.now(),
      );
    })
    .on(ResidentMovedIn, async (event, { em }) => {
      await upsertResidentProjection(em, {
        residentId: event.data.residentId,
        communityId: event.communityId,
        householdId: event.data.householdId,
        buildingId: event.data.buildingId,
        gridId: event.data.gridId,
        status: 'ACTIVE',
        at: new Date(event.occurredAt),
      });
    })
    .on(ResidentMovedOut, async (event, uow) => {
      await upsertResidentProjection(uow.em, { residentId: event.data.residentId, communityId: event.communityId, status: 'MOVED_OUT', at: new Date(event.occurredAt) });
      await closeTasksOf(uow, event.data.residentId, 'RESIDENT_MOVED_OUT', null, clock.now());
    })
    .on(ResidentDeceased, async (event, uow) => {
      await upsertResidentProjection(uow.em, { residentId: event.data.residentId, communityId: event.communityId, status: 'DECEASED', at: new Date(event.occurredAt) });
      await closeTasksOf(uow, event.data.residentId, 'RESIDENT_DECEASED', null, clock.now());
    })
    .on(CareCategoryAdded, async (event, { em }) => {
      await changeCareCategory(em, event.data.residentId, event.communityId, event.data.category, true, new Date(event.occurredAt));
    })
    .on(CareCategoryEnded, async (event, { em }) => {
      await changeCareCategory(em, event.data.residentId, event.communityId, event.data.category, false, new Date(event.occurredAt));
    })
    .on(CareCategoryReviewDue, async (event, uow) => {
      await applyRules(
        uow,
        { kind: 'CARE_REVIEW_DUE', residentId: event.data.residentId, gridId: event.data.gridId, category: event.data.category, dueOn: event.data.dueOn },
        event.communityId,
        clock.now(),
      );
    });
}
