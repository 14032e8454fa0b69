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

describe('the wall clock of an instant (arithmetic since 1992, Intl before)', () => {
  const byIntl = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const expected = (instant: Date) => {
    const part = (type: string) => byIntl.formatToParts(instant).find((p) => p.type === type)?.value;
    return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}+08:00`;
  };

  it('agrees with the time-zone database from 1992 to 2100, around midnight and new year', () => {
    const instants = [
      Date.UTC(1991, 11, 31, 15, 59, 59),
      Date.UTC(1991, 11, 31, 16),
      Date.UTC(2026, 2, 1, 15, 59, 59),
      Date.UTC(2026, 2, 1, 16),
      Date.UTC(2026, 11, 31, 16),
      Date.UTC(2024, 1, 28, 16),
    ];
    let seed = 15;
    for (let i = 0; i < 2_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      instants.push(
        Date.UTC(1992, 0, 1) + Math.floor((seed / 2 ** 31) * (Date.UTC(2100, 0, 1) - Date.UTC(1992, 0, 1))),
      );
    }
    for (const at of instants) {
      const instant = new Date(at);
      expect(communityDateTime(instant)).toBe(expected(instant));
      expect(communityDay(instant)).toBe(expected(instant).slice(0, 10));
    }
  });

  it('keeps daylight saving time before 1992: 15:30 UTC on 30 June 1991 was 1 July in Shanghai (UTC+9)', () => {
    expect(communityDay(new Date(Date.UTC(1991, 5, 30, 15, 30)))).toBe('1991-07-01');
    expect(communityDay(new Date(Date.UTC(1991, 5, 30, 14, 30)))).toBe(
      expected(new Date(Date.UTC(1991, 5, 30, 14, 30))).slice(0, 10),
    );
  });
});
