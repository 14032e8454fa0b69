import type { EntityManager } from '@mikro-orm/core';
import type { ResidentStatus } from '@shequ/contracts';
import { Case } from '../entities/case.js';
import { ResidentProjection } from '../entities/resident-projection.js';

export interface ResidentFacts {
  residentId: string;
  communityId: string;
  householdId?: string | null;
  buildingId?: string | null;
  gridId?: string | null;
  birthDate?: string | null;
  status?: ResidentStatus;
  at: Date;
}

/** Creates or updates the projection row; cases opened before the resident was known get their grid now. */
export async function upsertResidentProjection(em: EntityManager, facts: ResidentFacts): Promise<ResidentProjection> {
  let row = await em.findOne(ResidentProjection, { residentId: facts.residentId });
  if (!row) row = em.create(ResidentProjection, { residentId: facts.residentId, communityId: facts.communityId, updatedAt: facts.at });
  if (facts.householdId !== undefined) row.householdId = facts.householdId;
  if (facts.buildingId !== undefined) row.buildingId = facts.buildingId;
  if (facts.gridId !== undefined) row.gridId = facts.gridId;
  if (facts.birthDate !== undefined) row.birthDate = facts.birthDate;
  if (facts.status !== undefined) row.status = facts.status;
  row.updatedAt = facts.at;
  if (row.gridId) {
    await em.nativeUpdate(Case, { reporterId: facts.residentId, gridId: null }, { gridId: row.gridId });
  }
  return row;
}
