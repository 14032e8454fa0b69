import type { RegistrationStatus } from '@shequ/contracts';
import type { SubgraphContext } from '@shequ/subgraph';
import { COUNTED_IN_SEATS, seatCountsOfTallies, type SeatCounts } from '../domain/registration-policy.js';

/**
 * Seats taken / waitlisted / attended per event: one query per batch of events, counted by the database (`group by`
 * event and status: at most events × statuses rows, however many registrations each event has).
 */
export function seatCounts(ctx: SubgraphContext) {
  return ctx.loaders.custom<string, SeatCounts>('seatCounts', async (eventIds) => {
    const ids = [...eventIds];
    const statuses = [...COUNTED_IN_SEATS];
    const rows = (await ctx.em.getConnection().execute(
      `select "event_id" as "eventId", "status" as "status", count(*) as "n"
       from "registration"
       where "event_id" in (${ids.map(() => '?').join(', ')}) and "status" in (${statuses.map(() => '?').join(', ')})
       group by "event_id", "status"`,
      [...ids, ...statuses],
    )) as Array<{ eventId: string; status: RegistrationStatus; n: number | string }>;
    const tallies = new Map<string, Array<[RegistrationStatus, number]>>(ids.map((id) => [id, []]));
    for (const row of rows) tallies.get(row.eventId)?.push([row.status, Number(row.n)]);
    return ids.map((id) => seatCountsOfTallies(tallies.get(id) ?? []));
  });
}
