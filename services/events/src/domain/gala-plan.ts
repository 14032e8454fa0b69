import { communityYearMonth, type CommunityEventStatus } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import type { GalaMonthStatus } from './vocabularies.js';

export interface GalaMonth {
  month: number;
  status: GalaMonthStatus;
  eventIds: string[];
}

/**
 * 每月一台晚会: for each month of `year`, HELD when a gala of that month completed, PLANNED when one is
 * planned or under way, otherwise MISSING. Cancelled galas do not count.
 */
export function galaPlan(
  year: number,
  galas: Array<{ id: string; startsAt: Date; status: CommunityEventStatus }>,
): GalaMonth[] {
  const months: GalaMonth[] = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    status: 'MISSING',
    eventIds: [],
  }));
  for (const gala of galas) {
    if (gala.status === 'CANCELLED') continue;
    const at = communityYearMonth(gala.startsAt);
    if (at.year !== year) continue;
    const entry = months[at.month - 1];
    entry.eventIds.push(gala.id);
    if (gala.status === 'COMPLETED') entry.status = 'HELD';
    else if (entry.status === 'MISSING') entry.status = 'PLANNED';
  }
  return months;
}

/**
 * A gala's programme (节目单) fits in the gala: its items' durations add up to at most the time from start to end.
 * Checked when an item is added (`durationMinutes`) and when the gala is moved or shortened (`endsAt`), so neither
 * path leaves a two-hour gala with ten hours of programme.
 */
export function checkProgrammeFits(
  programmeMinutes: number,
  gala: { startsAt: Date; endsAt: Date },
  field: 'durationMinutes' | 'endsAt',
): void {
  const length = Math.floor((gala.endsAt.getTime() - gala.startsAt.getTime()) / 60_000);
  if (programmeMinutes > length)
    throw new InvalidInputError(field, `节目单总时长 ${programmeMinutes} 分钟超过晚会时长 ${length} 分钟`);
}
