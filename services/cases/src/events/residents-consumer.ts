import { GridRegistered, ResidentMovedIn, ResidentRegistered } from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import { upsertResidentProjection } from '../application/resident-projection-updates.js';
import { GridProjection } from '../entities/grid-projection.js';

/** Keeps the resident projection (resident → household → building → grid) from residents' events. */
export function residentsConsumer({ orm, bus, outbox, logger }: ServiceDependencies): EventConsumer {
  return new EventConsumer({ service: 'cases', source: 'residents', orm, bus, outbox, logger })
    .on(GridRegistered, async (event, { em }) => {
      await em.upsert(GridProjection, { gridId: event.data.gridId, communityId: event.communityId, code: event.data.code, name: event.data.name });
    })
    .on(ResidentRegistered, async (event, { em }) => {
      await upsertResidentProjection(em, {
        residentId: event.data.residentId,
        communityId: event.communityId,
        householdId: event.data.householdId,
        buildingId: event.data.buildingId,
        gridId: event.data.gridId,
        birthDate: event.data.birthDate,
        status: 'ACTIVE',
        at: new Date(event.occurredAt),
      });
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
    });
}
