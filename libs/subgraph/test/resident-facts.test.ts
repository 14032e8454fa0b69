import { describe, expect, it } from 'vitest';
import { referenceFactsOf, RESIDENT_FACTS_KEPT } from '../src/index.js';

const dataset = {
  community: { code: '350203008006' },
  grids: [{ id: 'g' }],
  buildings: [{ id: 'b', gridId: 'g' }],
  households: [{ id: 'h', buildingId: 'b' }],
  residents: [{ id: 'r', householdId: 'h', birthDate: '1980-01-01', gender: 'FEMALE' }],
  staff: [],
  organizations: [],
};

describe('a resident’s personal facts in a reference projection', () => {
  it('are kept only by the service whose rules need them (partybuilding: gender), never elsewhere', () => {
    expect(RESIDENT_FACTS_KEPT).toEqual({ partybuilding: ['gender'] });
    const resident = (service?: 'partybuilding' | 'cases' | 'events') =>
      referenceFactsOf(dataset, new Date(0), service).find((f) => f.kind === 'RESIDENT');
    expect(resident('partybuilding')?.gender).toBe('FEMALE');
    for (const service of ['cases', 'events', undefined] as const) {
      expect(resident(service)?.gender).toBeUndefined();
      expect(resident(service)?.birthDate).toBe('1980-01-01');
    }
  });
});
