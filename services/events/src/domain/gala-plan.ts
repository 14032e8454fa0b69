import type { CommunityEventStatus } from '@shequ/contracts';
import type { GalaMonthStatus } from './vocabularies.js';

export interface GalaMonth {
  month: number;
  status: GalaMonthStatus;
  eventIds: string[];
}

/** Month (1–12) of a date in China Standard Time (UTC+8), where the community lives. */
export function chinaMonth(date: Date): { year: number; month: number } {
  const local = new Date(date.getTime() + 8 * 3_600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
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
    const at = chinaMonth(gala.startsAt);
    if (at.year !== year) continue;
    const entry = months[at.month - 1];
    entry.eventIds.push(gala.id);
    if (gala.status === 'COMPLETED') entry.status = 'HELD';
    else if (entry.status === 'MISSING') entry.status = 'PLANNED';
  }
  return months;
}
