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
import { averageHoursOf, onTimeRateOf, rowValue, type CaseStatisticsRow } from './case-statistics-base.js';
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
  const table = countedTable(values);
  const digitOf = values.map((column) => new Map(column.map((value, digit) => [value, digit])));
  for (const g of groups) {
    let cell = 0;
    for (let i = 0; i < dimensions.length; i++)
      cell += digitOf[i].get(g.key[dimensions[i]] ?? null)! * table.strides[i];
    table.count(cell, g.count, g.resolved, g.onTimeRate, g.averageResolutionHours, g.ratings);
  }
  const width = dimensions.length;
  return controlTable(table, threshold, (digits, ...figures) => {
    const key: StatisticsGroup['key'] = {};
    for (let i = 0; i < width; i++) key[dimensions[i]] = values[i][digits[i]];
    return caseStatisticsAnswer(key, ...figures);
  });
}

/**
 * `controlCaseStatistics` for a caller who may not read cases, straight from the rollup's rows (`caseStatisticsRows`:
 * `d0…` values, the measures summed), each dimension's values given in their natural order (`values`: those listed
 * and those counted, `caseStatisticsKeyer`'s `ordered`) with each value's key (`keys[i][digit]`, shared by the
 * groups): the groups of every combination come out in the answer's order with their `keys`, as
 * `withCaseStatisticsKeys` would give them — no group object per row, no key object per cell, no sort. The same
 * answer, field for field, as `caseStatisticsFromRows`, then `controlCaseStatistics`, then `withCaseStatisticsKeys`.
 */
export function controlCaseStatisticsRows(
  rows: readonly CaseStatisticsRow[],
  values: ReadonlyArray<ReadonlyArray<StatisticsGroup['key'][CaseStatisticsDimension]>>,
  keys: ReadonlyArray<readonly CaseStatisticsKey[]>,
  dimensions: readonly CaseStatisticsDimension[],
): Array<Omit<ControlledCaseStatisticsGroup, 'key'>> {
  const threshold = disclosureThreshold();
  const table = countedTable(values);
  const width = dimensions.length;
  const digitOf = values.map((column) => new Map(column.map((value, digit) => [value, digit])));
  const ratings = {} as Record<EvaluationGrade, number>;
  for (const row of rows) {
    const count = Number(row.count);
    if (!(count > 0)) continue; // a group without cases (`groupsFromRows` drops it): a zero cell
    let cell = 0;
    for (let i = 0; i < width; i++) cell += digitOf[i].get(rowValue(row, i))! * table.strides[i];
    const resolved = Number(row.resolved);
    for (const grade of RATED_GRADES) ratings[grade] = Number(row[grade]);
    table.count(cell, count, resolved, onTimeRateOf(row, resolved), averageHoursOf(row, resolved), ratings);
  }
  // each dimension's column of the schema (`category`, `gridId`…), null where the table does not group by it
  const COLUMNS = ['category', 'channel', 'status', 'gridId', 'department', 'month'] as const;
  const columnOf = COLUMNS.map((column) => dimensions.findIndex((d) => COLUMN_OF[d] === column));
  const [category, channel, status, gridId, department, month] = columnOf;
  const valueAt = (i: number, digits: Int32Array) => (i < 0 ? null : (values[i][digits[i]] ?? null));
  return controlTable(table, threshold, (digits, count, resolved, onTimeRate, averageResolutionHours, rated, why) => {
    const row = new Array<CaseStatisticsKey>(width);
    for (let i = 0; i < width; i++) row[i] = keys[i][digits[i]];
    return {
      keys: row,
      category: valueAt(category, digits),
      channel: valueAt(channel, digits),
      status: valueAt(status, digits),
      gridId: valueAt(gridId, digits),
      department: valueAt(department, digits),
      month: valueAt(month, digits),
      count,
      resolved,
      onTimeRate,
      averageResolutionHours,
      ratings: rated,
      suppressed: why,
    };
  });
}

const COLUMN_OF: Record<CaseStatisticsDimension, string> = {
  CATEGORY: 'category',
  CHANNEL: 'channel',
  STATUS: 'status',
  GRID: 'gridId',
  DEPARTMENT: 'department',
  MONTH: 'month',
};

/** count, resolved and open of group g at 3g + m (`controlTable`). */
const PARTITION = 3;

/**
 * The figures of a controlled table's groups, every combination of `values` numbered in mixed radix (the last
 * dimension fastest: a line — the groups that differ in one dimension — is the group's number with that dimension's
 * digit taken out), filled by `count` with the groups counted; a combination nobody is counted in stays 0.
 */
function countedTable(values: ReadonlyArray<ReadonlyArray<unknown>>) {
  const sizes = values.map((v) => v.length);
  const strides = sizes.map((_, i) => sizes.slice(i + 1).reduce((n, v) => n * v, 1));
  const total = controlledTableSize(sizes, '时间、范围');
  // count, resolved and open (count − resolved: never shown but a cell of the table, as shown count and resolved
  // would give it) of group g at 3g + m: a cross table with the partition count = resolved + open as one more
  // dimension (a line within the group); each rating grade a cross table of its own (no line joins it to the others)
  const partition = new Float64Array(total * PARTITION);
  // an open count of 0 ("all resolved") points to no one: it is left out of control (a cell of 1 to 4 is not)
  const free = new Uint8Array(total * PARTITION);
  for (let group = 0; group < total; group++) free[group * PARTITION + 2] = 1;
  // the rates of the groups counted (NaN: none, as for a group without a resolved case)
  const onTimeRate = new Float64Array(total).fill(NaN);
  const hours = new Float64Array(total).fill(NaN);
  const ratings = RATED_GRADES.map(() => new Float64Array(total));
  return {
    sizes,
    strides,
    total,
    partition,
    free,
    onTimeRate,
    hours,
    ratings,
    count(
      group: number,
      count: number,
      resolved: number,
      rate: number | null,
      meanHours: number | null,
      rated: Record<EvaluationGrade, number>,
    ) {
      partition[group * PARTITION] = count;
      partition[group * PARTITION + 1] = resolved;
      partition[group * PARTITION + 2] = count - resolved;
      free[group * PARTITION + 2] = count - resolved === 0 ? 1 : 0;
      onTimeRate[group] = rate ?? NaN;
      hours[group] = meanHours ?? NaN;
      for (let r = 0; r < RATED_GRADES.length; r++) ratings[r][group] = rated[RATED_GRADES[r]];
    },
  };
}

/**
 * The disclosure control of a counted table (`countedTable`): each measure (cases and resolved with the open cases as
 * one partition, each rating grade) through `crossTableSuppression`, then each group built by `make` in number order
 * from its digits (counted up, no division) and its figures as shown, with the clauses saying why any is null.
 */
function controlTable<G>(
  table: ReturnType<typeof countedTable>,
  threshold: number,
  make: (
    digits: Int32Array,
    count: number | null,
    resolved: number | null,
    onTimeRate: number | null,
    averageResolutionHours: number | null,
    ratings: CaseStatisticsRatingsAnswer,
    suppressed: string | null,
  ) => G,
): G[] {
  const { sizes, total, partition, free, ratings } = table;
  const [EXCELLENT, GOOD, FAIR, POOR] = (['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const).map((grade) =>
    RATED_GRADES.indexOf(grade),
  );
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
  const width = sizes.length;
  const digits = new Int32Array(width);
  const result = new Array<G>(total);
  const graded = new Array<number | null>(RATED_GRADES.length);
  for (let group = 0; group < total; group++) {
    let clauses: string[] | null = null;
    const countVerdict = partitionVerdicts[group * PARTITION];
    const resolvedVerdict = partitionVerdicts[group * PARTITION + 1];
    const count = countVerdict === SHOWN ? partition[group * PARTITION] : null;
    if (countVerdict !== SHOWN) (clauses ??= []).push(countClause(countVerdict));
    const resolved = resolvedVerdict === SHOWN ? partition[group * PARTITION + 1] : null;
    if (resolvedVerdict !== SHOWN) (clauses ??= []).push(resolvedClause(resolvedVerdict));
    for (let r = 0; r < RATED_GRADES.length; r++) {
      const verdict = ratingVerdicts[r][group];
      graded[r] = verdict === SHOWN ? ratings[r][group] : null;
      if (verdict !== SHOWN) (clauses ??= []).push(ratingClauses[r](verdict));
    }
    // the rates: null when the resolved count they rest on is suppressed or below the threshold
    const hidden = resolved === null || resolved < threshold;
    let onTimeRate: number | null = Number.isNaN(table.onTimeRate[group]) ? null : table.onTimeRate[group];
    if (onTimeRate !== null && hidden) {
      (clauses ??= []).push(onTimeClause);
      onTimeRate = null;
    }
    let averageResolutionHours: number | null = Number.isNaN(table.hours[group]) ? null : table.hours[group];
    if (averageResolutionHours !== null && hidden) {
      (clauses ??= []).push(hoursClause);
      averageResolutionHours = null;
    }
    result[group] = make(
      digits,
      count,
      resolved,
      onTimeRate,
      averageResolutionHours,
      { excellent: graded[EXCELLENT], good: graded[GOOD], fair: graded[FAIR], poor: graded[POOR] },
      clauses ? clauses.join('；') : null,
    );
    for (let i = width - 1; i >= 0 && ++digits[i] === sizes[i]; i--) digits[i] = 0;
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
