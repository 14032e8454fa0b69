import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import { ageOn } from '@shequ/contracts';
import { checkAudience } from '../src/domain/audience-rule.js';
import {
  checkStartNotBeforePlanning,
  EVENT_TRANSITIONS,
  nextEventStatus,
  statusForSeats,
} from '../src/domain/event-lifecycle.js';
import { eventStatistics } from '../src/domain/event-statistics.js';
import { galaPlan } from '../src/domain/gala-plan.js';
import { decideRegistration, nextRegistrationStatus } from '../src/domain/registration-policy.js';
import { checkCapacityFitsVenue, checkVenueFree, overlaps } from '../src/domain/venue-booking.js';

const at = (iso: string) => new Date(iso);

describe('event lifecycle (one transition table)', () => {
  it('walks PLANNED → OPEN → FULL → ONGOING → COMPLETED', () => {
    let status = nextEventStatus('PLANNED', 'PUBLISH');
    expect(status).toBe('OPEN');
    status = nextEventStatus(status, 'FILL');
    expect(status).toBe('FULL');
    status = nextEventStatus(status, 'START');
    expect(status).toBe('ONGOING');
    expect(nextEventStatus(status, 'COMPLETE')).toBe('COMPLETED');
  });

  it('cancels only before the start and names the current state otherwise', () => {
    for (const from of ['PLANNED', 'OPEN', 'FULL'] as const) expect(nextEventStatus(from, 'CANCEL')).toBe('CANCELLED');
    expect(() => nextEventStatus('ONGOING', 'CANCEL')).toThrow(ConflictError);
    expect(() => nextEventStatus('COMPLETED', 'PUBLISH')).toThrow('活动当前状态为「已结束」，不能发布（开放报名）');
    expect(Object.keys(EVENT_TRANSITIONS.COMPLETE)).toEqual(['ONGOING']);
  });

  it('follows the seats: full at capacity, open again when a seat is free', () => {
    expect(statusForSeats('OPEN', 2, 2)).toBe('FULL');
    expect(statusForSeats('OPEN', 2, 1)).toBe('OPEN');
    expect(statusForSeats('FULL', 2, 1)).toBe('OPEN');
    expect(statusForSeats('OPEN', null, 500)).toBe('OPEN');
    expect(statusForSeats('ONGOING', 2, 2)).toBe('ONGOING');
  });
});

describe('planned ahead', () => {
  it('refuses a start before the moment of planning, naming startsAt; a start at that moment or later stands', () => {
    const planned = at('2026-12-01T02:00:00Z');
    expect(() => checkStartNotBeforePlanning(at('2026-12-01T01:59:59Z'), planned)).toThrow(InvalidInputError);
    try {
      checkStartNotBeforePlanning(at('1995-06-01T02:00:00Z'), planned);
    } catch (error) {
      expect((error as InvalidInputError).field).toBe('startsAt');
      expect((error as Error).message).toBe(
        '开始时间（1995/06/01 10:00）早于安排时的当前时间（2026/12/01 10:00）：只能安排将来的活动或班次',
      );
    }
    expect(() => checkStartNotBeforePlanning(planned, planned)).not.toThrow();
    expect(() => checkStartNotBeforePlanning(at('2027-01-01T02:00:00Z'), planned)).not.toThrow();
  });
});

describe('registration rules', () => {
  it('confirms while seats remain, waitlists when full, refuses closed events and duplicates', () => {
    expect(decideRegistration({ eventStatus: 'OPEN', capacity: 2, confirmed: 1, alreadyRegistered: false })).toBe(
      'CONFIRMED',
    );
    expect(decideRegistration({ eventStatus: 'FULL', capacity: 2, confirmed: 2, alreadyRegistered: false })).toBe(
      'WAITLISTED',
    );
    expect(() =>
      decideRegistration({ eventStatus: 'PLANNED', capacity: 2, confirmed: 0, alreadyRegistered: false }),
    ).toThrow(ConflictError);
    expect(() =>
      decideRegistration({ eventStatus: 'OPEN', capacity: 2, confirmed: 0, alreadyRegistered: true }),
    ).toThrow(/已报名/);
  });

  it('has one table for registrations: promote, cancel, check in, no-show', () => {
    expect(nextRegistrationStatus('WAITLISTED', 'PROMOTE')).toBe('CONFIRMED');
    expect(nextRegistrationStatus('CONFIRMED', 'CHECK_IN')).toBe('ATTENDED');
    expect(nextRegistrationStatus('CONFIRMED', 'MARK_NO_SHOW')).toBe('NO_SHOW');
    expect(() => nextRegistrationStatus('WAITLISTED', 'CHECK_IN')).toThrow(/候补/);
    expect(() => nextRegistrationStatus('ATTENDED', 'CANCEL')).toThrow(ConflictError);
  });
});

describe('audience rule', () => {
  const gala = at('2026-06-01T11:00:00Z');
  it('computes full years on the day', () => {
    expect(ageOn('1966-06-01', gala)).toBe(60);
    expect(ageOn('1966-06-02', gala)).toBe(59);
  });

  it('admits elderly 60+, children 6–14, both for 老少学堂; refuses others and unknown ages', () => {
    expect(() => checkAudience('ELDERLY', '1966-06-01', gala)).not.toThrow();
    expect(() => checkAudience('ELDERLY', '1966-06-02', gala, { ageShown: true })).toThrow(/59 周岁/);
    // without the birth date, the caller is not given the age on the event's day (a day it chooses)
    expect(() => checkAudience('ELDERLY', '1966-06-02', gala)).toThrow(/活动当天的年龄不符合条件$/);
    expect(() => checkAudience('CHILDREN', '2012-01-01', gala)).not.toThrow();
    expect(() => checkAudience('CHILDREN', '2011-05-31', gala)).toThrow(InvalidInputError);
    expect(() => checkAudience('ELDERS_AND_CHILDREN', '1950-01-01', gala)).not.toThrow();
    expect(() => checkAudience('ELDERS_AND_CHILDREN', '1990-01-01', gala)).toThrow(InvalidInputError);
    // an unknown birth date: named only to a caller who reads birth dates; to the others, as an age that does not fit
    expect(() => checkAudience('CHILDREN', null, gala, { ageShown: true })).toThrow(/出生日期未知/);
    expect(() => checkAudience('CHILDREN', null, gala)).toThrow(/活动当天的年龄不符合条件$/);
    expect(() => checkAudience('ALL', null, gala)).not.toThrow();
  });
});

describe('venue booking', () => {
  const existing = [
    { id: 'e1', title: '五月晚会', startsAt: at('2026-05-20T11:30:00Z'), endsAt: at('2026-05-20T13:30:00Z') },
  ];
  it('treats intervals as half-open', () => {
    expect(overlaps(existing[0], { startsAt: at('2026-05-20T13:30:00Z'), endsAt: at('2026-05-20T14:00:00Z') })).toBe(
      false,
    );
    expect(overlaps(existing[0], { startsAt: at('2026-05-20T13:00:00Z'), endsAt: at('2026-05-20T14:00:00Z') })).toBe(
      true,
    );
  });

  it('refuses an overlapping booking with CONFLICT naming the other event', () => {
    expect(() =>
      checkVenueFree(
        '冰心舞台',
        { startsAt: at('2026-05-20T12:00:00Z'), endsAt: at('2026-05-20T12:30:00Z') },
        existing,
      ),
    ).toThrow(/五月晚会/);
    expect(() =>
      checkVenueFree(
        '冰心舞台',
        { id: 'e1', startsAt: at('2026-05-20T12:00:00Z'), endsAt: at('2026-05-20T12:30:00Z') },
        existing,
      ),
    ).not.toThrow();
  });

  it('keeps capacity within the venue', () => {
    expect(() => checkCapacityFitsVenue(500, 400)).toThrow(InvalidInputError);
    expect(() => checkCapacityFitsVenue(400, 400)).not.toThrow();
  });
});

describe('gala plan and statistics', () => {
  it('marks months held, planned or missing, in China time, ignoring cancelled galas', () => {
    const months = galaPlan(2026, [
      { id: 'jan', startsAt: at('2026-01-20T11:30:00Z'), status: 'COMPLETED' },
      { id: 'feb-cancelled', startsAt: at('2026-02-20T11:30:00Z'), status: 'CANCELLED' },
      { id: 'mar', startsAt: at('2026-02-28T17:00:00Z'), status: 'OPEN' },
    ]);
    expect(months.map((m) => m.status).slice(0, 4)).toEqual(['HELD', 'MISSING', 'PLANNED', 'MISSING']);
    expect(months[2].eventIds).toEqual(['mar']);
  });

  it('counts registrations, attendance, unique participants and the elderly share by group', () => {
    const events = [
      {
        id: 'a',
        type: 'GALA',
        startsAt: at('2026-03-20T11:00:00Z'),
        venueKey: '广场',
        organiserKey: 'x',
        audience: 'ALL',
      },
      {
        id: 'b',
        type: 'GALA',
        startsAt: at('2026-04-20T11:00:00Z'),
        venueKey: '广场',
        organiserKey: 'x',
        audience: 'ALL',
      },
      {
        id: 'c',
        type: 'LECTURE',
        startsAt: at('2026-04-21T11:00:00Z'),
        venueKey: null,
        organiserKey: 'y',
        audience: 'ELDERLY',
      },
    ];
    const groups = eventStatistics(
      ['TYPE'],
      events,
      [
        { eventId: 'a', residentId: 'old', status: 'ATTENDED' },
        { eventId: 'a', residentId: 'young', status: 'NO_SHOW' },
        { eventId: 'b', residentId: 'old', status: 'ATTENDED' },
        { eventId: 'b', residentId: 'young', status: 'ATTENDED' },
        { eventId: 'b', residentId: 'w', status: 'WAITLISTED' },
        { eventId: 'c', residentId: 'old', status: 'CONFIRMED' },
      ],
      new Map([
        ['old', '1950-01-01'],
        ['young', '1990-01-01'],
      ]),
    );
    expect(groups).toEqual([
      {
        key: { TYPE: 'GALA' },
        events: 2,
        registrations: 4,
        attended: 3,
        noShows: 1,
        attendanceRate: 0.75,
        uniqueParticipants: 2,
        elderlyShare: 0.5,
      },
      {
        key: { TYPE: 'LECTURE' },
        events: 1,
        registrations: 1,
        attended: 0,
        noShows: 0,
        attendanceRate: null,
        uniqueParticipants: 0,
        elderlyShare: null,
      },
    ]);
    expect(eventStatistics(['MONTH', 'VENUE'], events, [], new Map()).map((g) => g.key)).toEqual([
      { MONTH: '2026-03', VENUE: '广场' },
      { MONTH: '2026-04', VENUE: null },
      { MONTH: '2026-04', VENUE: '广场' },
    ]);
  });
});
