import { describe, expect, it } from 'vitest';
import { controlDisclosure } from '@shequ/auth';
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
