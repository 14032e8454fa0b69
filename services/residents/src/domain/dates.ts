import { InvalidInputError } from '@shequ/errors';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date (UTC) of an instant, YYYY-MM-DD. */
export const isoDay = (instant: Date): string => instant.toISOString().slice(0, 10);

/** Checks a YYYY-MM-DD date that exists in the calendar. */
export function validDate(raw: string | null | undefined, field: string): string {
  const match = raw ? ISO.exec(raw.trim()) : null;
  const date = match && new Date(`${match[0]}T00:00:00Z`);
  if (!match || !date || Number.isNaN(date.getTime()) || isoDay(date) !== match[0]) {
    throw new InvalidInputError(field, `日期须为 YYYY-MM-DD 格式的有效日期，收到 ${raw ?? '空'}`);
  }
  return match[0];
}

/** `date` plus whole months, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return isoDay(target);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

/** Full years of age on `date` for someone born on `birthDate`. */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The latest birth date of someone at least `years` old on `date`. */
export const bornOnOrBefore = (date: string, years: number): string => addMonths(date, -12 * years);
