import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { columnSum, plainRows, sqlDialectOf, subquery } from '@shequ/database';
import { CareCategories, labelsOf, type CareCategory } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { bornOnOrBefore } from '../domain/dates.js';
import { checkAgeRange } from '../domain/age-bands.js';
import { ADVANCED_AGE_YEARS } from '../domain/care-schedule.js';
import { CareOpenRollup } from '../entities/care-open-rollup.js';
import { CareRecord } from '../entities/care-record.js';
import { Resident } from '../entities/resident.js';

export interface ResidentCriteria {
  gridId?: string | null;
  buildingId?: string | null;
  householdId?: string | null;
  careCategory?: string | null;
  residenceType?: string | null;
  status?: string | null;
  gender?: string | null;
  minAge?: number | null;
  maxAge?: number | null;
  namePrefix?: string | null;
}

/** Escapes LIKE wildcards so user text matches literally. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A text starting with `prefix`, literally and case-sensitively, as an index serves it. PostgreSQL: LIKE with the
 * wildcards escaped (its LIKE escapes with a backslash). SQLite's LIKE has no escape character unless told and ignores
 * ASCII case, so there it is the range [prefix, prefix + U+10FFFF) of the binary collation (UTF-8 byte order is code
 * point order: every text with the prefix sorts inside it).
 */
function startsWith(em: EntityManager, prefix: string): { $gte: string; $lt: string } | { $like: string } {
  return sqlDialectOf(em) === 'sqlite'
    ? { $gte: prefix, $lt: `${prefix}\u{10FFFF}` }
    : { $like: `${escapeLike(prefix)}%` };
}

/**
 * Turns list filters into a query within the caller's row scope (all criteria must hold). Ages are on `today`;
 * a care category means an open record, except 高龄 which is derived from the birth date.
 */
export async function residentWhere(
  em: EntityManager,
  criteria: ResidentCriteria | null | undefined,
  scope: FilterQuery<Resident>[],
  today: string,
  /** The page's keyset position (the id after which it starts), which bounds the care subquery too. */
  afterId?: string,
): Promise<FilterQuery<Resident>> {
  const all: FilterQuery<Resident>[] = [...scope];
  if (criteria?.householdId) all.push({ household: criteria.householdId });
  if (criteria?.buildingId) all.push({ household: { building: criteria.buildingId } });
  if (criteria?.gridId) all.push({ household: { building: { grid: criteria.gridId } } });
  if (criteria?.residenceType) all.push({ residenceType: criteria.residenceType as Resident['residenceType'] });
  if (criteria?.status) all.push({ status: criteria.status as Resident['status'] });
  if (criteria?.gender) all.push({ gender: criteria.gender as Resident['gender'] });
  if (criteria?.namePrefix) all.push({ name: startsWith(em, criteria.namePrefix.trim()) });
  checkAgeRange(criteria?.minAge, criteria?.maxAge);
  // age ≥ min ⇔ born on or before today − min years; age ≤ max ⇔ born after today − (max + 1) years.
  if (criteria?.minAge != null) all.push({ birthDate: { $lte: bornOnOrBefore(today, criteria.minAge) } });
  if (criteria?.maxAge != null) all.push({ birthDate: { $gt: bornOnOrBefore(today, criteria.maxAge + 1) } });
  if (criteria?.careCategory) {
    const category = criteria.careCategory as CareCategory;
    if (!CareCategories.codes.includes(category))
      throw new InvalidInputError(
        'careCategory',
        `未知的关爱对象类别「${category}」，应为：${labelsOf(CareCategories)}`,
      );
    if (category === 'ADVANCED_AGE') {
      all.push({ birthDate: { $lte: bornOnOrBefore(today, ADVANCED_AGE_YEARS) } });
    } else {
      all.push({ id: { $in: openCareOf(em, category, afterId) } });
    }
  }
  return { $and: all };
}

/**
 * The residents with an open record of `category`, as a subquery (`id in (select resident_id …)`, a semi-join the
 * database runs with the `care_record (category, ended_on, resident_id)` index) — never a list of ids, which grows
 * with the district (78,000 低保 residents at a million) and would exceed the bound-parameter limit.
 */
function openCareOf(em: EntityManager, category: CareCategory, afterId: string | undefined): string[] {
  // The same bound as the page's keyset condition on the resident: a later page starts its walk of the index
  // there instead of reading every record before it (PostgreSQL does not carry `id > …` across the join).
  const after: FilterQuery<CareRecord> = afterId ? { resident: { $gt: afterId } } : {};
  return subquery<CareRecord>(em, CareRecord, 'resident', { category, endedOn: null, ...after });
}

/**
 * The stored category of a list that asks for nothing but it within the caller's communities (no grid scope, no
 * other filter, not 高龄): its matches are the open care records of that category in those communities, so the
 * list can be audited as that predicate (see `AuditPredicate`) and counted from the care-record index. Null for
 * any other list.
 */
export function carePredicateOf(criteria: ResidentCriteria, scope: FilterQuery<Resident>[]): CareCategory | null {
  const category = criteria.careCategory as CareCategory | null | undefined;
  const onlyCategory = Object.entries(criteria).every(([key, value]) => key === 'careCategory' || value == null);
  return category && category !== 'ADVANCED_AGE' && onlyCategory && scope.length === 1 ? category : null;
}

/**
 * How many residents have an open record of `category` in the caller's communities (`scope`, a community
 * condition): the `totalCount` of such a list, read from the rollup of open care records per community and
 * category (`careOpenRollup`, kept with every write): a few rows for a district instead of 78,000 records. A
 * resident has at most one open record of a category (`addCareCategory` refuses a second), so records are residents.
 */
export async function countOpenCare(
  em: EntityManager,
  category: CareCategory,
  scope: FilterQuery<Resident>[],
): Promise<number> {
  const inScope = scope[0] as FilterQuery<CareOpenRollup>;
  return columnSum(em, CareOpenRollup, 'n', { $and: [inScope, { category }] });
}

/**
 * The residents (id, community) a care-category list matches (its audit and its `totalCount`). When the list asks for
 * nothing but a stored category within the caller's communities, they are read from the care records alone (a
 * care record is in its resident's community, which never changes; the index holds both): 78,000 低保 of a
 * district without touching a million resident rows. Anything else (a grid worker's grids, more filters, 高龄)
 * reads the residents `where` matches.
 */
export async function careFilterMatches(
  em: EntityManager,
  criteria: ResidentCriteria,
  scope: FilterQuery<Resident>[],
  where: FilterQuery<Resident>,
): Promise<Array<{ id: string; communityId: string }>> {
  const category = carePredicateOf(criteria, scope);
  if (category) {
    const inScope = scope[0] as FilterQuery<CareRecord>;
    const rows = await plainRows<{ resident: string; communityId: string }, CareRecord>(
      em,
      CareRecord,
      ['resident', 'communityId'],
      { $and: [inScope, { category, endedOn: null }] },
    );
    const residents = new Map(rows.map((r) => [r.resident, r.communityId]));
    return [...residents].map(([id, communityId]) => ({ id, communityId }));
  }
  return matchingResidents(em, where);
}

/**
 * Every resident `where` matches, id and community (for the audit of an answer that depends on all of them), as
 * plain rows: no entity is built for each of the tens of thousands a district-wide filter matches.
 */
export async function matchingResidents(
  em: EntityManager,
  where: FilterQuery<Resident>,
): Promise<Array<{ id: string; communityId: string }>> {
  return plainRows<{ id: string; communityId: string }, Resident>(em, Resident, ['id', 'communityId'], where);
}

/**
 * Active floating residents by where their 居住证 stands on `today` (the query form of `permitStanding` in
 * domain/floating-permit.ts): `EXPIRING` = expiry from today through `before` (inclusive), `EXPIRED` = expiry before
 * today.
 */
export function floatingPermitWhere(
  scope: FilterQuery<Resident>[],
  standing: { kind: 'EXPIRING'; today: string; before: string } | { kind: 'EXPIRED'; today: string },
): FilterQuery<Resident> {
  const expiresOn =
    standing.kind === 'EXPIRING' ? { $gte: standing.today, $lte: standing.before } : { $lt: standing.today };
  return {
    $and: [
      ...scope,
      { status: 'ACTIVE', residenceType: 'FLOATING', residencePermitExpiresOn: { $ne: null, ...expiresOn } },
    ],
  };
}
