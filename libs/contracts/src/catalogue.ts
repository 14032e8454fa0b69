import type { EventDefinition } from './define-event.js';
import { activitiesEvents } from './events/activities.js';
import { auditEvents } from './events/audit.js';
import { casesEvents } from './events/cases.js';
import { partybuildingEvents } from './events/partybuilding.js';
import { residentsEvents } from './events/residents.js';
import { fundEvents } from './events/fund.js';

/** Every event the graph publishes: the catalogue district platforms subscribe to. */
export const eventCatalogue: readonly EventDefinition[] = [
  ...residentsEvents,
  ...fundEvents,
  ...casesEvents,
  ...partybuildingEvents,
  ...activitiesEvents,
  ...auditEvents,
];

const bySubject = new Map(eventCatalogue.map((e) => [e.subject, e]));

export function eventForSubject(subject: string): EventDefinition | undefined {
  return bySubject.get(subject);
}
