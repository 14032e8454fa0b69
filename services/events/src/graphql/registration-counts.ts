import type { SubgraphContext } from '@shequ/subgraph';
import { Registration } from '../entities/registration.js';

export interface SeatCounts {
  taken: number;
  waitlisted: number;
  attended: number;
}

/** Seats taken / waitlisted / attended per event: one query per batch of events. */
export function seatCounts(ctx: SubgraphContext) {
  return ctx.loaders.custom<string, SeatCounts>('seatCounts', async (eventIds) => {
    const rows = await ctx.em.find(
      Registration,
      { event: { $in: [...eventIds] }, status: { $in: ['CONFIRMED', 'WAITLISTED', 'ATTENDED', 'NO_SHOW'] } },
      { fields: ['event', 'status'] },
    );
    const counts = new Map<string, SeatCounts>(eventIds.map((id) => [id, { taken: 0, waitlisted: 0, attended: 0 }]));
    for (const row of rows) {
      const c = counts.get(row.event.id)!;
      if (row.status === 'WAITLISTED') c.waitlisted += 1;
      else c.taken += 1;
      if (row.status === 'ATTENDED') c.attended += 1;
    }
    return eventIds.map((id) => counts.get(id)!);
  });
}
