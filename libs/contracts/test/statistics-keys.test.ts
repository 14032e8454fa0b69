import { describe, expect, it, vi } from 'vitest';
import {
  compareStatisticsValues,
  declaredOrder,
  Genders,
  monthStatisticsKey,
  namedStatisticsKey,
  sortStatisticsGroups,
  unknownStatisticsKey,
  vocabulary,
  vocabularyStatisticsKey,
  type StatisticsKey,
} from '../src/index.js';

const Bands = vocabulary({ AGE_0_6: '0–6 岁', AGE_7_17: '7–17 岁', AGE_18_34: '18–34 岁', AGE_80_PLUS: '80 岁及以上' });
type Dimension = 'BAND' | 'GRID' | 'MONTH' | 'GENDER' | 'CARE';
const orders = {
  BAND: declaredOrder(Bands),
  GRID: 'collated',
  MONTH: 'chronological',
  GENDER: declaredOrder(Genders),
  CARE: { codes: ['LOW_INCOME', 'DISABILITY'], after: ['NONE'] },
} as const;
const group = (...keys: Array<StatisticsKey<Dimension>>) => ({ keys });
const labels = (groups: Array<{ keys: Array<StatisticsKey<Dimension>> }>) =>
  groups.map((g) => g.keys.map((k) => k.label).join(' / '));

describe('statistics keys and their natural order (shared by every service)', () => {
  it('labels codes, months and named records; anything unknown is UNKNOWN 未知', () => {
    expect(vocabularyStatisticsKey('GENDER', Genders, 'FEMALE')).toEqual({
      dimension: 'GENDER',
      value: 'FEMALE',
      label: '女',
    });
    expect(vocabularyStatisticsKey('GENDER', Genders, 'X')).toEqual(unknownStatisticsKey('GENDER'));
    expect(vocabularyStatisticsKey('GENDER', Genders, null)).toEqual({
      dimension: 'GENDER',
      value: 'UNKNOWN',
      label: '未知',
    });
    expect(monthStatisticsKey('MONTH', '2026-03')).toEqual({
      dimension: 'MONTH',
      value: '2026-03',
      label: '2026年3月',
    });
    expect(monthStatisticsKey('MONTH', '2026-11').label).toBe('2026年11月');
    expect(monthStatisticsKey('MONTH', '').value).toBe('UNKNOWN');
    expect(namedStatisticsKey('GRID', 'g1', '第一网格')).toEqual({ dimension: 'GRID', value: 'g1', label: '第一网格' });
    expect(namedStatisticsKey('GRID', 'g1', null).label).toBe('g1');
    expect(namedStatisticsKey('GRID', null, '第一网格').value).toBe('UNKNOWN');
  });

  it('puts bands in their declared order (youngest first), not in the order of their labels', () => {
    const bands = (['AGE_80_PLUS', 'AGE_7_17', 'AGE_18_34', 'AGE_0_6'] as const).map((code) =>
      group(vocabularyStatisticsKey('BAND', Bands, code)),
    );
    expect(labels(sortStatisticsGroups([...bands, group(unknownStatisticsKey('BAND'))], orders))).toEqual([
      '0–6 岁',
      '7–17 岁',
      '18–34 岁',
      '80 岁及以上',
      '未知',
    ]);
  });

  it('puts months chronologically, names by Chinese collation (numbers by value), extra codes after declared ones', () => {
    const months = ['2026-11', '2025-12', '2026-02'].map((m) => group(monthStatisticsKey('MONTH', m)));
    expect(labels(sortStatisticsGroups(months, orders))).toEqual(['2025年12月', '2026年2月', '2026年11月']);
    const grids = [
      ['g3', '10号楼'],
      ['g4', '2号楼'],
      ['g1', '香秀网格'],
      ['g2', '安居网格'],
    ].map(([id, name]) => group(namedStatisticsKey('GRID', id, name)));
    expect(labels(sortStatisticsGroups([group(unknownStatisticsKey('GRID')), ...grids], orders))).toEqual([
      '2号楼',
      '10号楼',
      '安居网格',
      '香秀网格',
      '未知',
    ]);
    const care = ['NONE', 'DISABILITY', 'LOW_INCOME'].map((value) => group({ dimension: 'CARE', value, label: value }));
    expect(sortStatisticsGroups(care, orders).map((g) => g.keys[0].value)).toEqual([
      'LOW_INCOME',
      'DISABILITY',
      'NONE',
    ]);
  });

  it('orders by the first key, then the next, whatever the dimensions', () => {
    const cell = (band: string, gender: string) =>
      group(vocabularyStatisticsKey('BAND', Bands, band), vocabularyStatisticsKey('GENDER', Genders, gender));
    const sorted = sortStatisticsGroups(
      [cell('AGE_18_34', 'FEMALE'), cell('AGE_0_6', 'FEMALE'), cell('AGE_18_34', 'MALE'), cell('AGE_0_6', 'MALE')],
      orders,
    );
    expect(labels(sorted)).toEqual(['0–6 岁 / 男', '0–6 岁 / 女', '18–34 岁 / 男', '18–34 岁 / 女']);
  });

  it('orders a large table as comparing the groups key by key does (each value ranked once)', () => {
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const grids = Array.from({ length: 60 }, (_, i) =>
      i === 0
        ? unknownStatisticsKey('GRID')
        : namedStatisticsKey('GRID', `g${i}`, `${['莲秀', '嘉禾', '湖里'][i % 3]}第${i % 17}网格`),
    );
    const months = ['2025-11', '2026-01', '2026-10', null].map((m) => monthStatisticsKey('MONTH', m));
    const care = ['DISABILITY', 'NONE', 'LOW_INCOME', 'OTHER'].map((c) => ({
      dimension: 'CARE' as const,
      value: c,
      label: c,
    }));
    const groups = Array.from({ length: 3000 }, () =>
      group(
        grids[Math.floor(random() * grids.length)],
        months[Math.floor(random() * months.length)],
        care[Math.floor(random() * care.length)],
      ),
    );
    const pairwise = [...groups].sort((a, b) => {
      for (let i = 0; i < a.keys.length; i++) {
        const compared = compareStatisticsValues(orders[a.keys[i].dimension], a.keys[i], b.keys[i]);
        if (compared !== 0) return compared;
      }
      return 0;
    });
    expect(sortStatisticsGroups(groups, orders)).toEqual(pairwise);
  });

  it('ranks each position’s values once: the same order as comparing the keys pair by pair, equal names by id', () => {
    // a district's branches × genders × months: many groups, few values per dimension, names that repeat
    const names = ['十号楼', '2号楼', '10号楼', '莲花', '安居', '安居', '未登记'];
    const grid = (id: number) => namedStatisticsKey('GRID', `g${id}`, names[id % names.length]);
    let seed = 7;
    const next = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
    const groups = Array.from({ length: 3_000 }, () =>
      group(
        next(9) === 0 ? unknownStatisticsKey('GRID') : grid(next(20)),
        vocabularyStatisticsKey('GENDER', Genders, ['MALE', 'FEMALE', ''][next(3)]),
        monthStatisticsKey('MONTH', `2026-${String(1 + next(12)).padStart(2, '0')}`),
      ),
    );
    const pairwise = [...groups].sort((a, b) => {
      for (let i = 0; i < 3; i++) {
        const compared = compareStatisticsValues(orders[a.keys[i].dimension], a.keys[i], b.keys[i]);
        if (compared !== 0) return compared;
      }
      return 0;
    });
    const sorted = sortStatisticsGroups(groups, orders);
    expect(sorted.map((g) => g.keys.map((k) => k.value))).toEqual(pairwise.map((g) => g.keys.map((k) => k.value)));
  });

  it('sorts a large cross table by ranks: each building collated against a few others, not at every step', () => {
    // 1,000 buildings × gender × residence type, shuffled (deterministically)
    const buildings = Array.from({ length: 1_000 }, (_, i) =>
      namedStatisticsKey('GRID', `b${i}`, `${['香秀', '安居', '莲秀'][i % 3]}${(i * 7919) % 1_000}号楼`),
    );
    const cells = buildings.flatMap((building) =>
      ['MALE', 'FEMALE'].flatMap((gender) =>
        ['REGISTERED', 'FLOATING'].map((type) =>
          group(building, vocabularyStatisticsKey('GENDER', Genders, gender), {
            dimension: 'CARE',
            value: type,
            label: type,
          }),
        ),
      ),
    );
    let seed = 42;
    const shuffled = [...cells];
    for (let i = shuffled.length - 1; i > 0; i--) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const j = seed % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const expected = [...shuffled].sort((a, b) => {
      for (let i = 0; i < a.keys.length; i++) {
        const compared = compareStatisticsValues(orders[a.keys[i].dimension], a.keys[i], b.keys[i]);
        if (compared !== 0) return compared;
      }
      return 0;
    });
    const collations = vi.spyOn(Intl.Collator.prototype, 'compare', 'get');
    try {
      const sorted = sortStatisticsGroups(shuffled, orders);
      expect(sorted).toEqual(expected);
      // ~1,000 × log2(1,000) to order the buildings once; comparing groups at each step of the sort took ~38,000
      expect(collations.mock.calls.length).toBeLessThan(15_000);
      collations.mockClear();
      // already in order (a controlled table listed in it): one pass, a collation where the building changes
      expect(sortStatisticsGroups(sorted, orders)).toEqual(expected);
      expect(collations.mock.calls.length).toBeLessThanOrEqual(1_000);
    } finally {
      collations.mockRestore();
    }
  });
});
