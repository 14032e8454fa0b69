import {
  CareCategoryAdded,
  CareCategoryEnded,
  CareCategoryReviewDue,
  CareCategoryReviewed,
  GridRegistered,
  ResidentDeceased,
  ResidentMovedIn,
  ResidentMovedOut,
  ResidentRegistered,
  ResidentUpdated,
} from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import { applyRules, closeTasksOf, settleTasks } from '../application/proactive-tasks.js';
import {
  changeCareCategory,
  fillResidentProjection,
  upsertResidentProjection,
} from '../application/resident-projection-updates.js';
import { routeWaitingCases } from '../application/route-waiting-cases.js';
import { GridProjection } from '../entities/grid-projection.js';
import { ResidentProjection } from '../entities/resident-projection.js';
import { isoDate } from '../domain/proactive-rules/rule.js';

/**
 * Keeps the resident projection (resident → household → building → grid, care categories, status) from residents'
 * events and feeds the proactive rules (new floating resident or one who turns floating, care review due; a care
 * category ended or reviewed, or a turn back to 户籍, settles tasks it made moot); a resident who moves out or dies
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
    .on(
      ResidentRegistered,
      async (event, uow) => {
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
        await routeWaitingCases(uow, event.data.residentId, event.data.gridId, clock.now());
        await applyRules(
          uow,
          {
            kind: 'RESIDENT_REGISTERED',
            residentId: event.data.residentId,
            gridId: event.data.gridId,
            residenceType: event.data.residenceType,
          },
          event.communityId,
          clock.now(),
        );
      },
      {
        // overtaken by a newer event of the resident (a late redelivery): fill in, never move back
        stale: async (event, uow) => {
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
            clock.now(),
          );
        },
      },
    )
    .on(ResidentUpdated, async (event, uow) => {
      const before = await uow.em.findOne(ResidentProjection, { residentId: event.data.residentId });
      const from = before?.residenceType ?? null;
      const row = await upsertResidentProjection(uow.em, {
        residentId: event.data.residentId,
        communityId: event.communityId,
        residenceType: event.data.residenceType,
        at: new Date(event.occurredAt),
      });
      await uow.em.flush();
      if (from === event.data.residenceType) return;
      const fact = {
        kind: 'RESIDENCE_TYPE_CHANGED' as const,
        residentId: event.data.residentId,
        gridId: row.gridId,
        from,
        to: event.data.residenceType,
        on: isoDate(new Date(event.occurredAt)),
      };
      await settleTasks(uow, fact, clock.now());
      await applyRules(uow, fact, event.communityId, clock.now());
    })
    .on(ResidentMovedIn, async (event, uow) => {
      await upsertResidentProjection(uow.em, {
        residentId: event.data.residentId,
        communityId: event.communityId,
        householdId: event.data.householdId,
        buildingId: event.data.buildingId,
        gridId: event.data.gridId,
        status: 'ACTIVE',
        at: new Date(event.occurredAt),
      });
      await uow.em.flush();
      await routeWaitingCases(uow, event.data.residentId, event.data.gridId, clock.now());
    })
    .on(ResidentMovedOut, async (event, uow) => {
      await upsertResidentProjection(uow.em, {
        residentId: event.data.residentId,
        communityId: event.communityId,
        status: 'MOVED_OUT',
        at: new Date(event.occurredAt),
      });
      await closeTasksOf(uow, event.data.residentId, 'RESIDENT_MOVED_OUT', null, clock.now());
    })
    .on(ResidentDeceased, async (event, uow) => {
      await upsertResidentProjection(uow.em, {
        residentId: event.data.residentId,
        communityId: event.communityId,
        status: 'DECEASED',
        at: new Date(event.occurredAt),
      });
      await closeTasksOf(uow, event.data.residentId, 'RESIDENT_DECEASED', null, clock.now());
    })
    .on(CareCategoryAdded, async (event, { em }) => {
      await changeCareCategory(
        em,
        event.data.residentId,
        event.communityId,
        event.data.category,
        true,
        new Date(event.occurredAt),
      );
    })
    .on(CareCategoryEnded, async (event, uow) => {
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
        clock.now(),
      );
    })
    .on(CareCategoryReviewed, async (event, uow) => {
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
        clock.now(),
      );
    })
    .on(CareCategoryReviewDue, async (event, uow) => {
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
        clock.now(),
      );
    });
}
