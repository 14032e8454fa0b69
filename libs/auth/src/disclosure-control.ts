import { InvalidInputError } from '@shequ/errors';

/**
 * Statistical disclosure control for counts over protected attributes (care categories, sensitive tags, party
 * data) shown to callers who may not see those attributes person by person.
 *
 * - Primary suppression: a cell below the threshold (default 5, `SHEQU_DISCLOSURE_THRESHOLD`) is `null` with a
 *   reason — zero cells too, where the table lists them, so that `null` means "0 to threshold − 1", never
 *   "somebody is there".
 * - Secondary suppression: along every line of the table (the cells that share all keys but one, whose total
 *   another query can give), a line never has exactly one suppressed cell: the smallest shown cell of such a line
 *   is suppressed as well, repeated until no line has one. A suppressed cell then cannot be recovered by
 *   subtracting the shown cells from a total.
 * - Filtered totals below the threshold are `null` too.
 */
export const DEFAULT_DISCLOSURE_THRESHOLD = 5;

export const SUPPRESSED_SMALL = (threshold: number) => `人数少于 ${threshold}，为防识别个人已抑制`;
export const SUPPRESSED_COMPLEMENT = '为防止由合计反推其他被抑制的格，已抑制';

/** The threshold in force: `SHEQU_DISCLOSURE_THRESHOLD` (an integer ≥ 1), else 5. */
export function disclosureThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SHEQU_DISCLOSURE_THRESHOLD);
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_DISCLOSURE_THRESHOLD;
}

export interface ControlledCount {
  /** The count, or null when suppressed. */
  count: number | null;
  /** Why the count is null (Chinese), or null when shown. */
  suppressed: string | null;
}

export interface DisclosureTable<K> {
  /** Whether a cell counts a protected attribute for this caller (unprotected cells pass through as they are). */
  isProtected: (keys: K) => boolean;
  /**
   * One function per line direction: cells with the same line key form a line whose total may be known from
   * elsewhere (for a cross table of n dimensions: for each dimension, the values of the other n − 1). A number is
   * as good a line key as a string and costs nothing to build (`controlCrossTable` numbers its cells).
   */
  lines: Array<(keys: K) => string | number>;
  threshold?: number;
}

/** Applies primary and secondary suppression to the cells of one table; the order of cells is kept. */
export function controlDisclosure<K, C extends { keys: K; count: number }>(
  cells: readonly C[],
  table: DisclosureTable<K>,
): Array<Omit<C, 'count'> & ControlledCount> {
  const threshold = table.threshold ?? disclosureThreshold();
  const reasons: Array<string | null> = cells.map((cell) =>
    table.isProtected(cell.keys) && cell.count < threshold ? SUPPRESSED_SMALL(threshold) : null,
  );
  // The lines are built once (they do not change while cells are suppressed), then only the lines that have just
  // come to hold exactly one suppressed cell are looked at again: each suppression is counted once per line of its
  // cell, so the work grows with the cells, not with the cells times the rounds of the cascade.
  const lines: number[][] = [];
  const linesOfCell: number[][] = cells.map(() => []);
  for (const lineOf of table.lines) {
    const byKey = new Map<string | number, number>();
    cells.forEach((cell, index) => {
      const key = lineOf(cell.keys);
      let line = byKey.get(key);
      if (line === undefined) {
        line = lines.push([]) - 1;
        byKey.set(key, line);
      }
      lines[line].push(index);
      linesOfCell[index].push(line);
    });
  }
  const suppressedIn = lines.map((members) => members.filter((i) => reasons[i] !== null).length);
  const due = lines.map((_, line) => line).filter((line) => suppressedIn[line] === 1);
  for (let next = 0; next < due.length; next++) {
    const members = lines[due[next]];
    if (suppressedIn[due[next]] !== 1) continue;
    let smallest = -1;
    for (const i of members)
      if (
        reasons[i] === null &&
        table.isProtected(cells[i].keys) &&
        (smallest < 0 || cells[i].count < cells[smallest].count)
      )
        smallest = i;
    if (smallest < 0) continue;
    reasons[smallest] = SUPPRESSED_COMPLEMENT;
    for (const line of linesOfCell[smallest]) if (++suppressedIn[line] === 1) due.push(line);
  }
  return cells.map((cell, index) => ({
    ...cell,
    count: reasons[index] === null ? cell.count : null,
    suppressed: reasons[index],
  }));
}

/**
 * Disclosure control of a whole cross table numbered in mixed radix: exactly what `controlDisclosure` gives with every
 * cell protected and a line along every dimension (same cells suppressed, same reasons), without a key object, a line
 * key or a member list per cell. `sizes[i]` values in dimension i; cell number `c = Σ digit_i × stride_i` (the last
 * dimension varies fastest, `crossTableStrides`); `counts[c]` its count (0 for a combination nobody is counted in).
 * The line of cell c along dimension i is numbered by c with digit i set to 0, its cells are that number plus
 * k × stride_i: the lines are arithmetic, so the whole control is a few typed arrays. The result is per cell number.
 */
export function controlCrossTable(
  sizes: readonly number[],
  counts: ArrayLike<number>,
  threshold = disclosureThreshold(),
): ControlledCount[] {
  const reason = crossTableSuppression(sizes, counts, threshold);
  const small = SUPPRESSED_SMALL(threshold);
  const result = new Array<ControlledCount>(reason.length);
  for (let cell = 0; cell < reason.length; cell++)
    result[cell] =
      reason[cell] === SHOWN
        ? { count: counts[cell], suppressed: null }
        : { count: null, suppressed: reason[cell] === BELOW_THRESHOLD ? small : SUPPRESSED_COMPLEMENT };
  return result;
}

/** `crossTableSuppression`'s verdicts: shown, below the threshold, suppressed as a complement. */
export const SHOWN = 0;
export const BELOW_THRESHOLD = 1;
export const COMPLEMENT = 2;

/**
 * `controlCrossTable`'s verdict per cell number as a typed array (`SHOWN`, `BELOW_THRESHOLD`, `COMPLEMENT`), for
 * tables of several measures that build their own result. `free[c]` non-zero marks a cell that is not protected
 * (`controlDisclosure`'s `isProtected` false): never suppressed, neither for its count nor as a complement, though
 * it stays a member of its lines.
 */
export function crossTableSuppression(
  sizes: readonly number[],
  counts: ArrayLike<number>,
  threshold = disclosureThreshold(),
  free?: ArrayLike<number>,
): Uint8Array {
  const cells = counts.length;
  const strides = crossTableStrides(sizes);
  const dimensions = sizes.length;
  const baseOf = (cell: number, d: number) => cell - (Math.floor(cell / strides[d]) % sizes[d]) * strides[d];
  const reason = new Uint8Array(cells);
  // suppressed cells per line; line (d, base) at d × cells + base
  const suppressedIn = new Int32Array(dimensions * cells);
  for (let cell = 0; cell < cells; cell++)
    if (counts[cell] < threshold && !free?.[cell]) {
      reason[cell] = BELOW_THRESHOLD;
      for (let d = 0; d < dimensions; d++) suppressedIn[d * cells + baseOf(cell, d)]++;
    }
  // in controlDisclosure's order of lines: dimension by dimension, each line where its first cell comes
  const due: number[] = [];
  for (let d = 0; d < dimensions; d++)
    for (let cell = 0; cell < cells; cell++)
      if (baseOf(cell, d) === cell && suppressedIn[d * cells + cell] === 1) due.push(d * cells + cell);
  for (let next = 0; next < due.length; next++) {
    const line = due[next];
    if (suppressedIn[line] !== 1) continue;
    const d = Math.floor(line / cells);
    const base = line - d * cells;
    let smallest = -1;
    for (let k = 0, cell = base; k < sizes[d]; k++, cell += strides[d])
      if (reason[cell] === SHOWN && !free?.[cell] && (smallest < 0 || counts[cell] < counts[smallest])) smallest = cell;
    if (smallest < 0) continue;
    reason[smallest] = COMPLEMENT;
    for (let e = 0; e < dimensions; e++) {
      const other = e * cells + baseOf(smallest, e);
      if (++suppressedIn[other] === 1) due.push(other);
    }
  }
  return reason;
}

/**
 * The answer groups of a cross table controlled as a whole (`crossTableSuppression`), built straight from the
 * verdicts: cell c's keys are each dimension's value at its digit (`values[i][digit_i]`, the keys shared, never
 * copied), its count or null with the reason. `make` builds each group (default: `{ keys, count, suppressed }`), so
 * a service adds what its answer type needs without a second object per cell. The same groups, in cell order, as
 * `controlCrossTable` with the keys beside each figure.
 */
export function crossTableGroups<K, G = { keys: K[] } & ControlledCount>(
  values: readonly (readonly K[])[],
  counts: ArrayLike<number>,
  threshold = disclosureThreshold(),
  make?: (keys: K[], count: number | null, suppressed: string | null) => G,
): G[] {
  return Array.from(crossTableGroupList(values, counts, threshold, make));
}

/**
 * `crossTableGroups` as a list made as it is read: the verdicts are worked out at once, but each group is built only
 * when the iteration reaches it. An answer copied or printed group by group (a subgraph's plain path, graphql-js,
 * both take any iterable for a list) then never holds every group at once — a district's party table is 11,000–
 * 14,000 groups, which as an array lived through the whole answer and were promoted by the garbage collector with
 * it. Each iteration builds its groups anew; `length` is the number of groups.
 */
export function crossTableGroupList<K, G = { keys: K[] } & ControlledCount>(
  values: readonly (readonly K[])[],
  counts: ArrayLike<number>,
  threshold = disclosureThreshold(),
  make: (keys: K[], count: number | null, suppressed: string | null) => G = (keys, count, suppressed) =>
    ({ keys, count, suppressed }) as G,
): Iterable<G> & { readonly length: number } {
  const sizes = values.map((column) => column.length);
  const reasons = crossTableSuppression(sizes, counts, threshold);
  const small = SUPPRESSED_SMALL(threshold);
  const width = values.length;
  return {
    length: reasons.length,
    *[Symbol.iterator]() {
      // the digits counted up as the cells go (the last dimension fastest): no division per key
      const digits = new Int32Array(width);
      for (let cell = 0; cell < reasons.length; cell++) {
        const keys = new Array<K>(width);
        for (let i = 0; i < width; i++) keys[i] = values[i][digits[i]];
        const reason = reasons[cell];
        yield reason === SHOWN
          ? make(keys, counts[cell], null)
          : make(keys, null, reason === BELOW_THRESHOLD ? small : SUPPRESSED_COMPLEMENT);
        for (let i = width - 1; i >= 0 && ++digits[i] === sizes[i]; i--) digits[i] = 0;
      }
    },
  };
}

/** The place value of each dimension's digit in a cross table's cell number (the last dimension's is 1). */
export function crossTableStrides(sizes: readonly number[]): number[] {
  const strides = new Array<number>(sizes.length);
  for (let i = sizes.length - 1, stride = 1; i >= 0; stride *= sizes[i], i--) strides[i] = stride;
  return strides;
}

/** A filtered total over a protected attribute: null below the threshold. */
export function controlTotal(total: number, threshold = disclosureThreshold()): ControlledCount {
  return total < threshold
    ? { count: null, suppressed: SUPPRESSED_SMALL(threshold) }
    : { count: total, suppressed: null };
}

/**
 * The most groups a table controlled as a whole may list. Such a table lists every combination of the values each
 * dimension can take in the caller's scope (zero cells too, so that a group's presence tells nothing), and those
 * values come from the vocabularies and the place registry, never from a count of the rows: a district's buildings ×
 * genders × age bands would be hundreds of thousands of groups.
 */
export const MAX_CONTROLLED_GROUPS = 20_000;

/**
 * The number of groups of a table controlled as a whole, given how many values each dimension lists; past
 * `MAX_CONTROLLED_GROUPS` an `InvalidInputError` on `groupBy` in Chinese, which ends with what to narrow
 * (`narrow`, e.g. «范围» or «时间、范围»).
 */
export function controlledTableSize(valuesPerDimension: readonly number[], narrow = '范围'): number {
  const size = valuesPerDimension.reduce((n, v) => n * v, 1);
  if (size > MAX_CONTROLLED_GROUPS)
    throw new InvalidInputError(
      'groupBy',
      `分组过细：受统计披露控制的统计表最多 ${MAX_CONTROLLED_GROUPS} 组（本次 ${size} 组），请减少分组维度或缩小${narrow}`,
    );
  return size;
}
