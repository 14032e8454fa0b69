import { describe, expect, it } from 'vitest';
import { controlDisclosure } from '@shequ/auth';
import { MAX_CONTROLLED_GROUPS, controlCaseStatistics } from '../src/application/case-statistics-disclosure.js';
import type { StatisticsGroup } from '../src/domain/statistics.js';
import type { CaseStatisticsDimension } from '../src/domain/vocabularies.js';

function group(gridId: string, category: string, count: number, resolved: number, poor = 0): StatisticsGroup {
  return {
    key: { GRID: gridId, CATEGORY: category },
    count,
    resolved,
    onTimeRate: resolved ? 1 : null,
    averageResolutionHours: resolved ? 10 : null,
    ratings: { EXCELLENT: resolved - poor, GOOD: 0, FAIR: 0, POOR: poor },
  };
}

/** Each dimension's values as the groups have them (the values listed, here those counted). */
const valuesOf = (groups: StatisticsGroup[], dimensions: CaseStatisticsDimension[]) =>
  dimensions.map((d) => [...new Set(groups.map((g) => g.key[d] ?? null))]);

describe('caseStatistics disclosure control', () => {
  const groups = [
    group('g1', 'SANITATION', 30, 30),
    group('g1', 'ASSISTANCE_APPLICATION', 1, 1, 1),
    group('g1', 'HOUSING_REPAIR', 20, 12),
    group('g2', 'SANITATION', 40, 40),
    group('g2', 'HOUSING_REPAIR', 25, 20),
  ];

  it('suppresses small groups, lists zero cells and leaves no line with one suppressed cell, for a caller who may not read cases', () => {
    const shown = controlCaseStatistics(groups, valuesOf(groups, ['GRID', 'CATEGORY']), ['GRID', 'CATEGORY'], true);
    // g2 × 救助申请 (0 cases) is listed too, so the listed groups tell nothing
    expect(shown).toHaveLength(6);
    const assistance = shown.filter((g) => g.key.CATEGORY === 'ASSISTANCE_APPLICATION');
    expect(assistance.map((g) => g.count)).toEqual([null, null]);
    expect(assistance[0]).toMatchObject({ resolved: null, onTimeRate: null, averageResolutionHours: null });
    expect(assistance[0].ratings.poor).toBeNull();
    expect(assistance[0].suppressed).toContain('人数少于 5');
    // the grid totals (another query) minus the shown cells of a grid never give a suppressed cell
    for (const measure of ['count', 'resolved'] as const)
      for (const grid of ['g1', 'g2'])
        expect(shown.filter((g) => g.key.GRID === grid && g[measure] === null).length).not.toBe(1);
    for (const grid of ['g1', 'g2'])
      expect(shown.filter((g) => g.key.GRID === grid && g.ratings.poor === null).length).not.toBe(1);
    expect(shown.some((g) => g.suppressed?.includes('为防止由合计反推'))).toBe(true);
    expect(shown.find((g) => g.key.GRID === 'g2' && g.key.CATEGORY === 'SANITATION')).toMatchObject({
      count: 40,
      resolved: 40,
      onTimeRate: 1,
    });
  });

  it('never lets count − resolved tell 1 to 4 open cases: the open cases are a cell of the table too', () => {
    // before, g3 showed 12 cases and 10 resolved: 2 open cases in one grid
    const byGrid = (gridId: string, count: number, resolved: number) => ({
      ...group(gridId, 'ALL', count, resolved),
      key: { GRID: gridId },
    });
    const withOpen = [byGrid('g1', 30, 30), byGrid('g2', 40, 40), byGrid('g3', 12, 10)];
    const shown = controlCaseStatistics(withOpen, valuesOf(withOpen, ['GRID']), ['GRID'], true);
    for (const g of shown)
      if (g.count !== null && g.resolved !== null) {
        const open = g.count - g.resolved;
        expect(open === 0 || open >= 5, JSON.stringify(g.key)).toBe(true);
      }
    const repairs = shown.find((g) => g.key.GRID === 'g3')!;
    expect(repairs).toMatchObject({ resolved: null, onTimeRate: null });
    expect(repairs.suppressed).toContain('已办结数');
    // nor from the grids' open cases and their total (another query): no line of open cells has exactly one
    // suppressed (an open cell is known when count and resolved both are shown)
    const openOf = (g: (typeof shown)[number]) =>
      g.count !== null && g.resolved !== null ? g.count - g.resolved : null;
    expect(shown.map(openOf).filter((v) => v === null).length).not.toBe(1);
    // all resolved (none open) says nothing of anyone: 40 of 40 stays shown
    expect(shown.find((g) => g.key.GRID === 'g2')).toMatchObject({ count: 40, resolved: 40 });
  });

  it('controls the ratings alone for a caller who reads cases but not evaluations (cases:appraisal)', () => {
    const shown = controlCaseStatistics(
      groups,
      valuesOf(groups, ['GRID', 'CATEGORY']),
      ['GRID', 'CATEGORY'],
      false,
      true,
    );
    expect(shown).toHaveLength(groups.length);
    expect(shown.map((g) => g.count)).toEqual(groups.map((g) => g.count));
    const assistance = shown.find((g) => g.key.CATEGORY === 'ASSISTANCE_APPLICATION')!;
    expect(assistance.ratings.poor).toBeNull();
    expect(assistance.suppressed).toContain('评议“差”');
    for (const grid of ['g1', 'g2'])
      expect(shown.filter((g) => g.key.GRID === grid && g.ratings.poor === null).length).not.toBe(1);
  });

  it('gives a caller who may read cases the exact figures', () => {
    expect(controlCaseStatistics(groups, valuesOf(groups, ['GRID', 'CATEGORY']), ['GRID', 'CATEGORY'], false)).toEqual(
      groups.map((g) => ({
        key: g.key,
        keys: [],
        category: g.key.CATEGORY,
        channel: null,
        status: null,
        gridId: g.key.GRID,
        department: null,
        month: null,
        count: g.count,
        resolved: g.resolved,
        onTimeRate: g.onTimeRate,
        averageResolutionHours: g.averageResolutionHours,
        ratings: { excellent: g.ratings.EXCELLENT, good: g.ratings.GOOD, fair: g.ratings.FAIR, poor: g.ratings.POOR },
        suppressed: null,
      })),
    );
  });

  it('refuses, naming groupBy, a controlled table of more groups than it may list (every combination is listed)', () => {
    // 200 grids × 11 categories × 12 months = 26,400 combinations from 300 counted groups
    const many: StatisticsGroup[] = [];
    for (let i = 0; i < 300; i++)
      many.push({
        ...group(`grid-${i % 200}`, `C${i % 11}`, 3, 1),
        key: {
          GRID: `grid-${i % 200}`,
          CATEGORY: `C${i % 11}`,
          MONTH: `2026-${String((i % 12) + 1).padStart(2, '0')}`,
        },
      });
    expect(() =>
      controlCaseStatistics(many, valuesOf(many, ['GRID', 'CATEGORY', 'MONTH']), ['GRID', 'CATEGORY', 'MONTH'], true),
    ).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'groupBy' }));
    // the same groups by grid × category (2,200 combinations) are listed, each line with none or several suppressed
    const listed = controlCaseStatistics(many, valuesOf(many, ['GRID', 'CATEGORY']), ['GRID', 'CATEGORY'], true);
    expect(listed).toHaveLength(2_200);
    expect(2_200).toBeLessThan(MAX_CONTROLLED_GROUPS);
    expect(listed.every((g) => g.count === null)).toBe(true);
    // a caller who may read cases gets the counted groups, however many
    expect(
      controlCaseStatistics(many, valuesOf(many, ['GRID', 'CATEGORY', 'MONTH']), ['GRID', 'CATEGORY', 'MONTH'], false),
    ).toHaveLength(300);
  });
});

describe('caseStatistics disclosure control as typed cross tables', () => {
  /**
   * The control as it was built before (one generic `controlDisclosure` over a cell per group and measure, string
   * line keys): the typed cross tables must suppress exactly the same cells for the same reasons.
   */
  function reference(
    groups: StatisticsGroup[],
    values: Array<Array<string | null>>,
    dimensions: CaseStatisticsDimension[],
  ) {
    const strides = dimensions.map((_, i) => values.slice(i + 1).reduce((n, v) => n * v.length, 1));
    const total = values.reduce((n, v) => n * v.length, 1);
    const numberOf = (key: StatisticsGroup['key']) =>
      dimensions.reduce((n, d, i) => n + values[i].indexOf(key[d] ?? null) * strides[i], 0);
    const counted = new Map(groups.map((g) => [numberOf(g.key), g]));
    const measures = ['count', 'resolved', 'open', 'EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const;
    const valueOf = (g: StatisticsGroup | undefined, m: (typeof measures)[number]) =>
      !g ? 0 : m === 'open' ? g.count - g.resolved : m === 'count' || m === 'resolved' ? g[m] : g.ratings[m];
    type Keys = { group: number; measure: number; free: boolean };
    const cells: Array<{ keys: Keys; count: number }> = [];
    for (let group = 0; group < total; group++)
      measures.forEach((m, measure) =>
        cells.push({
          keys: { group, measure, free: m === 'open' && valueOf(counted.get(group), m) === 0 },
          count: valueOf(counted.get(group), m),
        }),
      );
    return controlDisclosure<Keys, (typeof cells)[number]>(cells, {
      threshold: 5,
      isProtected: (keys) => !keys.free,
      lines: [
        ...dimensions.map((_, i) => (keys: Keys) => {
          const digit = Math.floor(keys.group / strides[i]) % values[i].length;
          return `${keys.measure}:${keys.group - digit * strides[i]}`;
        }),
        (keys: Keys) => (keys.measure < 3 ? `p:${keys.group}` : `s:${keys.group}:${keys.measure}`),
      ],
    });
  }

  it('suppresses exactly the cells the generic control suppressed, with its reasons, on large random tables', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const small = () => (random() < 0.3 ? 0 : Math.floor(random() * 12));
    for (const sizes of [[190], [190, 12], [20, 3, 6], [1]]) {
      const dimensions = (['GRID', 'MONTH', 'STATUS'] as CaseStatisticsDimension[]).slice(0, sizes.length);
      const values = sizes.map((size, i) => Array.from({ length: size }, (_, v) => `${i}-${v}`));
      const groups: StatisticsGroup[] = [];
      const total = sizes.reduce((n, s) => n * s, 1);
      const strides = sizes.map((_, i) => sizes.slice(i + 1).reduce((n, s) => n * s, 1));
      for (let g = 0; g < total; g++) {
        if (random() < 0.25) continue; // a combination nobody is counted in
        const count = small() + (random() < 0.3 ? 10 : 0);
        const resolved = Math.min(count, random() < 0.4 ? count : Math.floor(random() * (count + 1)));
        const ratings = { EXCELLENT: small(), GOOD: small(), FAIR: Math.floor(small() / 3), POOR: 0 };
        groups.push({
          key: Object.fromEntries(dimensions.map((d, i) => [d, values[i][Math.floor(g / strides[i]) % sizes[i]]])),
          count,
          resolved,
          onTimeRate: resolved ? 0.5 : null,
          averageResolutionHours: resolved ? 12 : null,
          ratings,
        });
      }
      const expected = reference(groups, values, dimensions);
      const actual = controlCaseStatistics(groups, values, dimensions, true);
      expect(actual).toHaveLength(total);
      const measures = ['count', 'resolved', null, 'EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const;
      actual.forEach((group, g) =>
        measures.forEach((measure, m) => {
          if (!measure) return;
          const cell = expected[g * measures.length + m];
          const shown =
            measure === 'count' || measure === 'resolved'
              ? group[measure]
              : group.ratings[measure.toLowerCase() as Lowercase<typeof measure>];
          expect(shown, `group ${g} ${measure}`).toBe(cell.count);
          if (cell.suppressed) expect(group.suppressed).toContain(cell.suppressed);
        }),
      );
      if (total > 1) expect(expected.filter((c) => c.suppressed?.startsWith('为防止')).length).toBeGreaterThan(0);
    }
  });
});
