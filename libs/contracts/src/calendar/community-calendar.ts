/**
 * The community's calendar: one time zone (Asia/Shanghai) for "today", ages, months and periods in every
 * service, and day arithmetic on ISO dates (`YYYY-MM-DD`) that no time zone can shift.
 *
 * An instant (`Date`) becomes a day only through `communityDay`; everything else works on ISO dates.
 */

/** The time zone the community lives in. */
export const COMMUNITY_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Asia/Shanghai has been UTC+8 without daylight saving time since its last DST period ended on 1991-09-15 (tz
 * database): an instant from 1992 on is read with that offset; earlier ones through ICU's time-zone data. Every
 * process reads "today" at start: the formatter (ICU's zone and locale data; 4.5 MB of RSS in a process that
 * only reads today) is created only for an instant before 1992.
 */
const FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1);
const UTC_PLUS_8_MS = 8 * 3_600_000;
let wallClock: Intl.DateTimeFormat | undefined;

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The last instant read (an import checks a million rows against one "today"): formatting is the slow part. */
let lastWallTime: { at: number; wall: WallTime } | null = null;

function wallTimeOf(instant: Date): WallTime {
  const at = instant.getTime();
  // from 1992 on the wall clock is arithmetic (formatWallTime); the cache is for the time-zone data before
  if (at >= FIXED_OFFSET_FROM) return formatWallTime(instant);
  if (lastWallTime?.at === at) return { ...lastWallTime.wall };
  const wall = formatWallTime(instant);
  lastWallTime = { at, wall };
  return { ...wall };
}

/** The wall time (Asia/Shanghai) of an instant: UTC+8 from 1992 on, ICU before. */
export function formatWallTime(instant: Date): WallTime {
  if (instant.getTime() >= FIXED_OFFSET_FROM) {
    const local = new Date(instant.getTime() + UTC_PLUS_8_MS);
    return {
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      second: local.getUTCSeconds(),
    };
  }
  return formatWithTimeZoneData(instant);
}

/** The wall time through ICU's time-zone data (instants before 1992; tests compare both ways). */
export function formatWithTimeZoneData(instant: Date): WallTime {
  wallClock ??= new Intl.DateTimeFormat('en-US', {
    timeZone: COMMUNITY_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts = wallClock.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The community's calendar day (Asia/Shanghai) of an instant, YYYY-MM-DD: 2026-03-01T16:30Z → 2026-03-02. */
export function communityDay(instant: Date): string {
  const t = wallTimeOf(instant);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/**
 * An instant as the community's wall clock in W3C/ISO 8601 form with its offset, `2026-03-02T00:30:00+08:00`
 * (Asia/Shanghai keeps +08:00 all year): for interfaces that show local times, such as Open311.
 */
export function communityDateTime(instant: Date): string {
  const t = wallTimeOf(instant);
  return `${communityDay(instant)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}+08:00`;
}

/** The community's calendar month of an instant, YYYY-MM. */
export function communityMonth(instant: Date): string {
  return communityDay(instant).slice(0, 7);
}

/** Year and month (1–12) of an instant in the community's calendar. */
export function communityYearMonth(instant: Date): { year: number; month: number } {
  const t = wallTimeOf(instant);
  return { year: t.year, month: t.month };
}

/** The instant the community's day `date` (YYYY-MM-DD) begins, i.e. 00:00 in Asia/Shanghai. */
export function startOfCommunityDay(date: string): Date {
  const [y, m, d] = partsOf(date);
  const asUtc = Date.UTC(y, m - 1, d);
  // The zone's offset at (about) that moment: wall clock minus UTC.
  const t = wallTimeOf(new Date(asUtc));
  const offset = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - asUtc;
  return new Date(asUtc - offset);
}

/** Whether `value` is a YYYY-MM-DD date that exists in the calendar (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function partsOf(date: string): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function isoOf(utcMidnight: Date): string {
  return utcMidnight.toISOString().slice(0, 10);
}

/** `date` plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = partsOf(date);
  return isoOf(new Date(Date.UTC(y, m - 1, d + days)));
}

/** `date` plus whole months, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = partsOf(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return isoOf(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/** `date` plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  return addMonths(date, 12 * years);
}

/** The last day of a month (1–12), YYYY-MM-DD. */
export function lastDayOfMonth(year: number, month: number): string {
  return isoOf(new Date(Date.UTC(year, month, 0)));
}

/**
 * Full years of age on a day for someone born on `birthDate` (YYYY-MM-DD). `on` is a YYYY-MM-DD day or an
 * instant, taken as its day in the community's calendar. Someone born on 29 February turns a year older on
 * 1 March in a common year.
 */
export function ageOn(birthDate: string, on: string | Date): number {
  const [by, bm, bd] = partsOf(birthDate);
  const [y, m, d] = partsOf(typeof on === 'string' ? on : communityDay(on));
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
