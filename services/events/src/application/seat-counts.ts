import type { SubgraphContext } from '@shequ/subgraph';
import { COUNTED_IN_SEATS, seatCountsOf, type SeatCounts } from '../domain/registration-policy.js';
import { Registration } from '../entities/registration.js';

/** Seats taken / waitlisted / attended per event: one query per batch of events. */
export function seatCounts(ctx: SubgraphContext) {
  return ctx.loaders.custom<string, SeatCounts>('seatCounts', async (eventIds) => {
    const rows = await ctx.em.find(
      Registration,
      { event: { $in: [...eventIds] }, status: { $in: [...COUNTED_IN_SEATS] } },
      { fields: ['event', 'status'] },
    );
    const statuses = new Map<string, Registration['status'][]>(eventIds.map((id) => [id, []]));
    for (const row of rows) statuses.get(row.event.id)?.push(row.status);
    return eventIds.map((id) => seatCountsOf(statuses.get(id) ?? []));
  });
}
