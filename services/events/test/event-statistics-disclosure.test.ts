import { describe, expect, it } from 'vitest';
import { MAX_CONTROLLED_GROUPS } from '@shequ/auth';
import { InvalidInputError } from '@shequ/errors';
import {
  controlEventStatistics,
  type EventStatisticsGroupWithBases,
} from '../src/application/event-statistics-disclosure.js';

function group(
  type: string,
  audience: string,
  registrations: number,
  attended: number,
  noShows: number,
  uniqueParticipants: number,
  known: number,
  elderly: number,
): EventStatisticsGroupWithBases {
  return {
    key: { TYPE: type, AUDIENCE: audience },
    events: 2,
    registrations,
    attended,
    noShows,
    attendanceRate: attended + noShows > 0 ? attended / (attended + noShows) : null,
    uniqueParticipants,
    elderlyShare: known > 0 ? elderly / known : null,
    known,
  };
}

describe('eventStatistics disclosure control', () => {
  const groups = [
    group('LECTURE', 'ALL', 40, 30, 10, 25, 25, 10),
    group('LECTURE', 'ELDERLY', 2, 1, 1, 1, 1, 1),
    group('LECTURE', 'YOUTH', 30, 20, 10, 18, 18, 0),
    group('GALA', 'ALL', 50, 40, 10, 35, 35, 20),
    group('GALA', 'ELDERLY', 60, 50, 10, 30, 30, 30),
    group('GALA', 'YOUTH', 20, 12, 8, 10, 10, 0),
  ];

  it('suppresses small groups of people with secondary suppression along every line, for a caller who may not see persons', () => {
    const shown = controlEventStatistics(groups, ['TYPE', 'AUDIENCE'], true, true);
    const small = shown[1];
    expect(small).toMatchObject({
      events: 2,
      registrations: null,
      attended: null,
      noShows: null,
      uniqueParticipants: null,
      attendanceRate: null,
      elderlyShare: null,
    });
    expect(small.suppressed).toContain('人数少于 5');
    // no line of any measure keeps exactly one suppressed cell: the lecture total minus the shown lectures, or the
    // elderly total minus the shown elderly groups, cannot recover the small group
    for (const measure of ['registrations', 'attended', 'noShows', 'uniqueParticipants'] as const) {
      const lectures = shown.filter((g) => g.key.TYPE === 'LECTURE');
      const elderly = shown.filter((g) => g.key.AUDIENCE === 'ELDERLY');
      expect(lectures.filter((g) => g[measure] === null).length).not.toBe(1);
      expect(elderly.filter((g) => g[measure] === null).length).not.toBe(1);
    }
    // within a group: registrations = attended + no-shows once its events ended, so not one alone suppressed
    for (const g of shown)
      expect([g.registrations, g.attended, g.noShows].filter((v) => v === null).length).not.toBe(1);
    expect(shown.some((g) => g.suppressed?.includes('为防止由合计反推'))).toBe(true);
    // a large group left shown keeps its figures and its share (25 people of known age)
    expect(shown[0]).toMatchObject({ registrations: 40, uniqueParticipants: 25, elderlyShare: 0.4 });
  });

  it('nulls the elderly share when fewer people than the threshold are of known age', () => {
    const [shown] = controlEventStatistics([group('LECTURE', 'ALL', 40, 30, 10, 25, 3, 3)], ['TYPE'], true, true);
    expect(shown).toMatchObject({ uniqueParticipants: 25, elderlyShare: null });
    expect(shown.suppressed).toContain('老年人占比');
  });

  it('gives a caller who may see persons the exact figures', () => {
    const shown = controlEventStatistics(groups, ['TYPE', 'AUDIENCE'], false, true);
    expect(shown[1]).toEqual({ ...groups[1], known: undefined, suppressed: null });
    expect(shown[1]).not.toHaveProperty('known');
  });
});

describe('the limit on a controlled event table (shared by the services)', () => {
  // the table lists the groups with events (not every combination of the values): the groups listed are counted
  const groups = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ...group('LECTURE', 'ALL', 40, 30, 10, 25, 25, 10),
      key: { VENUE: `场地${i}`, MONTH: '2026-03' },
    }));

  it('refuses, on groupBy, an analyst table of one group more than MAX_CONTROLLED_GROUPS', () => {
    let error: unknown;
    try {
      controlEventStatistics(groups(MAX_CONTROLLED_GROUPS + 1), ['VENUE', 'MONTH'], true, true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'groupBy' });
    expect((error as Error).message).toBe(
      `分组过细：受统计披露控制的统计表最多 ${MAX_CONTROLLED_GROUPS} 组（本次 ${MAX_CONTROLLED_GROUPS + 1} 组），请减少分组维度或缩小时间、范围`,
    );
    // a caller who may see registrations sees the groups uncontrolled: no limit
    expect(controlEventStatistics(groups(MAX_CONTROLLED_GROUPS + 1), ['VENUE', 'MONTH'], false, true)).toHaveLength(
      MAX_CONTROLLED_GROUPS + 1,
    );
  });

  it('answers a table of exactly MAX_CONTROLLED_GROUPS groups', () => {
    const table = controlEventStatistics(groups(MAX_CONTROLLED_GROUPS), ['VENUE', 'MONTH'], true, true);
    expect(table).toHaveLength(MAX_CONTROLLED_GROUPS);
  });
});
