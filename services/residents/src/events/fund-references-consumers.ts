import { CaseClosed, CaseOpened, EventCancelled, EventCompleted, EventPublished } from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import {
  projectClosedCase,
  projectEventStatus,
  projectOpenedCase,
  projectPublishedEvent,
} from '../application/fund/reference-projections.js';

/** Community events a donation may name (a gala's collection): kept from the events service's events. */
export function communityEventsConsumer({ orm, bus, outbox, logger }: ServiceDependencies): EventConsumer {
  return new EventConsumer({ service: 'residents', source: 'events', orm, bus, outbox, logger })
    .on(EventPublished, async (event, { em }) => {
      await projectPublishedEvent(em, {
        eventId: event.data.eventId,
        communityId: event.communityId,
        at: new Date(event.occurredAt),
      });
    })
    .on(EventCancelled, async (event, { em }) => {
      await projectEventStatus(em, {
        eventId: event.data.eventId,
        communityId: event.communityId,
        status: 'CANCELLED',
        at: new Date(event.occurredAt),
      });
    })
    .on(EventCompleted, async (event, { em }) => {
      await projectEventStatus(em, {
        eventId: event.data.eventId,
        communityId: event.communityId,
        status: 'COMPLETED',
        at: new Date(event.occurredAt),
      });
    });
}

/** Assistance cases a disbursement may name: kept from the cases service's events. */
export function casesConsumer({ orm, bus, outbox, logger }: ServiceDependencies): EventConsumer {
  return new EventConsumer({ service: 'residents', source: 'cases', orm, bus, outbox, logger })
    .on(CaseOpened, async (event, { em }) => {
      await projectOpenedCase(em, {
        caseId: event.data.caseId,
        communityId: event.communityId,
        category: event.data.category,
        department: event.data.department,
        at: new Date(event.occurredAt),
      });
    })
    .on(CaseClosed, async (event, { em }) => {
      await projectClosedCase(em, {
        caseId: event.data.caseId,
        status: event.data.finalStatus,
        at: new Date(event.occurredAt),
      });
    });
}
