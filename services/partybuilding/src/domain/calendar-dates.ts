/** Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so that no time zone shifts a day. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  if (d.getUTCDate() !== day) d.setUTCDate(0); // 29 Feb + 1 year → 28 Feb
  return d.toISOString().slice(0, 10);
}

/** Whole years from `birthDate` to `date`. */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function isoDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The calendar date in China (UTC+8) at `instant`: community records are dated by local days. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
