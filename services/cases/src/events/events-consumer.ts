import { RegistrationAttended } from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import { noteContact } from '../application/proactive-tasks.js';

/** Attendance at a community event counts as a contact for the "no contact for N days" rule. */
export function eventsConsumer({ orm, bus, outbox, logger }: ServiceDependencies): EventConsumer {
  return new EventConsumer({ service: 'cases', source: 'events', orm, bus, outbox, logger }).on(
    RegistrationAttended,
    async (event, { em }) => {
      await noteContact(em, event.data.residentId, new Date(event.data.attendedAt));
    },
  );
}
