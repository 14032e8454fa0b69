import { describe, expect, it } from 'vitest';
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
    expect(assistance[0].ratings.POOR).toBeNull();
    expect(assistance[0].suppressed).toContain('人数少于 5');
    // the grid totals (another query) minus the shown cells of a grid never give a suppressed cell
    for (const measure of ['count', 'resolved'] as const)
      for (const grid of ['g1', 'g2'])
        expect(shown.filter((g) => g.key.GRID === grid && g[measure] === null).length).not.toBe(1);
    for (const grid of ['g1', 'g2'])
      expect(shown.filter((g) => g.key.GRID === grid && g.ratings.POOR === null).length).not.toBe(1);
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
    expect(assistance.ratings.POOR).toBeNull();
    expect(assistance.suppressed).toContain('评议“差”');
    for (const grid of ['g1', 'g2'])
      expect(shown.filter((g) => g.key.GRID === grid && g.ratings.POOR === null).length).not.toBe(1);
  });

  it('gives a caller who may read cases the exact figures', () => {
    expect(controlCaseStatistics(groups, valuesOf(groups, ['GRID', 'CATEGORY']), ['GRID', 'CATEGORY'], false)).toEqual(
      groups.map((g) => ({ ...g, suppressed: null })),
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
