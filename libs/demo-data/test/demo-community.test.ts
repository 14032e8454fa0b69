import { describe, expect, it } from 'vitest';
import { parseResidentIdNumber } from '@shequ/contracts';
import { ageOn } from '@shequ/contracts';
import { DEMO_REFERENCE_DATE, demoDataset, demoId } from '../src/index.js';

describe('demo community 莲秀社区', () => {
  const data = demoDataset();

  it('has the size the brief asks for', () => {
    expect(data.residents).toHaveLength(2500);
    expect(data.households.length).toBeGreaterThanOrEqual(950);
    expect(data.households.length).toBeLessThanOrEqual(1100);
    expect(data.grids.length).toBeGreaterThanOrEqual(3);
    expect(data.grids.length).toBeLessThanOrEqual(6);
  });

  it('gives every resident a valid, unique ID whose birth date and gender match', () => {
    const ids = new Set<string>();
    for (const r of data.residents) {
      const parsed = parseResidentIdNumber(r.idNumber, new Date(`${DEMO_REFERENCE_DATE}T00:00:00Z`));
      expect(parsed.ok, r.idNumber).toBe(true);
      if (parsed.ok) {
        expect(parsed.value.birthDate).toBe(r.birthDate);
        expect(parsed.value.gender).toBe(r.gender);
      }
      ids.add(r.idNumber);
    }
    expect(ids.size).toBe(data.residents.length);
  });

  it('looks like a community: about a fifth floating, children and elderly present', () => {
    const floating = data.residents.filter((r) => r.residenceType === 'FLOATING').length / data.residents.length;
    expect(floating).toBeGreaterThan(0.12);
    expect(floating).toBeLessThan(0.28);
    const ages = data.residents.map((r) => ageOn(r.birthDate, DEMO_REFERENCE_DATE));
    expect(ages.filter((a) => a <= 6).length).toBeGreaterThan(50);
    expect(ages.filter((a) => a >= 80).length).toBeGreaterThan(30);
    expect(data.households.filter((h) => h.housing === 'RENTED').every((h) => h.landlordResidentId)).toBe(true);
  });

  it('is the same every run, with stable ids shared by all services', () => {
    expect(demoId('resident', 0)).toBe(data.residents[0].id);
    expect(demoId('resident', 7)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoId('resident', 1) > demoId('resident', 0)).toBe(true);
  });
});
