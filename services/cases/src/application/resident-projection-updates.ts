import type { EntityManager } from '@mikro-orm/core';
import { startOfCommunityDay, type ResidenceType, type ResidentStatus } from '@shequ/contracts';
import { executePlain, upsertPlainRow } from '@shequ/database';
import { GridProjection } from '../entities/grid-projection.js';
import { ResidentProjection } from '../entities/resident-projection.js';
import { moveCaseIdsToGrid } from './case-grid-updates.js';

export interface ResidentFacts {
  residentId: string;
  communityId: string;
  householdId?: string | null;
  buildingId?: string | null;
  gridId?: string | null;
  birthDate?: string | null;
  status?: ResidentStatus;
  residenceType?: ResidenceType | null;
  /** The date of death (`resident.deceased`): a visit dated after it is refused. */
  diedOn?: string | null;
  at: Date;
}

/** The projection's columns a fact may set (property of `ResidentFacts` → column). */
const FACT_COLUMNS = {
  householdId: 'household_id',
  buildingId: 'building_id',
  gridId: 'grid_id',
  birthDate: 'birth_date',
  status: 'status',
  residenceType: 'residence_type',
  diedOn: 'died_on',
} as const;

/**
 * Creates or updates the projection row (one plain statement: it runs for every consumed residents event); cases
 * opened before the resident was known get their grid now. Returns the row's grid after the change and, when it has
 * one, the resident's cases still waiting unassigned (received, no assignee: `routeWaitingCases` routes them), found
 * with the cases lacking a grid in one look-up.
 */
export async function upsertResidentProjection(
  em: EntityManager,
  facts: ResidentFacts,
): Promise<{ gridId: string | null; waitingCaseIds: string[] }> {
  const given = (Object.keys(FACT_COLUMNS) as (keyof typeof FACT_COLUMNS)[]).filter((key) => facts[key] !== undefined);
  const row = await upsertPlainRow<{ grid_id: string | null }>(em, {
    table: 'resident_projection',
    key: ['resident_id'],
    insert: {
      resident_id: facts.residentId,
      community_id: facts.communityId,
      household_id: facts.householdId ?? null,
      building_id: facts.buildingId ?? null,
      grid_id: facts.gridId ?? null,
      birth_date: facts.birthDate ?? null,
      status: facts.status ?? 'ACTIVE',
      residence_type: facts.residenceType ?? null,
      died_on: facts.diedOn ?? null,
      care_categories: '',
      known_since: facts.at,
      updated_at: facts.at,
    },
    update: [...given.map((key) => FACT_COLUMNS[key]), 'updated_at'],
    returning: ['grid_id'],
  });
  const gridId = row?.grid_id ?? null;
  if (!gridId) return { gridId, waitingCaseIds: [] };
  // the reporter's cases without a grid (opened before the resident was known) and those waiting unassigned, in one
  // plain, prepared look-up by the reporter index (usually none); moving the first into the grid changes neither
  // status nor assignee, so the waiting ones are those found here. The cases' statistics rollup follows the moved
  // cases (moveCaseIdsToGrid recounts what it moves)
  const cases = await executePlain<{ id: string; grid_id: string | null; waiting: number | boolean }>(
    em,
    'select id, grid_id, ' +
      "case when status = 'RECEIVED' and assignee_staff_id is null then 1 else 0 end as waiting " +
      'from case_record where reporter_id = ? and ' +
      "(grid_id is null or (status = 'RECEIVED' and assignee_staff_id is null))",
    [facts.residentId],
  );
  if (cases.length === 0) return { gridId, waitingCaseIds: [] };
  const withoutGrid = cases.filter((c) => c.grid_id === null).map((c) => c.id);
  if (withoutGrid.length > 0) await moveCaseIdsToGrid(em, withoutGrid, gridId);
  return { gridId, waitingCaseIds: cases.filter((c) => Number(c.waiting) === 1).map((c) => c.id) };
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
