import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STREET_OPTIONS, demoDataset, demoId, demoStreetCommunityCodes } from '@shequ/demo-data';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentsService } from '../src/service.js';

describe.each(testDialects())('demo community seed on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      seed: true,
      clock: new ManualClock(new Date('2026-11-01T08:00:00Z')),
    });
  });
  afterAll(() => service?.stop());

  it('gives the demo street (嘉莲街道) its other communities: a street admin sees them all, a street analyst counts them', async () => {
    const street = { community: '350203008' };
    const listed = await service.graphql(
      `{ communities(first: 20) { totalCount edges { node { id name } } } }`,
      {},
      {
        role: 'street_admin',
        ...street,
      },
    );
    expect(listed.errors).toBeUndefined();
    const codes = listed.data.communities.edges.map((e: any) => e.node.id).sort();
    expect(codes).toEqual(['350203008006', ...demoStreetCommunityCodes()].sort());
    const stats = await service.graphql(
      `{ residentStatistics(groupBy: [GRID]) { total } }`,
      {},
      {
        role: 'analyst',
        ...street,
      },
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data.residentStatistics.total).toBe(2500 + DEMO_STREET_OPTIONS.residents);
    const community = await service.graphql(`{ residentStatistics(groupBy: [GRID]) { total } }`);
    expect(community.data.residentStatistics.total).toBe(2500);
  });

  it('loads 莲秀社区 with stable ids, an age pyramid, about 20% floating residents and 195 低保 households', async () => {
    const data = demoDataset();
    const result = await service.graphql(
      `query($id: ID!) {
      community { name streetName }
      resident(id: $id) { id name }
      all: residentStatistics(groupBy: [RESIDENCE_TYPE]) { total groups { keys { value } count } }
      ages: residentStatistics(groupBy: [AGE_BAND]) { groups { keys { value } count } }
      care: residentStatistics(groupBy: [CARE_CATEGORY]) { groups { keys { value } count } }
      grids { totalCount edges { node { gridWorker { department } } } }
      staff { totalCount }
      organizations(first: 100) { totalCount }
      rented: households(filter: { housing: RENTED }, first: 5) { totalCount edges { node { landlord { id } } } }
    }`,
      { id: demoId('resident', 0) },
    );
    expect(result.errors).toBeUndefined();
    const d = result.data;
    expect(d.community).toEqual({ name: '莲秀社区', streetName: '嘉莲街道' });
    expect(d.resident).toEqual({ id: demoId('resident', 0), name: data.residents[0].name });
    const byValue = (groups: any[]) => Object.fromEntries(groups.map((g) => [g.keys[0].value, g.count]));
    const types = byValue(d.all.groups);
    expect(d.all.total).toBe(2500);
    expect(types.FLOATING / 2500).toBeGreaterThan(0.15);
    expect(types.FLOATING / 2500).toBeLessThan(0.25);
    const ages = byValue(d.ages.groups);
    expect(Object.keys(ages).sort()).toEqual([
      'AGE_0_6',
      'AGE_18_34',
      'AGE_35_59',
      'AGE_60_79',
      'AGE_7_17',
      'AGE_80_PLUS',
    ]);
    expect(ages.AGE_35_59).toBeGreaterThan(ages.AGE_80_PLUS);
    const care = byValue(d.care.groups);
    expect(care.MINIMUM_LIVING_ALLOWANCE).toBe(195);
    expect(care.ELDERLY_LIVING_ALONE).toBeGreaterThan(20);
    expect(care.ADVANCED_AGE).toBeGreaterThan(50);
    expect(d.grids.totalCount).toBe(5);
    expect(d.grids.edges.every((e: any) => e.node.gridWorker.department === 'GRID')).toBe(true);
    expect(d.staff.totalCount).toBe(18);
    expect(d.organizations.totalCount).toBeGreaterThanOrEqual(30);
    expect(d.rented.totalCount).toBeGreaterThan(100);
    expect(d.rented.edges.every((e: any) => e.node.landlord?.id)).toBe(true);
  });
});
