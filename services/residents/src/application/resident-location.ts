import type { EntityManager } from '@mikro-orm/core';
import { Household } from '../entities/household.js';

export interface ResidentLocation {
  householdId: string | null;
  buildingId: string | null;
  gridId: string | null;
}

/** Household → building → grid ids, as carried on resident events. */
export async function residentLocation(em: EntityManager, householdId: string | null): Promise<ResidentLocation> {
  if (!householdId) return { householdId: null, buildingId: null, gridId: null };
  const household = await em.findOneOrFail(Household, householdId, { populate: ['building'] });
  const building = household.building.getEntity();
  return { householdId, buildingId: building.id, gridId: building.grid.id };
}
