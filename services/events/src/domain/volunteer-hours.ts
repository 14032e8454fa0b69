/** One recorded volunteer service (志愿服务时长). */
export interface VolunteerServiceRecord {
  id: string;
  residentId: string;
  minutes: number;
  servedOn: string;
}

export interface VolunteerHoursSummary<R extends VolunteerServiceRecord> {
  totalMinutes: number;
  /** Hours to one decimal. */
  totalHours: number;
  services: number;
  /** The most recent services, newest first (at most `recentLimit`). */
  recent: R[];
}

/**
 * A volunteer's hours over their services (newest first), or over one calendar year's services when `year` is
 * given (services are dated by the community's day).
 */
export function volunteerHoursSummary<R extends VolunteerServiceRecord>(
  newestFirst: readonly R[],
  year: number | null,
  recentLimit = 20,
): VolunteerHoursSummary<R> {
  const records = year ? newestFirst.filter((r) => r.servedOn.startsWith(`${year}-`)) : [...newestFirst];
  const totalMinutes = records.reduce((sum, r) => sum + r.minutes, 0);
  return volunteerHoursOf(totalMinutes, records.length, records.slice(0, recentLimit));
}

/** The summary of `services` services lasting `totalMinutes` in all, with the most recent ones (newest first). */
export function volunteerHoursOf<R extends VolunteerServiceRecord>(
  totalMinutes: number,
  services: number,
  recent: R[],
): VolunteerHoursSummary<R> {
  return { totalMinutes, totalHours: Math.round(totalMinutes / 6) / 10, services, recent };
}
