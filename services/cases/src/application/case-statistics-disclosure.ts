import { controlDisclosure, disclosureThreshold } from '@shequ/auth';
import { InvalidInputError } from '@shequ/errors';
import type { EvaluationGrade } from '@shequ/contracts';
import type { StatisticsGroup } from '../domain/statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';
import { RATED_GRADES } from './case-statistics-rollup.js';

type Measure = 'count' | 'resolved' | EvaluationGrade;

/**
 * The most groups a table under disclosure control may list: it lists every combination of the values in scope
 * (zero cells too), so a district's grids × categories × months would be hundreds of thousands of rows.
 */
export const MAX_CONTROLLED_GROUPS = 20_000;

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
  // the groups listed: every combination of the values, numbered in mixed radix (the last dimension fastest), so a
  // line (the groups that differ in one dimension) is the group's number with that dimension's digit taken out
  const strides = dimensions.map((_, i) => values.slice(i + 1).reduce((n, v) => n * v.length, 1));
  const total = values.reduce((n, v) => n * v.length, 1);
  if (total > MAX_CONTROLLED_GROUPS)
    throw new InvalidInputError(
      'groupBy',
      `分组过细：受统计披露控制的统计表最多 ${MAX_CONTROLLED_GROUPS} 组（本次 ${total} 组），请减少分组维度或缩小时间、范围`,
    );
  const digitOf = dimensions.map((d, i) => new Map(values[i].map((value, digit) => [value, digit])));
  const numberOf = (key: StatisticsGroup['key']) =>
    dimensions.reduce((n, d, i) => n + digitOf[i].get(key[d] ?? null)! * strides[i], 0);
  const keyOf = (group: number): StatisticsGroup['key'] =>
    Object.fromEntries(dimensions.map((d, i) => [d, values[i][Math.floor(group / strides[i]) % values[i].length]]));
  const counted = new Map(groups.map((g) => [numberOf(g.key), g]));
  const measures: Measure[] = ['count', 'resolved', ...RATED_GRADES];
  const valueOf = (g: StatisticsGroup | undefined, measure: Measure) =>
    !g ? 0 : measure === 'count' || measure === 'resolved' ? g[measure] : g.ratings[measure];
  type Keys = { group: number; measure: number };
  const cells: Array<{ keys: Keys; count: number }> = [];
  for (let group = 0; group < total; group++)
    measures.forEach((measure, m) =>
      cells.push({ keys: { group, measure: m }, count: valueOf(counted.get(group), measure) }),
    );
  const controlled = controlDisclosure<Keys, (typeof cells)[number]>(cells, {
    threshold,
    isProtected: () => true,
    lines: dimensions.map((_, i) => (keys: Keys) => {
      const digit = Math.floor(keys.group / strides[i]) % values[i].length;
      return `${keys.measure}:${keys.group - digit * strides[i]}`;
    }),
  });
  const combos = Array.from({ length: total }, (_, group) => keyOf(group));
  return combos.map((key, group) => {
    const countedGroup = counted.get(group);
    const clauses: string[] = [];
    const figure = (measure: Measure) => {
      const cell = controlled[group * measures.length + measures.indexOf(measure)];
      if (cell.suppressed) clauses.push(`${LABELS[measure]}：${cell.suppressed}`);
      return cell.count;
    };
    const [count, resolved] = [figure('count'), figure('resolved')];
    const ratings = Object.fromEntries(RATED_GRADES.map((grade) => [grade, figure(grade)])) as Record<
      EvaluationGrade,
      number | null
    >;
    const derived = (field: 'onTimeRate' | 'averageResolutionHours') => {
      const value = countedGroup?.[field] ?? null;
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
