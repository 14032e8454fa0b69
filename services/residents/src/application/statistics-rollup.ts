import type { ChangeSet } from '@mikro-orm/core';
import { CareCategories, type CareCategory } from '@shequ/contracts';
import type { RollupDefinition } from '@shequ/database';

/** The bit of a care category in the rollup's `care_mask` (vocabulary order; codes are never reordered). */
export function careCategoryBit(category: CareCategory): number {
  return 1 << CareCategories.codes.indexOf(category);
}

const careMaskSql = `coalesce((select sum(distinct case c.category ${CareCategories.codes
  .map((code) => `when '${code}' then ${careCategoryBit(code)}`)
  .join(' ')} else 0 end) from "care_record" c where c."resident_id" = r."id" and c."ended_on" is null), 0)`;

/**
 * The first character of a resident's name, as a whole code point ('' for an empty name): what a one-character
 * name-prefix filter matches (`startsWith` in resident-query.ts: LIKE 'x%' on PostgreSQL, a code-point range on
 * SQLite). Both databases' `substr` count code points of the text, so a rare character outside the BMP (a surrogate
 * pair in JavaScript) is one character here too — `nameInitial` is the same in JavaScript.
 */
export const nameInitialSql = (name: string) => `coalesce(substr(${name}, 1, 1), '')`;

/** The year of a birth date (`YYYY`, '' without one): the rollup by age's key (`ResidentAgeRollup`). */
export const birthYearSql = (birthDate: string) => `coalesce(substr(${birthDate}, 1, 4), '')`;

/** `birthYearSql` in JavaScript. */
export function birthYear(birthDate: string | null | undefined): string {
  return birthDate ? birthDate.slice(0, 4) : '';
}

/** `nameInitialSql` in JavaScript (code points, not UTF-16 units). */
export function nameInitial(name: string | null | undefined): string {
  return name ? String.fromCodePoint(name.codePointAt(0)!) : '';
}

/**
 * 人口统计汇总 (`ResidentRollup`): each resident counted under community, building, gender, birth date, residence
 * type, status, open care categories, the name's first character (`name_initial`), the building's grid and the
 * birth year. Moved by changes of residents (any field), care records (their resident), households (a household
 * moving to another building moves its residents) and buildings (one redrawn into another grid moves its residents).
 */
export const residentRollup: RollupDefinition = {
  table: 'resident_rollup',
  memberTable: 'resident_rollup_member',
  // `name_initial` changes nothing for the groups of the birth-date table (nearly every resident is already a group
  // of its own there) and is what the name-prefix table below sums
  keyColumns: [
    'community_id',
    'building_id',
    'gender',
    'birth_date',
    'residence_type',
    'status',
    'care_mask',
    'name_initial',
    // both follow from the keys above (the building's grid, the birth date's year): they change no group of this
    // table and are what the table by grid and birth year sums (ResidentAgeRollup)
    'grid_id',
    'birth_year',
  ],
  memberIdColumn: 'r."id"',
  // without the birth date: what statistics that need no age read (see ResidentPlaceRollup)
  coarser: [
    {
      table: 'resident_place_rollup',
      keyColumns: ['community_id', 'building_id', 'gender', 'residence_type', 'status', 'care_mask'],
    },
    // without place or care: what a resident list's totalCount over whole communities reads (ResidentCountRollup)
    { table: 'resident_count_rollup', keyColumns: ['community_id', 'gender', 'residence_type', 'status'] },
    // per name's first character: a one-character name-prefix list's totalCount (ResidentInitialRollup)
    { table: 'resident_initial_rollup', keyColumns: ['name_initial', 'community_id', 'status'] },
    // per grid and birth year, without building or name: what statistics by age read, with only the residents of
    // the years a band's cut-off falls in read from this table by exact date (ResidentAgeRollup)
    {
      table: 'resident_age_rollup',
      keyColumns: ['community_id', 'grid_id', 'birth_year', 'gender', 'residence_type', 'status', 'care_mask'],
    },
    // the same without gender, residence type and care categories, and without gender and residence type: what a
    // statistic by age reads when it needs no more (chosen per query, ResidentAgeGridRollup, ResidentAgeCareRollup)
    { table: 'resident_age_grid_rollup', keyColumns: ['community_id', 'grid_id', 'birth_year', 'status'] },
    { table: 'resident_age_care_rollup', keyColumns: ['community_id', 'grid_id', 'birth_year', 'status', 'care_mask'] },
    // by grid without building or birth year: statistics without a building, by age only through their oldest
    // cut-offs' years read from the tables above (ResidentGridRollup)
    {
      table: 'resident_grid_rollup',
      keyColumns: ['community_id', 'grid_id', 'gender', 'residence_type', 'status', 'care_mask'],
    },
    // without grid or care categories: statistics by age across communities (ResidentAgePeopleRollup)
    {
      table: 'resident_age_people_rollup',
      keyColumns: ['community_id', 'birth_year', 'gender', 'residence_type', 'status'],
    },
  ],
  currentKeys: (condition) =>
    `select r."id" as "member_id", r."community_id" as "community_id", coalesce(h."building_id", '') as "building_id",
       coalesce(r."gender", '') as "gender", coalesce(r."birth_date", '') as "birth_date",
       r."residence_type" as "residence_type", r."status" as "status", ${careMaskSql} as "care_mask",
       ${nameInitialSql('r."name"')} as "name_initial", coalesce(bd."grid_id", '') as "grid_id",
       ${birthYearSql('r."birth_date"')} as "birth_year"
     from "resident" r left join "household" h on h."id" = r."household_id"
       left join "building" bd on bd."id" = h."building_id" where ${condition}`,
  watches: [
    { entity: 'Resident', members: (cs: ChangeSet<object>) => [cs.getPrimaryKey() as string] },
    {
      entity: 'CareRecord',
      members: (cs: ChangeSet<object>) => {
        const resident = (cs.entity as { resident?: { id?: string } | string }).resident;
        return [typeof resident === 'string' ? resident : resident?.id];
      },
    },
    { entity: 'Household', membersQuery: `select "id" as "member_id" from "resident" where "household_id" = ?` },
    // a building redrawn into another grid (`redrawGrid`) moves its residents to that grid's groups
    {
      entity: 'Building',
      membersQuery: `select r."id" as "member_id" from "resident" r join "household" h on h."id" = r."household_id"
        where h."building_id" = ?`,
    },
  ],
};
