import { actorOf } from '@shequ/auth';
import type { SubgraphContext } from '@shequ/subgraph';
import type { FundActor } from '../../application/fund/fund-input.js';
import { chinaDay } from '../../domain/fund/fund-dates.js';

/** Who acts and when (the request's clock; the fund's days are days in China). */
export function fundActor(ctx: SubgraphContext): FundActor {
  const now = ctx.clock.now();
  return { id: actorOf(ctx.principal).id, communityId: ctx.communityId, now, today: chinaDay(now) };
}

/**
 * A value that reveals a resident's hardship (a disbursement's recipient, reason, statement): shown only to roles
 * that see care categories, and each such read audited as a care-category read of that resident (`row`: the
 * application or disbursement read, whose community is the resident's).
 */
export function hardshipValue<T>(
  ctx: SubgraphContext,
  row: { residentId: string; communityId: string },
  value: T,
): T | null {
  return ctx.pii.readList({ id: row.residentId, communityId: row.communityId }, 'careCategories', [value])?.[0] ?? null;
}
