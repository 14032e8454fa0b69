import type { EntityManager } from '@mikro-orm/core';

/** The two databases the services run on, for what they spell differently. */
export type SqlDialect = 'sqlite' | 'postgresql';

export function sqlDialectOf(on: EntityManager | SqlDialect): SqlDialect {
  if (typeof on === 'string') return on;
  return on.getPlatform().constructor.name === 'PostgreSqlPlatform' ? 'postgresql' : 'sqlite';
}

/** Asia/Shanghai (the community calendar of `@shequ/contracts`): +08:00 all year since 1991. */
const COMMUNITY_ZONE = 'Asia/Shanghai';
const COMMUNITY_OFFSET_SECONDS = 8 * 3600;

/**
 * SQL for the community calendar's day (`YYYY-MM-DD`) or month (`YYYY-MM`) of a `datetime` column, in the
 * database: PostgreSQL converts the `timestamptz` into the zone; SQLite (instants kept as epoch milliseconds)
 * adds the zone's offset. The same days and months as `communityDay`/`communityMonth` for instants after 1991.
 */
export function communityDateSql(on: EntityManager | SqlDialect, column: string, unit: 'day' | 'month'): string {
  if (sqlDialectOf(on) === 'postgresql')
    return `to_char(${column} at time zone '${COMMUNITY_ZONE}', '${unit === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM'}')`;
  return `strftime('${unit === 'day' ? '%Y-%m-%d' : '%Y-%m'}', ${column} / 1000 + ${COMMUNITY_OFFSET_SECONDS}, 'unixepoch')`;
}

/** SQL for an ISO date column (`date`) as text `YYYY-MM-DD` (SQLite keeps it as that text already). */
export function isoDateSql(on: EntityManager | SqlDialect, column: string): string {
  return sqlDialectOf(on) === 'postgresql' ? `to_char(${column}, 'YYYY-MM-DD')` : column;
}

/**
 * SQL true when someone born on `birthDate` (an ISO text expression) is at least `years` old on `day` (an ISO
 * text expression): the rule of `ageOn`, as whole numbers YYYYMMDD whose difference / 10000 is the age.
 */
export function agedAtLeastSql(birthDate: string, day: string, years: number): string {
  const asNumber = (iso: string) => `cast(replace(${iso}, '-', '') as integer)`;
  return `(${asNumber(day)} - ${asNumber(birthDate)} >= ${years * 10000})`;
}
