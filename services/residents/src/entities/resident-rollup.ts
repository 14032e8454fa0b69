import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 人口统计汇总: how many residents share one combination of the keys analysts count by. Maintained with every
 * write (`application/statistics-rollup.ts`), so statistics read these groups instead of the resident rows. The
 * birth date (not an age band) is part of the key: bands are computed when asked, nothing goes stale with time.
 * The grid comes from the building when asked (buildings may move between grids). No NULLs in keys: '' instead.
 */
@Entity({ tableName: 'resident_rollup' })
// the residents born between a cut-off of a statistic by age and the end (or start) of its year, read by exact date
// (`residentStatistics` with the tables by grid and birth year, ResidentAgeRollup)
@Index({ properties: ['birthDate'] })
export class ResidentRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  /** 楼栋 of the resident's household, '' without a household. */
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'building_id' })
  buildingId!: string;

  @PrimaryKey({ type: 'string', length: 6, fieldName: 'gender' })
  gender!: string;

  @PrimaryKey({ type: 'string', length: 10, fieldName: 'birth_date' })
  birthDate!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'residence_type' })
  residenceType!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'status' })
  status!: string;

  /** Open care categories as bits (`careCategoryBit`). */
  @PrimaryKey({ type: 'integer', fieldName: 'care_mask' })
  careMask!: number;

  /** The name's first character, a whole code point (`nameInitialSql`), '' for an empty name. */
  @PrimaryKey({ type: 'string', length: 2, fieldName: 'name_initial' })
  nameInitial!: string;

  /** The building's grid ('' without a building): follows from the building, kept for `ResidentAgeRollup`. */
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'grid_id' })
  gridId!: string;

  /** The birth date's year ('' without one): follows from the birth date, kept for `ResidentAgeRollup`. */
  @PrimaryKey({ type: 'string', length: 4, fieldName: 'birth_year' })
  birthYear!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/** Which group each resident is counted in (the rollup's diff: a change moves a resident between groups). */
@Entity({ tableName: 'resident_rollup_member' })
export class ResidentRollupMember {
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @Property({ type: 'string', length: 36, fieldName: 'building_id' })
  buildingId!: string;

  @Property({ type: 'string', length: 6, fieldName: 'gender' })
  gender!: string;

  @Property({ type: 'string', length: 10, fieldName: 'birth_date' })
  birthDate!: string;

  @Property({ type: 'string', length: 12, fieldName: 'residence_type' })
  residenceType!: string;

  @Property({ type: 'string', length: 12, fieldName: 'status' })
  status!: string;

  @Property({ type: 'integer', fieldName: 'care_mask' })
  careMask!: number;

  @Property({ type: 'string', length: 2, fieldName: 'name_initial' })
  nameInitial!: string;

  @Property({ type: 'string', length: 36, fieldName: 'grid_id' })
  gridId!: string;

  @Property({ type: 'string', length: 4, fieldName: 'birth_year' })
  birthYear!: string;
}

/**
 * 人口统计汇总（不含出生日期）: the groups of `ResidentRollup` summed without the birth date, which makes nearly
 * every resident its own group (a million residents, a million groups). Statistics that need no age (no age band,
 * no age filter, no 高龄) read this table: tens of thousands of rows at a million residents. Kept by the same
 * diffs as the rollup (`coarser` of `residentRollup`), filled from it at start when new.
 */
@Entity({ tableName: 'resident_place_rollup' })
// a grid's or a building's groups (a resident list's totalCount by grid, building or a grid worker's grids)
@Index({ properties: ['buildingId'] })
export class ResidentPlaceRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @PrimaryKey({ type: 'string', length: 36, fieldName: 'building_id' })
  buildingId!: string;

  @PrimaryKey({ type: 'string', length: 6, fieldName: 'gender' })
  gender!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'residence_type' })
  residenceType!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'status' })
  status!: string;

  @PrimaryKey({ type: 'integer', fieldName: 'care_mask' })
  careMask!: number;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/**
 * 居民数汇总: the groups of `ResidentRollup` summed over community, gender, residence type and status only — a few
 * hundred rows for a whole district. A resident list's `totalCount` without a place or care filter (none, status,
 * gender, residence type) over the caller's communities reads it instead of counting a million resident rows
 * (`application/resident-count.ts`). Kept by the same diffs as the rollup (`coarser` of `residentRollup`), filled
 * from it at start when new.
 */
@Entity({ tableName: 'resident_count_rollup' })
export class ResidentCountRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @PrimaryKey({ type: 'string', length: 6, fieldName: 'gender' })
  gender!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'residence_type' })
  residenceType!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'status' })
  status!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/**
 * 姓名首字计数: the groups of `ResidentRollup` summed over the name's first character, community and status. A
 * resident list's `totalCount` by a one-character name prefix (林) over whole communities, optionally by status, reads
 * it (`application/resident-count.ts`) instead of counting the name index — which is an index-only scan only while
 * PostgreSQL's visibility map is set, so it slowed down five- to tenfold after mass updates until a VACUUM. Kept by
 * the same diffs as the rollup (`coarser` of `residentRollup`). The first character leads the key: one character
 * over a district or a street (`community_id like …`) is one range of the primary key.
 */
@Entity({ tableName: 'resident_initial_rollup' })
export class ResidentInitialRollup {
  @PrimaryKey({ type: 'string', length: 2, fieldName: 'name_initial' })
  nameInitial!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'status' })
  status!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/**
 * 人口统计汇总（按网格、出生年）: the groups of `ResidentRollup` summed over community, grid, birth year, gender,
 * residence type, status and care categories — no building, no name, no day of birth: about a third of the rollup's
 * rows at 200,000 residents. Statistics that need ages but no building read it (`residentStatistics`): a birth year
 * in which no cut-off of the query falls (an age band's, an age filter's, 高龄's, relative to the query date) has every
 * resident on the same side of every cut-off, so its groups are counted as one; the residents of the few years a
 * cut-off falls in are read from `ResidentRollup` by exact date. Counts stay exact and nothing goes stale as people
 * age. Kept by the same diffs as the rollup (`coarser` of `residentRollup`); a building redrawn into another grid
 * moves its residents (the rollup watches buildings).
 */
@Entity({ tableName: 'resident_age_rollup' })
// the years up to a statistic's oldest cut-off (80 for 高龄), read alone when that is the only cut-off (ResidentGridRollup)
@Index({ properties: ['birthYear'] })
export class ResidentAgeRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  /** The building's grid, '' without a building. */
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'grid_id' })
  gridId!: string;

  /** `YYYY`, '' without a birth date. */
  @PrimaryKey({ type: 'string', length: 4, fieldName: 'birth_year' })
  birthYear!: string;

  @PrimaryKey({ type: 'string', length: 6, fieldName: 'gender' })
  gender!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'residence_type' })
  residenceType!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'status' })
  status!: string;

  @PrimaryKey({ type: 'integer', fieldName: 'care_mask' })
  careMask!: number;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/**
 * 人口统计汇总（按网格、出生年、状态）: `ResidentAgeRollup` without gender, residence type or care categories — a
 * quarter of its rows at 200,000 residents. What a statistic by age reads when it neither counts nor filters by
 * those (grid × age band, an age filter by grid, 高龄 by grid): chosen per query in `residentStatistics`.
 */
@Entity({ tableName: 'resident_age_grid_rollup' })
export class ResidentAgeGridRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  /** The building's grid, '' without a building. */
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'grid_id' })
  gridId!: string;

  /** `YYYY`, '' without a birth date. */
  @PrimaryKey({ type: 'string', length: 4, fieldName: 'birth_year' })
  birthYear!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'status' })
  status!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/**
 * 人口统计汇总（按网格、出生年、状态、关爱类别）: `ResidentAgeRollup` without gender or residence type — half its
 * rows at 200,000 residents. What a statistic by care category (高龄 derived from the birth date and the status)
 * reads when it neither counts nor filters by gender or residence type.
 */
@Entity({ tableName: 'resident_age_care_rollup' })
// the years up to a statistic's oldest cut-off (80 for 高龄), read alone when that is the only cut-off (ResidentGridRollup)
@Index({ properties: ['birthYear'] })
export class ResidentAgeCareRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  /** The building's grid, '' without a building. */
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'grid_id' })
  gridId!: string;

  /** `YYYY`, '' without a birth date. */
  @PrimaryKey({ type: 'string', length: 4, fieldName: 'birth_year' })
  birthYear!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'status' })
  status!: string;

  /** Open care categories as bits (`careCategoryBit`). */
  @PrimaryKey({ type: 'integer', fieldName: 'care_mask' })
  careMask!: number;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/**
 * 人口统计汇总（按社区、出生年、性别、户籍类型、状态）: `ResidentAgeRollup` without grid or care categories — a tenth
 * of its rows at 200,000 residents. What a statistic by age reads when it needs no grid (no GRID dimension, grid
 * filter or grid worker's scope) and no care categories: age band × gender × residence type across a district.
 */
@Entity({ tableName: 'resident_age_people_rollup' })
export class ResidentAgePeopleRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  /** `YYYY`, '' without a birth date. */
  @PrimaryKey({ type: 'string', length: 4, fieldName: 'birth_year' })
  birthYear!: string;

  @PrimaryKey({ type: 'string', length: 6, fieldName: 'gender' })
  gender!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'residence_type' })
  residenceType!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'status' })
  status!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/**
 * 人口统计汇总（按网格，不含楼栋、出生日期）: `ResidentAgeRollup` without the birth year — community, grid, gender,
 * residence type, status, care categories: about 20,000 rows at a million residents, an eighth of
 * `ResidentPlaceRollup` and no building to join. What `residentStatistics` reads without a building: alone when it
 * needs no age; by care category (高龄 is 80 years and over) or an age filter of 50 years and over, with the residents
 * of the years up to the oldest cut-off read from the table by birth year (few: about 5 % of a district are 80 and
 * over) and moved from «after every cut-off», where this table counts everyone, to their own side — exact, nothing
 * goes stale. Kept by the same diffs as the rollup (`coarser` of `residentRollup`), filled from it at start when new.
 */
@Entity({ tableName: 'resident_grid_rollup' })
export class ResidentGridRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  /** The building's grid, '' without a building. */
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'grid_id' })
  gridId!: string;

  @PrimaryKey({ type: 'string', length: 6, fieldName: 'gender' })
  gender!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'residence_type' })
  residenceType!: string;

  @PrimaryKey({ type: 'string', length: 12, fieldName: 'status' })
  status!: string;

  /** Open care categories as bits (`careCategoryBit`). */
  @PrimaryKey({ type: 'integer', fieldName: 'care_mask' })
  careMask!: number;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}
