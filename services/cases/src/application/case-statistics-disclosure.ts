import { controlDisclosure, disclosureThreshold } from '@shequ/auth';
import type { EvaluationGrade } from '@shequ/contracts';
import type { StatisticsGroup } from '../domain/statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';
import { RATED_GRADES } from './case-statistics-rollup.js';

type Measure = 'count' | 'resolved' | EvaluationGrade;

const LABELS: Record<Measure | 'onTimeRate' | 'averageResolutionHours', string> = {
  count: '事项数',
  resolved: '已办结数',
  EXCELLENT: '评议“优”',
  GOOD: '评议“良”',
  FAIR: '评议“中”',
  POOR: '评议“差”',
  onTimeRate: '按时办结率',
  averageResolutionHours: '平均办结时长',
};

export interface ControlledCaseStatisticsGroup {
  key: StatisticsGroup['key'];
  count: number | null;
  resolved: number | null;
  onTimeRate: number | null;
  averageResolutionHours: number | null;
  ratings: Record<EvaluationGrade, number | null>;
  /** Why figures are null (Chinese, one clause per field), or null when every figure is shown. */
  suppressed: string | null;
}

/**
 * `caseStatistics` as a caller may see it. A case names its reporter and its place, and a small count in a small
 * group (a grid × 救助申请 or 组织关系转接 × month, one rating 差 in a grid) can point to a household: for a caller
 * who may not read cases (without `cases:read`: analysts), the table is completed with every combination of the
 * values present in the caller's scope and time window before the other filters (`universe`: zero cells too, so
 * neither a group's presence nor a filter narrowing to one grid or category tells anything) and each measure (cases, resolved, each
 * rating grade) put through disclosure control (libs/auth `controlDisclosure`): a cell below the threshold is
 * null with a reason, with secondary suppression along every dimension. The on-time rate and the mean hours to
 * resolution are null when the resolved count is suppressed or below the threshold.
 */
export function controlCaseStatistics(
  groups: StatisticsGroup[],
  universe: StatisticsGroup[],
  dimensions: readonly CaseStatisticsDimension[],
  protect: boolean,
): ControlledCaseStatisticsGroup[] {
  if (!protect) return groups.map((g) => ({ ...g, suppressed: null }));
  const threshold = disclosureThreshold();
  const values = dimensions.map((d) => [...new Set([...universe, ...groups].map((g) => g.key[d] ?? null))]);
  let combos: Array<StatisticsGroup['key']> = [{}];
  dimensions.forEach((d, i) => {
    combos = combos.flatMap((combo) => values[i].map((value) => ({ ...combo, [d]: value })));
  });
  const id = (key: StatisticsGroup['key'], skip?: CaseStatisticsDimension) =>
    JSON.stringify(dimensions.map((d) => (d === skip ? '*' : (key[d] ?? null))));
  const byId = new Map(groups.map((g) => [id(g.key), g]));
  const measures: Measure[] = ['count', 'resolved', ...RATED_GRADES];
  const valueOf = (g: StatisticsGroup | undefined, measure: Measure) =>
    !g ? 0 : measure === 'count' || measure === 'resolved' ? g[measure] : g.ratings[measure];
  type Keys = { group: number; measure: Measure };
  const cells = combos.flatMap((key, group) =>
    measures.map((measure) => ({ keys: { group, measure }, count: valueOf(byId.get(id(key)), measure) })),
  );
  const controlled = controlDisclosure<Keys, (typeof cells)[number]>(cells, {
    threshold,
    isProtected: () => true,
    lines: dimensions.map((d) => (keys: Keys) => JSON.stringify([keys.measure, id(combos[keys.group], d)])),
  });
  const shown = new Map(controlled.map((c) => [`${c.keys.group}:${c.keys.measure}`, c]));
  return combos.map((key, group) => {
    const counted = byId.get(id(key));
    const clauses: string[] = [];
    const figure = (measure: Measure) => {
      const cell = shown.get(`${group}:${measure}`)!;
      if (cell.suppressed) clauses.push(`${LABELS[measure]}：${cell.suppressed}`);
      return cell.count;
    };
    const [count, resolved] = [figure('count'), figure('resolved')];
    const ratings = Object.fromEntries(RATED_GRADES.map((grade) => [grade, figure(grade)])) as Record<
      EvaluationGrade,
      number | null
    >;
    const derived = (field: 'onTimeRate' | 'averageResolutionHours') => {
      const value = counted?.[field] ?? null;
      if (value === null) return null;
      if (resolved === null || resolved < threshold) {
        clauses.push(`${LABELS[field]}：所据已办结数少于 ${threshold} 或已抑制，为防识别个人不予显示`);
        return null;
      }
      return value;
    };
    return {
      key,
      count,
      resolved,
      onTimeRate: derived('onTimeRate'),
      averageResolutionHours: derived('averageResolutionHours'),
      ratings,
      suppressed: clauses.length ? clauses.join('；') : null,
    };
  });
}
