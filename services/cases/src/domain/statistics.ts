import { communityMonth, type EvaluationGrade } from '@shequ/contracts';
import type { CaseStatisticsDimension } from './vocabularies.js';

export interface StatisticsCase {
  category: string;
  channel: string;
  status: string;
  gridId: string | null;
  department: string;
  openedAt: Date;
  resolvedAt: Date | null;
  resolveDueAt: Date;
  validGrades: readonly EvaluationGrade[];
}

export interface StatisticsGroup {
  key: Partial<Record<CaseStatisticsDimension, string | null>>;
  count: number;
  resolved: number;
  onTimeRate: number | null;
  averageResolutionHours: number | null;
  ratings: Record<EvaluationGrade, number>;
}

function keyValue(c: StatisticsCase, dimension: CaseStatisticsDimension): string | null {
  switch (dimension) {
    case 'CATEGORY':
      return c.category;
    case 'CHANNEL':
      return c.channel;
    case 'STATUS':
      return c.status;
    case 'GRID':
      return c.gridId;
    case 'DEPARTMENT':
      return c.department;
    case 'MONTH':
      return communityMonth(c.openedAt);
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Counts, on-time rate, mean hours to resolution and valid ratings per group (no people named). */
export function groupCaseStatistics(
  cases: readonly StatisticsCase[],
  groupBy: readonly CaseStatisticsDimension[],
): StatisticsGroup[] {
  const dimensions = [...new Set(groupBy)];
  const groups = new Map<string, { key: StatisticsGroup['key']; members: StatisticsCase[] }>();
  for (const c of cases) {
    const key = Object.fromEntries(dimensions.map((d) => [d, keyValue(c, d)])) as StatisticsGroup['key'];
    const id = JSON.stringify(dimensions.map((d) => key[d]));
    const group = groups.get(id) ?? { key, members: [] };
    group.members.push(c);
    groups.set(id, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { key, members }]) => {
      const resolved = members.filter((m) => m.resolvedAt);
      const onTime = resolved.filter((m) => m.resolvedAt!.getTime() <= m.resolveDueAt.getTime()).length;
      const hours = resolved.reduce((sum, m) => sum + (m.resolvedAt!.getTime() - m.openedAt.getTime()) / 3_600_000, 0);
      const ratings: Record<EvaluationGrade, number> = { EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 };
      for (const m of members) for (const g of m.validGrades) ratings[g]++;
      return {
        key,
        count: members.length,
        resolved: resolved.length,
        onTimeRate: resolved.length ? round(onTime / resolved.length, 4) : null,
        averageResolutionHours: resolved.length ? round(hours / resolved.length, 1) : null,
        ratings,
      };
    });
}
