import { describe, expect, it } from 'vitest';
import { ageOn } from '@shequ/contracts';
import { DEMO_MINIMUM_LIVING_ALLOWANCE_HOUSEHOLDS, DEMO_REFERENCE_DATE, demoDataset } from '../src/index.js';

describe('demo care categories and organisations', () => {
  const data = demoDataset();
  const byId = new Map(data.residents.map((r) => [r.id, r]));

  it('has 195 低保 households, recorded on registered household heads, one each', () => {
    const low = data.careRecords.filter((c) => c.category === 'MINIMUM_LIVING_ALLOWANCE');
    expect(low).toHaveLength(DEMO_MINIMUM_LIVING_ALLOWANCE_HOUSEHOLDS);
    expect(new Set(low.map((c) => byId.get(c.residentId)!.householdId)).size).toBe(195);
    expect(
      low.every(
        (c) =>
          byId.get(c.residentId)!.relationToHead === 'HEAD' && byId.get(c.residentId)!.residenceType === 'REGISTERED',
      ),
    ).toBe(true);
  });

  it('lists elderly living alone (65+, one-person households) and never 高龄, which is derived', () => {
    const size = new Map<string, number>();
    for (const r of data.residents) size.set(r.householdId, (size.get(r.householdId) ?? 0) + 1);
    const alone = data.careRecords
      .filter((c) => c.category === 'ELDERLY_LIVING_ALONE')
      .map((c) => byId.get(c.residentId)!);
    expect(alone.length).toBeGreaterThan(20);
    expect(alone.every((r) => size.get(r.householdId) === 1 && ageOn(r.birthDate, DEMO_REFERENCE_DATE) >= 65)).toBe(
      true,
    );
    expect(data.careRecords.some((c) => (c.category as string) === 'ADVANCED_AGE')).toBe(false);
    expect(
      data.careRecords.every(
        (c) => c.startedOn < DEMO_REFERENCE_DATE && (!c.lastReviewedOn || c.lastReviewedOn > c.startedOn),
      ),
    ).toBe(true);
  });

  it('has a few dozen organisations of every kind with unique names', () => {
    expect(data.organizations.length).toBeGreaterThanOrEqual(24);
    expect(new Set(data.organizations.map((o) => o.name)).size).toBe(data.organizations.length);
    expect(new Set(data.organizations.map((o) => o.kind))).toEqual(
      new Set(['JURISDICTION_UNIT', 'SOCIAL_ORGANIZATION', 'PARTNER_UNIT', 'VOLUNTEER_TEAM']),
    );
  });
});
