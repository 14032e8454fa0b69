import {
  BuildingMovedToGrid,
  CareCategoryAdded,
  CareCategoryEnded,
  CareCategoryReviewDue,
  CareCategoryReviewed,
  FloatingRegistrationExpiring,
  GridRegistered,
  ResidentDeceased,
  ResidentIdentityCorrected,
  ResidentMovedIn,
  ResidentMovedOut,
  ResidentRegistered,
  ResidentUpdated,
} from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import {
  buildingMovedToGrid,
  careCategoryAdded,
  careCategoryEnded,
  careCategoryReviewDue,
  careCategoryReviewed,
  floatingPermitExpiring,
  gridRegistered,
  residentDeceased,
  residentIdentityCorrected,
  residentMovedIn,
  residentMovedOut,
  residentRegistered,
  residentRegisteredLate,
  residentUpdated,
} from '../application/resident-events.js';

/**
 * Keeps the resident projection (resident → household → building → grid, care categories, status, the birth date
 * as registered or corrected by `resident.identity_corrected`) from residents' events and feeds the proactive rules
 * (new floating resident or one who turns floating, care review due; a care category ended or reviewed, or a turn
 * back to 户籍, settles tasks it made moot; a 居住证 about to expire asks for a reminder, its renewal settles it); a
 * resident who moves out or dies has their open tasks closed; a building redrawn into another grid takes its
 * residents' open cases and tasks along.
 */
export function residentsConsumer({ orm, bus, outbox, logger, clock }: ServiceDependencies): EventConsumer {
  return new EventConsumer({ service: 'cases', source: 'residents', orm, bus, outbox, logger })
    .on(GridRegistered, (event, uow) => gridRegistered(uow, event))
    .on(BuildingMovedToGrid, (event, uow) => buildingMovedToGrid(uow, event))
    .on(ResidentRegistered, (event, uow) => residentRegistered(uow, event, clock.now()), {
      stale: (event, uow) => residentRegisteredLate(uow, event, clock.now()),
    })
    .on(ResidentUpdated, (event, uow) => residentUpdated(uow, event, clock.now()))
    .on(ResidentIdentityCorrected, (event, uow) => residentIdentityCorrected(uow, event))
    .on(ResidentMovedIn, (event, uow) => residentMovedIn(uow, event, clock.now()))
    .on(ResidentMovedOut, (event, uow) => residentMovedOut(uow, event, clock.now()))
    .on(ResidentDeceased, (event, uow) => residentDeceased(uow, event, clock.now()))
    .on(CareCategoryAdded, (event, uow) => careCategoryAdded(uow, event, clock.now()))
    .on(CareCategoryEnded, (event, uow) => careCategoryEnded(uow, event, clock.now()))
    .on(CareCategoryReviewed, (event, uow) => careCategoryReviewed(uow, event, clock.now()))
    .on(CareCategoryReviewDue, (event, uow) => careCategoryReviewDue(uow, event, clock.now()))
    .on(FloatingRegistrationExpiring, (event, uow) => floatingPermitExpiring(uow, event, clock.now()));
}
