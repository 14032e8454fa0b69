import { ageOn, communityYearMonth, type RegistrationStatus } from '@shequ/contracts';
import { ELDERLY_AGE } from './audience-rule.js';
import { holdsSeat } from './registration-policy.js';
import type { EventStatisticsDimension } from './vocabularies.js';

export interface StatisticsEventRow {
  id: string;
  type: string;
  startsAt: Date;
  venueKey: string | null;
  organiserKey: string;
  audience: string;
}

export interface StatisticsRegistrationRow {
  eventId: string;
  residentId: string;
  status: RegistrationStatus;
}

export interface StatisticsGroup {
  key: Partial<Record<EventStatisticsDimension, string | null>>;
  events: number;
  registrations: number;
  attended: number;
  noShows: number;
  /** attended / (attended + no-shows); null when nobody was due to attend yet. */
  attendanceRate: number | null;
  uniqueParticipants: number;
  /** Share of unique participants aged 60+ on the day; null without participants of known age. */
  elderlyShare: number | null;
}

function keyOf(event: StatisticsEventRow, dimension: EventStatisticsDimension): string | null {
  switch (dimension) {
    case 'TYPE':
      return event.type;
    case 'MONTH': {
      const { year, month } = communityYearMonth(event.startsAt);
      return `${year}-${String(month).padStart(2, '0')}`;
    }
    case 'VENUE':
      return event.venueKey;
    case 'ORGANISER':
      return event.organiserKey;
    case 'AUDIENCE':
      return event.audience;
  }
}

/**
 * Aggregates events and their registrations by the requested dimensions. Registrations counts places taken
 * (confirmed, attended, no-show); participants are residents who attended. Only counts leave this function.
 */
export function eventStatistics(
  groupBy: EventStatisticsDimension[],
  events: StatisticsEventRow[],
  registrations: StatisticsRegistrationRow[],
  birthDates: Map<string, string>,
): StatisticsGroup[] {
  const byEvent = new Map<string, StatisticsRegistrationRow[]>();
  for (const r of registrations) {
    const list = byEvent.get(r.eventId) ?? [];
    list.push(r);
    byEvent.set(r.eventId, list);
  }
  const groups = new Map<
    string,
    {
      key: StatisticsGroup['key'];
      events: number;
      registrations: number;
      attended: number;
      noShows: number;
      participants: Set<string>;
      elderly: Set<string>;
      known: Set<string>;
    }
  >();
  for (const event of events) {
    const key = Object.fromEntries(groupBy.map((d) => [d, keyOf(event, d)])) as StatisticsGroup['key'];
    const id = JSON.stringify(groupBy.map((d) => key[d]));
    let group = groups.get(id);
    if (!group) {
      group = {
        key,
        events: 0,
        registrations: 0,
        attended: 0,
        noShows: 0,
        participants: new Set(),
        elderly: new Set(),
        known: new Set(),
      };
      groups.set(id, group);
    }
    group.events += 1;
    for (const r of byEvent.get(event.id) ?? []) {
      if (holdsSeat(r.status)) group.registrations += 1;
      if (r.status === 'NO_SHOW') group.noShows += 1;
      if (r.status !== 'ATTENDED') continue;
      group.attended += 1;
      group.participants.add(r.residentId);
      const birthDate = birthDates.get(r.residentId);
      if (birthDate) {
        group.known.add(r.residentId);
        if (ageOn(birthDate, event.startsAt) >= ELDERLY_AGE) group.elderly.add(r.residentId);
      }
    }
  }
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return [...groups.values()]
    .map((g) => ({
      key: g.key,
      events: g.events,
      registrations: g.registrations,
      attended: g.attended,
      noShows: g.noShows,
      attendanceRate: g.attended + g.noShows > 0 ? round(g.attended / (g.attended + g.noShows)) : null,
      uniqueParticipants: g.participants.size,
      elderlyShare: g.known.size > 0 ? round(g.elderly.size / g.known.size) : null,
    }))
    .sort((a, b) =>
      JSON.stringify(groupBy.map((d) => a.key[d] ?? '')).localeCompare(
        JSON.stringify(groupBy.map((d) => b.key[d] ?? '')),
      ),
    );
}
