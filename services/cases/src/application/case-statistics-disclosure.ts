import {
  BELOW_THRESHOLD,
  controlDisclosure,
  controlledTableSize,
  crossTableSuppression,
  disclosureThreshold,
  MAX_CONTROLLED_GROUPS,
  SHOWN,
  SUPPRESSED_COMPLEMENT,
  SUPPRESSED_SMALL,
} from '@shequ/auth';
import type { EvaluationGrade } from '@shequ/contracts';
import type { StatisticsGroup } from '../domain/statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';
import type { CaseStatisticsKey } from './case-statistics-keys.js';
import { RATED_GRADES } from './case-statistics-rollup.js';

type Measure = 'count' | 'resolved' | EvaluationGrade;

export { MAX_CONTROLLED_GROUPS };

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

/** A group's rating counts, as the schema's `CaseStatisticsRatings` names them (null: suppressed). */
export interface CaseStatisticsRatingsAnswer {
  excellent: number | null;
  good: number | null;
  fair: number | null;
  poor: number | null;
}

/**
 * A group of `caseStatistics`' answer, a plain object whose fields are the schema's `CaseStatisticsGroup` (its typed
 * columns beside `keys`, the ratings by their field names), built once by the control and returned as it is: a
 * district's grid × month table is 7,680 groups, not copied again into GraphQL objects. `key` (the values by
 * dimension) is not in the schema and never printed; `keys` is set by `withCaseStatisticsKeys`, in place.
 */
export interface ControlledCaseStatisticsGroup {
  key: StatisticsGroup['key'];
  keys: CaseStatisticsKey[];
  category: string | null;
  channel: string | null;
  status: string | null;
  gridId: string | null;
  department: string | null;
  month: string | null;
  count: number | null;
  resolved: number | null;
  onTimeRate: number | null;
  averageResolutionHours: number | null;
  ratings: CaseStatisticsRatingsAnswer;
  /** Why figures are null (Chinese, one clause per field), or null when every figure is shown. */
  suppressed: string | null;
}

/** Not yet keyed: `withCaseStatisticsKeys` gives every group its own `keys`. */
const NO_KEYS: CaseStatisticsKey[] = [];

/** One group of the answer with its typed columns (the first of a dimension's values, as `key` has it). */
function caseStatisticsAnswer(
  key: StatisticsGroup['key'],
  count: number | null,
  resolved: number | null,
  onTimeRate: number | null,
  averageResolutionHours: number | null,
  ratings: CaseStatisticsRatingsAnswer,
  suppressed: string | null,
): ControlledCaseStatisticsGroup {
  return {
    key,
    keys: NO_KEYS,
    category: key.CATEGORY ?? null,
    channel: key.CHANNEL ?? null,
    status: key.STATUS ?? null,
    gridId: key.GRID ?? null,
    department: key.DEPARTMENT ?? null,
    month: key.MONTH ?? null,
    count,
    resolved,
    onTimeRate,
    averageResolutionHours,
    ratings,
    suppressed,
  };
}

const ratingsAnswer = (ratings: Record<EvaluationGrade, number | null>): CaseStatisticsRatingsAnswer => ({
  excellent: ratings.EXCELLENT,
  good: ratings.GOOD,
  fair: ratings.FAIR,
  poor: ratings.POOR,
});

/** A group counted, shown as it is (a caller reading cases and evaluations). */
const exactAnswer = (g: StatisticsGroup, ratings = ratingsAnswer(g.ratings), suppressed: string | null = null) =>
  caseStatisticsAnswer(g.key, g.count, g.resolved, g.onTimeRate, g.averageResolutionHours, ratings, suppressed);

/**
 * `caseStatistics` as a caller may see it. A case names its reporter and its place, and a small count in a small
 * group (a grid × 救助申请 or 组织关系转接 × month, one rating 差 in a grid) can point to a household: for a caller
 * who may not read cases (without `cases:read`: analysts), the table is completed with every combination of the
 * values each dimension can take in the caller's scope and time window (`listed`, from the vocabularies and the grid
 * projection: `caseStatisticsValues`; zero cells too, so neither a group's presence nor a filter narrowing to one
 * grid or category tells anything) and each measure (cases, resolved, each
 * rating grade) put through disclosure control (libs/auth `controlDisclosure`): a cell below the threshold is
 * null with a reason, with secondary suppression along every dimension. The cases still open (count − resolved) are a
 * cell of the table too, never shown but put through the same control — within a group count = resolved + open is
 * one more line — so a shown count and a shown resolved never tell 1 to 4 open cases (an open count of 0 is left
 * free: it points to no one). The on-time rate and the mean hours to resolution are null when the resolved count is
 * suppressed or below the threshold. `protectRatings` alone (a caller reading cases but not evaluations,
 * `cases:appraisal`): the counts are exact, each rating grade controlled over the groups listed.
 */
export function controlCaseStatistics(
  groups: StatisticsGroup[],
  listed: ReadonlyArray<ReadonlyArray<StatisticsGroup['key'][CaseStatisticsDimension]>>,
  dimensions: readonly CaseStatisticsDimension[],
  protect: boolean,
  protectRatings = protect,
): ControlledCaseStatisticsGroup[] {
  if (!protect && !protectRatings) return groups.map((g) => exactAnswer(g));
  const threshold = disclosureThreshold();
  if (!protect) return controlRatings(groups, dimensions, threshold);
  // each dimension's values listed (`caseStatisticsValues`), with any counted beside them (a case in a grid of
  // another community)
  const values = dimensions.map((d, i) => [
    ...new Set([...(listed[i] ?? []), ...groups.map((g) => g.key[d] ?? null)].map((v) => v ?? null)),
  ]);
  // the groups listed: every combination of the values, numbered in mixed radix (the last dimension fastest), so a
  // line (the groups that differ in one dimension) is the group's number with that dimension's digit taken out
  const strides = dimensions.map((_, i) => values.slice(i + 1).reduce((n, v) => n * v.length, 1));
  const total = controlledTableSize(
    values.map((v) => v.length),
    '时间、范围',
  );
  const digitOf = dimensions.map((d, i) => new Map(values[i].map((value, digit) => [value, digit])));
  const numberOf = (key: StatisticsGroup['key']) =>
    dimensions.reduce((n, d, i) => n + digitOf[i].get(key[d] ?? null)! * strides[i], 0);
  const width = dimensions.length;
  const keyOf = (group: number): StatisticsGroup['key'] => {
    const key: StatisticsGroup['key'] = {};
    for (let i = 0; i < width; i++) key[dimensions[i]] = values[i][Math.floor(group / strides[i]) % values[i].length];
    return key;
  };
  const counted = new Map(groups.map((g) => [numberOf(g.key), g]));
  // count, resolved and open (count − resolved: never shown but a cell of the table, as shown count and resolved
  // would give it) of group g at 3g + m: a cross table with the partition count = resolved + open as one more
  // dimension (a line within the group); each rating grade a cross table of its own (no line joins it to the others)
  const PARTITION = 3;
  const [EXCELLENT, GOOD, FAIR, POOR] = (['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const).map((grade) =>
    RATED_GRADES.indexOf(grade),
  );
  const partition = new Float64Array(total * PARTITION);
  // an open count of 0 ("all resolved") points to no one: it is left out of control (a cell of 1 to 4 is not)
  const free = new Uint8Array(total * PARTITION);
  const ratings = RATED_GRADES.map(() => new Float64Array(total));
  for (let group = 0; group < total; group++) free[group * PARTITION + 2] = 1;
  for (const [group, g] of counted) {
    partition[group * PARTITION] = g.count;
    partition[group * PARTITION + 1] = g.resolved;
    partition[group * PARTITION + 2] = g.count - g.resolved;
    free[group * PARTITION + 2] = g.count - g.resolved === 0 ? 1 : 0;
    RATED_GRADES.forEach((grade, r) => (ratings[r][group] = g.ratings[grade]));
  }
  const sizes = values.map((v) => v.length);
  const partitionVerdicts = crossTableSuppression([...sizes, PARTITION], partition, threshold, free);
  const ratingVerdicts = ratings.map((counts) => crossTableSuppression(sizes, counts, threshold));
  const small = SUPPRESSED_SMALL(threshold);
  // each measure's clause for each verdict, written once (not per group)
  const clauseOf = (measure: Measure) => (verdict: number) =>
    `${LABELS[measure]}：${verdict === BELOW_THRESHOLD ? small : SUPPRESSED_COMPLEMENT}`;
  const countClause = clauseOf('count');
  const resolvedClause = clauseOf('resolved');
  const ratingClauses = RATED_GRADES.map(clauseOf);
  const derivedClause = (field: 'onTimeRate' | 'averageResolutionHours') =>
    `${LABELS[field]}：所据已办结数少于 ${threshold} 或已抑制，为防识别个人不予显示`;
  const onTimeClause = derivedClause('onTimeRate');
  const hoursClause = derivedClause('averageResolutionHours');
  const result = new Array<ControlledCaseStatisticsGroup>(total);
  for (let group = 0; group < total; group++) {
    const countedGroup = counted.get(group);
    let clauses: string[] | null = null;
    const countVerdict = partitionVerdicts[group * PARTITION];
    const resolvedVerdict = partitionVerdicts[group * PARTITION + 1];
    const count = countVerdict === SHOWN ? partition[group * PARTITION] : null;
    if (countVerdict !== SHOWN) (clauses ??= []).push(countClause(countVerdict));
    const resolved = resolvedVerdict === SHOWN ? partition[group * PARTITION + 1] : null;
    if (resolvedVerdict !== SHOWN) (clauses ??= []).push(resolvedClause(resolvedVerdict));
    const graded = new Array<number | null>(RATED_GRADES.length);
    for (let r = 0; r < RATED_GRADES.length; r++) {
      const verdict = ratingVerdicts[r][group];
      graded[r] = verdict === SHOWN ? ratings[r][group] : null;
      if (verdict !== SHOWN) (clauses ??= []).push(ratingClauses[r](verdict));
    }
    // the rates: null when the resolved count they rest on is suppressed or below the threshold
    const hidden = resolved === null || resolved < threshold;
    let onTimeRate = countedGroup?.onTimeRate ?? null;
    if (onTimeRate !== null && hidden) {
      (clauses ??= []).push(onTimeClause);
      onTimeRate = null;
    }
    let averageResolutionHours = countedGroup?.averageResolutionHours ?? null;
    if (averageResolutionHours !== null && hidden) {
      (clauses ??= []).push(hoursClause);
      averageResolutionHours = null;
    }
    result[group] = caseStatisticsAnswer(
      keyOf(group),
      count,
      resolved,
      onTimeRate,
      averageResolutionHours,
      { excellent: graded[EXCELLENT], good: graded[GOOD], fair: graded[FAIR], poor: graded[POOR] },
      clauses ? clauses.join('；') : null,
    );
  }
  return result;
}

/**
 * The ratings of a table whose cases the caller may read but whose evaluations it may not (`cases:read` without
 * `cases:appraisal`: a key): each grade a table over the groups listed (the caller can list the cases, so a group's
 * presence tells nothing new), a cell below the threshold null, secondary suppression along every dimension.
 */
function controlRatings(
  groups: StatisticsGroup[],
  dimensions: readonly CaseStatisticsDimension[],
  threshold: number,
): ControlledCaseStatisticsGroup[] {
  type Keys = { group: number; grade: EvaluationGrade };
  const cells = groups.flatMap((g, group) =>
    RATED_GRADES.map((grade) => ({ keys: { group, grade }, count: g.ratings[grade] })),
  );
  const controlled = controlDisclosure<Keys, (typeof cells)[number]>(cells, {
    threshold,
    isProtected: () => true,
    lines: dimensions.map(
      (skipped) => (keys: Keys) =>
        JSON.stringify([
          keys.grade,
          dimensions.map((d) => (d === skipped ? '*' : (groups[keys.group].key[d] ?? null))),
        ]),
    ),
  });
  return groups.map((g, group) => {
    const clauses: string[] = [];
    const ratings = Object.fromEntries(
      RATED_GRADES.map((grade, m) => {
        const cell = controlled[group * RATED_GRADES.length + m];
        if (cell.suppressed) clauses.push(`${LABELS[grade]}：${cell.suppressed}`);
        return [grade, cell.count];
      }),
    ) as Record<EvaluationGrade, number | null>;
    return exactAnswer(g, ratingsAnswer(ratings), clauses.length ? clauses.join('；') : null);
  });
}
