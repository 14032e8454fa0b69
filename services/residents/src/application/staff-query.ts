import type { FilterQuery } from '@mikro-orm/core';
import type { Organization } from '../entities/organization.js';
import type { Staff } from '../entities/staff.js';
import { escapeLike } from './resident-query.js';

/** List filters of `staff` within the caller's row scope; a grid means staff serving it. */
export function staffWhere(
  scope: FilterQuery<Staff>,
  criteria: { department?: string | null; gridId?: string | null } | null | undefined,
): FilterQuery<Staff> {
  const all: FilterQuery<Staff>[] = [scope];
  if (criteria?.department) all.push({ department: criteria.department as Staff['department'] });
  if (criteria?.gridId) all.push({ gridIds: { $like: `%,${escapeLike(criteria.gridId)},%` } });
  return { $and: all };
}

/** List filters of `organizations` within the caller's row scope; a name part matches anywhere in the name. */
export function organizationWhere(
  scope: FilterQuery<Organization>,
  criteria: { kind?: string | null; nameContains?: string | null } | null | undefined,
): FilterQuery<Organization> {
  const all: FilterQuery<Organization>[] = [scope];
  if (criteria?.kind) all.push({ kind: criteria.kind as Organization['kind'] });
  if (criteria?.nameContains) all.push({ name: { $like: `%${escapeLike(criteria.nameContains.trim())}%` } });
  return { $and: all };
}
