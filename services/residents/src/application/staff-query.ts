import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { sqlDialectOf } from '@shequ/database';
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
  em: EntityManager,
  scope: FilterQuery<Organization>,
  criteria: { kind?: string | null; nameContains?: string | null } | null | undefined,
): FilterQuery<Organization> {
  const all: FilterQuery<Organization>[] = [scope];
  if (criteria?.kind) all.push({ kind: criteria.kind as Organization['kind'] });
  const part = criteria?.nameContains?.trim();
  if (part) all.push(nameContains(em, part));
  return { $and: all };
}

/**
 * A name containing `part` anywhere, literally and case-sensitively, on both dialects. PostgreSQL: LIKE with the
 * wildcards escaped. SQLite's LIKE knows no escape character unless told (an escaped `_` or `%` matched nothing)
 * and ignores ASCII case, so there it is `instr(name, part) > 0`.
 */
function nameContains(em: EntityManager, part: string): FilterQuery<Organization> {
  if (sqlDialectOf(em) === 'sqlite') return { [raw((alias: string) => `instr(${alias}.name, ?)`, [part])]: { $gt: 0 } };
  return { name: { $like: `%${escapeLike(part)}%` } };
}
