import { VolunteerHoursRecorded } from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import { creditVolunteerHours } from '../application/volunteer-hours.js';

/** Volunteer hours from the events service, credited once per shift and resident. */
export function activitiesConsumer({ orm, bus, outbox, logger }: ServiceDependencies): EventConsumer {
  return new EventConsumer({ service: 'partybuilding', source: 'events', orm, bus, outbox, logger }).on(
    VolunteerHoursRecorded,
    async (event, { em }) => {
      await creditVolunteerHours(em, event.data, event.communityId);
    },
  );
}
