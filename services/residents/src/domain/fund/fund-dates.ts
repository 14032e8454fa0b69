/** The calendar date in China (UTC+8) of an instant: the fund's days (公示, payment) are local days. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM' of a date. */
export const monthOf = (date: string): string => date.slice(0, 7);
