import { ageOn } from '@shequ/contracts';
import type { PartyStatisticsDimension } from './vocabularies.js';

export const AGE_BANDS = [
  { code: 'UNDER_36', label: '35岁及以下', max: 35 },
  { code: 'AGE_36_45', label: '36–45岁', max: 45 },
  { code: 'AGE_46_60', label: '46–60岁', max: 60 },
  { code: 'AGE_61_70', label: '61–70岁', max: 70 },
  { code: 'OVER_70', label: '71岁及以上', max: Infinity },
] as const;

export function ageBandOf(birthDate: string | null, today: string): string | null {
  if (!birthDate) return null;
  const age = ageOn(birthDate, today);
  return AGE_BANDS.find((band) => age <= band.max)!.code;
}

export interface StatisticsMember {
  organization: string;
  stage: string;
  memberType: string;
  gender: string | null;
  birthDate: string | null;
}

export interface StatisticsGroup {
  organization: string | null;
  stage: string | null;
  memberType: string | null;
  ageBand: string | null;
  gender: string | null;
  count: number;
}

/** Counts by the chosen dimensions only; no names or ids of people go into a group. */
export function groupMembers(
  members: readonly StatisticsMember[],
  groupBy: readonly PartyStatisticsDimension[],
  today: string,
): StatisticsGroup[] {
  const groups = new Map<string, StatisticsGroup>();
  for (const m of members) {
    const group: StatisticsGroup = {
      organization: groupBy.includes('ORGANIZATION') ? m.organization : null,
      stage: groupBy.includes('STAGE') ? m.stage : null,
      memberType: groupBy.includes('MEMBER_TYPE') ? m.memberType : null,
      ageBand: groupBy.includes('AGE_BAND') ? ageBandOf(m.birthDate, today) : null,
      gender: groupBy.includes('GENDER') ? m.gender : null,
      count: 0,
    };
    const key = JSON.stringify([group.organization, group.stage, group.memberType, group.ageBand, group.gender]);
    const existing = groups.get(key) ?? group;
    existing.count += 1;
    groups.set(key, existing);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
