import { describe, expect, it } from 'vitest';
import { controlDisclosure, MAX_CONTROLLED_GROUPS } from '@shequ/auth';
import { InvalidInputError } from '@shequ/errors';
import { controlPartyStatistics } from '../src/application/statistics.js';
import { orderPartyStatistics, partyStatisticsKey, type PartyStatisticsGroup } from '../src/domain/party-statistics.js';

const group = (branch: string, stage: string, count: number): PartyStatisticsGroup => ({
  keys: [partyStatisticsKey('ORGANIZATION', branch, `${branch}党支部`), partyStatisticsKey('STAGE', stage)],
  count,
});
const cells = (table: ReturnType<typeof controlPartyStatistics>) =>
  table.map((g) => [...g.keys.map((k) => k.value), g.count, g.suppressed]);

describe('party statistics under disclosure control', () => {
  // 甲 has one small cell (2) and two shown cells of the same size: which one secondary suppression takes must not
  // depend on the order the database returned the groups in (two answers of the same table suppressing different
  // cells would give away the cells each one hides)
  const groups = [
    group('甲', 'APPLICANT', 2),
    group('甲', 'ACTIVIST', 10),
    group('甲', 'FULL_MEMBER', 10),
    group('乙', 'APPLICANT', 10),
    group('乙', 'ACTIVIST', 10),
    group('乙', 'FULL_MEMBER', 10),
    group('丙', 'APPLICANT', 12),
    group('丙', 'ACTIVIST', 11),
    group('丙', 'FULL_MEMBER', 10),
  ];

  it('suppresses the same cells whatever the order of the groups counted, listed in the natural order', () => {
    const expected = controlPartyStatistics(groups, true);
    const orders = [
      [...groups].reverse(),
      [...groups.slice(4), ...groups.slice(0, 4)],
      [2, 1, 0, 5, 4, 3, 8, 7, 6].map((i) => groups[i]),
    ];
    for (const order of orders) expect(cells(controlPartyStatistics(order, true))).toEqual(cells(expected));
    expect(cells(expected)).toEqual(cells(orderPartyStatistics(expected)));
    expect(expected.filter((g) => g.count === null).length).toBeGreaterThanOrEqual(4);
  });

  it('is the general rule (controlDisclosure, a line along every dimension) over every combination, zero cells too', () => {
    const withZero = groups.filter((g) => !(g.keys[0].value === '丙' && g.keys[1].value === 'FULL_MEMBER'));
    const controlled = controlPartyStatistics(withZero, true);
    const combos = orderPartyStatistics(
      ['甲', '乙', '丙'].flatMap((b) =>
        ['APPLICANT', 'ACTIVIST', 'FULL_MEMBER'].map(
          (s) => withZero.find((g) => g.keys[0].value === b && g.keys[1].value === s) ?? group(b, s, 0),
        ),
      ),
    );
    const general = controlDisclosure<(typeof combos)[number]['keys'], (typeof combos)[number]>(combos, {
      isProtected: () => true,
      lines: [(keys) => keys[1].value, (keys) => keys[0].value],
    });
    expect(cells(controlled)).toEqual(cells(general));
  });

  it('passes the groups through for a caller who may read party members', () => {
    expect(controlPartyStatistics(groups, false).map((g) => g.count)).toEqual(groups.map((g) => g.count));
  });
});

describe('the limit on a controlled party table (shared by the services)', () => {
  // the table lists every combination of the values present, not the groups counted: 6,667 branches × 3 stages
  // from 6,669 groups is 20,001 cells
  const branches = (n: number, stage: string) =>
    Array.from({ length: n }, (_, i) => group(`支部${String(i).padStart(5, '0')}`, stage, 10));

  it('refuses, on groupBy, an analyst table of one combination more than MAX_CONTROLLED_GROUPS', () => {
    const groups = [
      ...branches(6_667, 'APPLICANT'),
      group('支部00000', 'ACTIVIST', 10),
      group('支部00000', 'FULL_MEMBER', 10),
    ];
    expect(3 * 6_667).toBe(MAX_CONTROLLED_GROUPS + 1);
    let error: unknown;
    try {
      controlPartyStatistics(groups, true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'groupBy' });
    expect((error as Error).message).toBe(
      `分组过细：受统计披露控制的统计表最多 ${MAX_CONTROLLED_GROUPS} 组（本次 ${MAX_CONTROLLED_GROUPS + 1} 组），请减少分组维度或缩小范围`,
    );
    // a caller who may read members sees the groups counted, uncontrolled: no limit
    expect(controlPartyStatistics(groups, false)).toHaveLength(groups.length);
  });

  it('answers a table of exactly MAX_CONTROLLED_GROUPS combinations', () => {
    const groups = [...branches(10_000, 'APPLICANT'), group('支部00000', 'ACTIVIST', 10)];
    const table = controlPartyStatistics(groups, true);
    expect(table).toHaveLength(MAX_CONTROLLED_GROUPS);
  });
});
