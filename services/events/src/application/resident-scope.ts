import type { SubgraphContext } from '@shequ/subgraph';
import { GridCode } from '../entities/grid-code.js';
import { ResidentProfile } from '../entities/resident-profile.js';

/**
 * The residents whose registrations, volunteer records and other person-level rows the caller may see: null for
 * every resident of its community (or region); for a grid worker, the residents this service knows to live in
 * the worker's grids (from residents' events), computed once per request. The same rule residents applies to
 * `Resident` itself, so a grid worker calling this subgraph directly sees no more than through the gateway.
 */
export function visibleResidentIds(ctx: SubgraphContext): Promise<ReadonlySet<string> | null> {
  return ctx.loaders.once('events.visibleResidentIds', async () => {
    const codes = ctx.access.gridCodes();
    if (!codes) return null;
    const grids = await ctx.em.find(GridCode, { code: { $in: codes } }, { fields: ['gridId'] });
    if (grids.length === 0) return new Set<string>();
    const profiles = await ctx.em.find(
      ResidentProfile,
      { gridId: { $in: grids.map((g) => g.gridId) } },
      { fields: ['residentId'] },
    );
    return new Set(profiles.map((p) => p.residentId));
  });
}

/** Whether the caller may see person-level rows of this resident. */
export async function residentInScope(ctx: SubgraphContext, residentId: string): Promise<boolean> {
  const visible = await visibleResidentIds(ctx);
  return !visible || visible.has(residentId);
}

/** A filter on `residentId` for person-level rows (empty when the caller sees every resident). */
export async function residentRowWhere(ctx: SubgraphContext): Promise<{ residentId?: { $in: string[] } }> {
  const visible = await visibleResidentIds(ctx);
  return visible ? { residentId: { $in: [...visible] } } : {};
}
