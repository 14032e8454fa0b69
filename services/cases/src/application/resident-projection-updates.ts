import type { EntityManager } from '@mikro-orm/core';
import { startOfCommunityDay, type ResidenceType, type ResidentStatus } from '@shequ/contracts';
import { GridProjection } from '../entities/grid-projection.js';
import { ResidentProjection } from '../entities/resident-projection.js';
import { moveCasesToGrid } from './case-grid-updates.js';

export interface ResidentFacts {
  residentId: string;
  communityId: string;
  householdId?: string | null;
  buildingId?: string | null;
  gridId?: string | null;
  birthDate?: string | null;
  status?: ResidentStatus;
  residenceType?: ResidenceType | null;
  at: Date;
}

/**
 * Creates or updates the projection row; cases opened before the resident was known get their grid (and the
 * grid worker as assignee, when still unassigned) now.
 */
export async function upsertResidentProjection(em: EntityManager, facts: ResidentFacts): Promise<ResidentProjection> {
  let row = await em.findOne(ResidentProjection, { residentId: facts.residentId });
  if (!row)
    row = em.create(ResidentProjection, {
      residentId: facts.residentId,
      communityId: facts.communityId,
      updatedAt: facts.at,
      knownSince: facts.at,
    });
  if (facts.householdId !== undefined) row.householdId = facts.householdId;
  if (facts.buildingId !== undefined) row.buildingId = facts.buildingId;
  if (facts.gridId !== undefined) row.gridId = facts.gridId;
  if (facts.birthDate !== undefined) row.birthDate = facts.birthDate;
  if (facts.status !== undefined) row.status = facts.status;
  if (facts.residenceType !== undefined) row.residenceType = facts.residenceType;
  row.updatedAt = facts.at;
  if (row.gridId) {
    await moveCasesToGrid(em, { reporterId: facts.residentId, gridId: null }, row.gridId);
  }
  return row;
}

/**
 * A `resident.registered` that arrives after a newer event of the resident (a late redelivery) moves nothing
 * back: it only fills in what the row does not know yet (birth date, residence type, a place when none is
 * known). Returns whether the residence type was unknown until now (the registration's rules still apply then).
 */
export async function fillResidentProjection(
  em: EntityManager,
  facts: Required<Pick<ResidentFacts, 'residentId' | 'householdId' | 'buildingId' | 'gridId' | 'birthDate'>> & {
    residenceType: ResidenceType;
  },
): Promise<{ row: ResidentProjection; residenceTypeWasUnknown: boolean } | null> {
  const row = await em.findOne(ResidentProjection, { residentId: facts.residentId });
  if (!row) return null;
  const residenceTypeWasUnknown = row.residenceType === null;
  row.birthDate ??= facts.birthDate;
  row.residenceType ??= facts.residenceType;
  if (!row.householdId && !row.buildingId && !row.gridId) {
    row.householdId = facts.householdId;
    row.buildingId = facts.buildingId;
    row.gridId = facts.gridId;
  }
  return { row, residenceTypeWasUnknown };
}

/** Adds or removes one care category code on the projection (care_category.added / ended). */
export async function changeCareCategory(
  em: EntityManager,
  residentId: string,
  communityId: string,
  category: string,
  present: boolean,
  at: Date,
  startedOn: string | null = null,
): Promise<void> {
  const row =
    (await em.findOne(ResidentProjection, { residentId })) ??
    em.create(ResidentProjection, { residentId, communityId, updatedAt: at, knownSince: at });
  const current = new Set(row.careCategories ? row.careCategories.split(',') : []);
  if (present) current.add(category);
  else current.delete(category);
  row.careCategories = [...current].sort().join(',');
  row.updatedAt = at;
  if (present && startedOn) {
    const since = startOfCommunityDay(startedOn);
    if (!row.knownSince || since < row.knownSince) row.knownSince = since;
  }
}

/** The grid worker of a resident's grid, if known. */
export async function gridWorkerOf(em: EntityManager, gridId: string | null): Promise<string | null> {
  if (!gridId) return null;
  return (await em.findOne(GridProjection, { gridId }))?.gridWorkerStaffId ?? null;
}
