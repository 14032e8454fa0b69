import { describe, expect, it } from 'vitest';
import { holdsSeat, seatCountsOf } from '../src/domain/registration-policy.js';
import { volunteerHoursSummary } from '../src/domain/volunteer-hours.js';

describe('seats and volunteer hours (domain rules)', () => {
  it('has confirmed, attended and no-show registrations hold a seat; waitlisted and cancelled do not', () => {
    expect(holdsSeat('CONFIRMED')).toBe(true);
    expect(holdsSeat('ATTENDED')).toBe(true);
    expect(holdsSeat('NO_SHOW')).toBe(true);
    expect(holdsSeat('WAITLISTED')).toBe(false);
    expect(holdsSeat('CANCELLED')).toBe(false);
    expect(seatCountsOf(['CONFIRMED', 'ATTENDED', 'NO_SHOW', 'WAITLISTED', 'WAITLISTED', 'CANCELLED'])).toEqual({
      taken: 3,
      waitlisted: 2,
      attended: 1,
    });
  });

  it('sums minutes into hours to one decimal, for all years or one year', () => {
    const records = [
      { id: 'v3', residentId: 'r', minutes: 90, servedOn: '2026-01-02' },
      { id: 'v2', residentId: 'r', minutes: 50, servedOn: '2025-12-31' },
      { id: 'v1', residentId: 'r', minutes: 40, servedOn: '2025-06-01' },
    ];
    expect(volunteerHoursSummary(records, null)).toMatchObject({ totalMinutes: 180, totalHours: 3, services: 3 });
    const y2025 = volunteerHoursSummary(records, 2025);
    expect(y2025).toMatchObject({ totalMinutes: 90, totalHours: 1.5, services: 2 });
    expect(y2025.recent.map((r) => r.id)).toEqual(['v2', 'v1']);
    expect(volunteerHoursSummary(records, null, 1).recent).toHaveLength(1);
  });
});
