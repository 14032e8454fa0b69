import {
  BuildingMovedToGrid,
  GridRegistered,
  ResidentDeceased,
  ResidentIdentityCorrected,
  ResidentMovedIn,
  ResidentMovedOut,
  ResidentRegistered,
} from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import {
  moveBuildingResidents,
  recordGrid,
  recordResident,
  recordResidentGrid,
  releaseFutureRegistrations,
} from '../application/resident-projection.js';

/**
 * events__residents: birth dates for audience rules and the share of elderly reached (corrected by
 * `resident.identity_corrected`), grids for grid workers' row scope (following a building redrawn into another grid);
 * deaths and moves release seats at future events.
 */
export function residentsConsumer(deps: ServiceDependencies): EventConsumer {
  return new EventConsumer({
    service: 'events',
    source: 'residents',
    orm: deps.orm,
    bus: deps.bus,
    outbox: deps.outbox,
    logger: deps.logger,
  })
    .on(
      ResidentRegistered,
      (event, { em }) =>
        recordResident(
          em,
          { residentId: event.data.residentId, birthDate: event.data.birthDate, gridId: event.data.gridId },
          event.communityId,
        ),
      {
        // a late redelivery after the resident's death or move: keep what is known, nothing moves back
        stale: (event, { em }) =>
          recordResident(
            em,
            { residentId: event.data.residentId, birthDate: event.data.birthDate, gridId: event.data.gridId },
            event.communityId,
            { fillOnly: true },
          ),
      },
    )
    .on(ResidentIdentityCorrected, (event, { em }) =>
      recordResident(em, { residentId: event.data.residentId, birthDate: event.data.birthDate }, event.communityId),
    )
    .on(ResidentMovedIn, (event, { em }) =>
      recordResidentGrid(em, { residentId: event.data.residentId, gridId: event.data.gridId }, event.communityId),
    )
    .on(BuildingMovedToGrid, (event, { em }) =>
      moveBuildingResidents(
        em,
        { buildingId: event.data.buildingId, toGridId: event.data.toGridId },
        event.communityId,
      ),
    )
    .on(GridRegistered, (event, { em }) =>
      recordGrid(em, { gridId: event.data.gridId, code: event.data.code }, event.communityId),
    )
    .on(ResidentDeceased, async (event, { em, events }) => {
      await releaseFutureRegistrations(
        em,
        events,
        { residentId: event.data.residentId, diedOn: event.data.diedOn },
        event.communityId,
        deps.clock.now(),
      );
    })
    .on(ResidentMovedOut, async (event, { em, events }) => {
      await releaseFutureRegistrations(
        em,
        events,
        { residentId: event.data.residentId, movedOutOn: event.data.movedOutOn },
        event.communityId,
        deps.clock.now(),
      );
    });
}
