import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  communityDateTime,
  communityDay,
  communityMonth,
  communityYearMonth,
  isIsoDate,
  lastDayOfMonth,
  startOfCommunityDay,
} from '../src/index.js';
import { formatWallTime, formatWithTimeZoneData } from '../src/calendar/community-calendar.js';

describe('community calendar (Asia/Shanghai)', () => {
  it('takes the day of an instant in Beijing, not in UTC', () => {
    expect(communityDay(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(communityDay(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(communityDateTime(new Date('2026-03-01T16:30:05Z'))).toBe('2026-03-02T00:30:05+08:00');
    expect(communityDateTime(new Date('2026-12-31T23:59:59.900Z'))).toBe('2027-01-01T07:59:59+08:00');
    expect(communityDay(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(communityDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(communityMonth(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03');
    expect(communityYearMonth(new Date('2026-12-31T17:00:00Z'))).toEqual({ year: 2027, month: 1 });
  });

  it('starts a community day at 00:00 Beijing time', () => {
    expect(startOfCommunityDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(communityDay(startOfCommunityDay('2026-01-01'))).toBe('2026-01-01');
    expect(communityDay(new Date(startOfCommunityDay('2026-01-01').getTime() - 1))).toBe('2025-12-31');
  });

  it('counts a birthday from midnight Beijing time: 23:59 is still the day before, 00:01 is the birthday', () => {
    // Born 1966-03-02: 60 years old from 2026-03-02 00:00 Beijing (2026-03-01T16:00Z).
    expect(ageOn('1966-03-02', new Date('2026-03-01T15:59:00Z'))).toBe(59); // 23:59 on 1 March in Beijing
    expect(ageOn('1966-03-02', new Date('2026-03-01T16:01:00Z'))).toBe(60); // 00:01 on 2 March in Beijing
    expect(ageOn('1966-03-02', new Date('2026-03-01T16:30:00Z'))).toBe(60); // the UTC day is still 1 March
    expect(ageOn('1966-03-02', '2026-03-01')).toBe(59);
    expect(ageOn('1966-03-02', '2026-03-02')).toBe(60);
  });

  it('ages someone born on 29 February on 1 March of a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('does day, month and year arithmetic on ISO dates', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2026-06-01', -18)).toBe('2008-06-01');
    expect(lastDayOfMonth(2028, 2)).toBe('2028-02-29');
    expect(lastDayOfMonth(2026, 12)).toBe('2026-12-31');
  });

  it('accepts only dates that exist', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate(' 2026-01-01')).toBe(false);
  });
});

describe('the community wall clock without ICU from 1992 on', () => {
  it('agrees with the time-zone data at every hour boundary and at random instants, 1992–2100', () => {
    const from = Date.UTC(1992, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    const instants: number[] = [from, from - 1 + 3_600_000, to - 1];
    for (let at = from; at < to; at += 97 * 3_600_000 + 61_000) instants.push(at);
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      instants.push(from + Math.floor((seed / 2_147_483_648) * (to - from)));
    }
    for (const at of instants)
      expect(formatWallTime(new Date(at)), new Date(at).toISOString()).toEqual(formatWithTimeZoneData(new Date(at)));
  });

  it('reads instants before 1992 (daylight saving time 1986–1991) through the time-zone data', () => {
    // 1990-07-01 12:00 UTC was 21:00 in Beijing (CDT, UTC+9)
    expect(formatWallTime(new Date('1990-07-01T12:00:00Z'))).toMatchObject({ day: 1, hour: 21 });
    expect(communityDateTime(new Date('1991-12-31T16:00:00Z'))).toBe('1992-01-01T00:00:00+08:00');
  });
});
