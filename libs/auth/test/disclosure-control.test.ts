import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@shequ/errors';
import {
  BELOW_THRESHOLD,
  COMPLEMENT,
  controlCrossTable,
  crossTableGroups,
  crossTableGroupList,
  crossTableSuppression,
  SHOWN,
  controlDisclosure,
  controlledTableSize,
  controlTotal,
  crossTableStrides,
  SUPPRESSED_COMPLEMENT,
  disclosureThreshold,
  MAX_CONTROLLED_GROUPS,
} from '../src/index.js';

type Keys = [row: string, column: string];
const cell = (row: string, column: string, count: number) => ({ keys: [row, column] as Keys, count });
const table = { isProtected: () => true, lines: [(k: Keys) => k[0], (k: Keys) => k[1]], threshold: 5 };

describe('statistical disclosure control', () => {
  it('suppresses cells below the threshold, zero cells included, with a reason', () => {
    const out = controlDisclosure([cell('A', 'x', 1), cell('A', 'y', 0), cell('A', 'z', 9), cell('A', 'w', 7)], {
      ...table,
      lines: [(k: Keys) => k[0]],
    });
    expect(out.map((c) => c.count)).toEqual([null, null, 9, 7]);
    expect(out[0].suppressed).toMatch(/少于 5/);
  });

  it('never leaves one suppressed cell in a line: the smallest shown cell goes too', () => {
    // row A: 3 | 8 | 12 → 3 suppressed alone; 8 is suppressed as well so A's total does not give back the 3
    const out = controlDisclosure([cell('A', 'x', 3), cell('A', 'y', 8), cell('A', 'z', 12)], {
      ...table,
      lines: [(k: Keys) => k[0]],
    });
    expect(out.map((c) => c.count)).toEqual([null, null, 12]);
    expect(out[1].suppressed).toMatch(/反推/);
  });

  it('works along rows and columns until no line has a single suppressed cell', () => {
    const cells = [cell('A', 'x', 2), cell('A', 'y', 10), cell('B', 'x', 20), cell('B', 'y', 30)];
    const out = controlDisclosure(cells, table);
    // A·x suppressed → A·y (row) and B·x (column) follow → then B·y would be alone in row B and column y? B has
    // B·x suppressed, so B·y joins too: every line has 0 or ≥ 2 suppressed cells.
    for (const line of [0, 1]) {
      const groups = new Map<string, number>();
      out.forEach((c) => groups.set(c.keys[line], (groups.get(c.keys[line]) ?? 0) + (c.count === null ? 1 : 0)));
      for (const n of groups.values()) expect(n === 0 || n >= 2).toBe(true);
    }
    expect(out[0].count).toBeNull();
  });

  it('leaves unprotected cells alone', () => {
    const out = controlDisclosure([cell('A', 'x', 1), cell('A', 'y', 2)], { ...table, isProtected: () => false });
    expect(out.map((c) => c.count)).toEqual([1, 2]);
  });

  it('suppresses small filtered totals; the threshold comes from SHEQU_DISCLOSURE_THRESHOLD', () => {
    expect(controlTotal(4, 5)).toMatchObject({ count: null });
    expect(controlTotal(5, 5)).toEqual({ count: 5, suppressed: null });
    expect(disclosureThreshold({})).toBe(5);
    expect(disclosureThreshold({ SHEQU_DISCLOSURE_THRESHOLD: '10' })).toBe(10);
    expect(disclosureThreshold({ SHEQU_DISCLOSURE_THRESHOLD: 'x' })).toBe(5);
  });
});

describe('controlledTableSize', () => {
  it('multiplies the values of each dimension, and refuses a table past MAX_CONTROLLED_GROUPS naming groupBy', () => {
    expect(controlledTableSize([3, 7, 2])).toBe(42);
    expect(controlledTableSize([])).toBe(1);
    expect(controlledTableSize([MAX_CONTROLLED_GROUPS])).toBe(MAX_CONTROLLED_GROUPS);
    let error: unknown;
    try {
      controlledTableSize([1_000, 3, 7], '时间、范围');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'groupBy' });
    expect((error as Error).message).toBe(
      `分组过细：受统计披露控制的统计表最多 ${MAX_CONTROLLED_GROUPS} 组（本次 21000 组），请减少分组维度或缩小时间、范围`,
    );
  });
});

describe('controlCrossTable (cells numbered in mixed radix)', () => {
  it('gives exactly what controlDisclosure gives with string line keys, on a large table', () => {
    // 3,720 buildings × 2 genders (the district's floating residents by building) and 190 grids × 8 age bands × 3
    // statuses: mostly small counts, so that suppression cascades along every line
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const sizes of [
      [3_720, 2],
      [190, 8, 3],
    ]) {
      const strides = crossTableStrides(sizes);
      const size = sizes.reduce((n, s) => n * s, 1);
      const counts = Array.from({ length: size }, () => (random() < 0.2 ? 0 : Math.floor(random() * 14)));
      // the same table as key arrays, its lines as joined strings (how the services built it before)
      const cells = counts.map((count, cell) => ({
        keys: sizes.map((s, i) => `v${Math.floor(cell / strides[i]) % s}`),
        count,
      }));
      const expected = controlDisclosure(cells, {
        threshold: 5,
        isProtected: () => true,
        lines: sizes.map((_, index) => (keys: string[]) => keys.filter((_k, i) => i !== index).join('\u0000')),
      });
      const actual = controlCrossTable(sizes, counts, 5);
      expect(actual).toEqual(expected.map(({ count, suppressed }) => ({ count, suppressed })));
      expect(actual.filter((c) => c.suppressed === SUPPRESSED_COMPLEMENT).length).toBeGreaterThan(100);
      // the answer groups built straight from the verdicts: each cell's keys (the values at its digits) beside it
      const values = sizes.map((s) => Array.from({ length: s }, (_, v) => `v${v}`));
      expect(crossTableGroups(values, counts, 5)).toEqual(expected);
      expect(
        crossTableGroups(values, counts, 5, (keys, count, suppressed) => ({ key: keys.join(' '), count, suppressed })),
      ).toEqual(expected.map((g) => ({ key: g.keys.join(' '), count: g.count, suppressed: g.suppressed })));
      // the same groups made as they are read: none before the iteration reaches it, anew on each iteration
      let made = 0;
      const list = crossTableGroupList(values, counts, 5, (keys, count, suppressed) => {
        made += 1;
        return { keys, count, suppressed };
      });
      expect(Array.isArray(list)).toBe(false);
      expect(list.length).toBe(size);
      expect(made).toBe(0);
      const iterator = list[Symbol.iterator]();
      iterator.next();
      iterator.next();
      expect(made).toBe(2);
      expect([...list]).toEqual(expected);
      expect([...list]).toEqual(expected);
    }
  });

  it('leaves free cells (not protected) shown and never takes them as complements, as controlDisclosure does', () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const sizes = [190, 4, 3];
    const strides = crossTableStrides(sizes);
    const size = sizes.reduce((n, s) => n * s, 1);
    const counts = Array.from({ length: size }, () => (random() < 0.2 ? 0 : Math.floor(random() * 14)));
    const free = Uint8Array.from(counts, (count, cell) => (cell % 3 === 2 && count === 0 ? 1 : 0));
    const cells = counts.map((count, cell) => ({
      keys: { digits: sizes.map((s, i) => Math.floor(cell / strides[i]) % s), cell },
      count,
    }));
    const expected = controlDisclosure<(typeof cells)[number]['keys'], (typeof cells)[number]>(cells, {
      threshold: 5,
      isProtected: (keys) => !free[keys.cell],
      lines: sizes.map((_, index) => (keys) => keys.digits.map((d, i) => (i === index ? '*' : d)).join(',')),
    });
    const verdicts = crossTableSuppression(sizes, counts, 5, free);
    expect([...verdicts]).toEqual(
      expected.map((c) =>
        c.suppressed === null ? SHOWN : c.suppressed === SUPPRESSED_COMPLEMENT ? COMPLEMENT : BELOW_THRESHOLD,
      ),
    );
    expect(expected.filter((c, cell) => free[cell] && c.suppressed === null).length).toBeGreaterThan(100);
    expect(verdicts.filter((v) => v === COMPLEMENT).length).toBeGreaterThan(50);
  });

  it('numbers cells with the last dimension fastest', () => {
    expect(crossTableStrides([4, 3, 2])).toEqual([6, 2, 1]);
    expect(crossTableStrides([])).toEqual([]);
  });
});
