import type { FilterQuery } from '@mikro-orm/core';
import type { Resident } from '../entities/resident.js';

export interface ResidentCriteria {
  gridId?: string | null;
  buildingId?: string | null;
  householdId?: string | null;
  residenceType?: string | null;
  status?: string | null;
  gender?: string | null;
  namePrefix?: string | null;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Turns list filters into a query within the caller's row scope (all criteria must hold). */
export function residentWhere(criteria: ResidentCriteria | null | undefined, scope: FilterQuery<Resident>[]): FilterQuery<Resident> {
  const all: FilterQuery<Resident>[] = [...scope];
  if (criteria?.householdId) all.push({ household: criteria.householdId });
  if (criteria?.buildingId) all.push({ household: { building: criteria.buildingId } });
  if (criteria?.gridId) all.push({ household: { building: { grid: criteria.gridId } } });
  if (criteria?.residenceType) all.push({ residenceType: criteria.residenceType as Resident['residenceType'] });
  if (criteria?.status) all.push({ status: criteria.status as Resident['status'] });
  if (criteria?.gender) all.push({ gender: criteria.gender as Resident['gender'] });
  if (criteria?.namePrefix) all.push({ name: { $like: `${escapeLike(criteria.namePrefix.trim())}%` } });
  return { $and: all };
}
