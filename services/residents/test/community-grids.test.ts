import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStreetCommunityCodes } from '@shequ/demo-data';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentsService } from '../src/service.js';

// A front end goes from a community to its grids: `ResidentsCommunity.grids`, and `grids(communityId:)` for one
// community of a street admin's several. Before, `grids` listed every grid of the caller's scope, the street's five
// communities mixed, with no way to ask for one community's, and a community had no grids.
const LIANXIU = '350203008006';
const STREET = { role: 'street_admin' as const, community: '350203008' };

describe.each(testDialects())('a community’s grids on %s', (dialect) => {
  let service: TestSubgraph;
  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      seed: true,
      clock: new ManualClock(new Date('2026-11-01T08:00:00Z')),
    });
  });
  afterAll(() => service?.stop());

  it('lists each community’s own grids, in code order, for a street admin', async () => {
    const result = await service.graphql(
      `{ communities(first: 20) { edges { node { id grids { code name } } } } grids(first: 100) { totalCount } }`,
      {},
      STREET,
    );
    expect(result.errors).toBeUndefined();
    const byCommunity = new Map<string, Array<{ code: string }>>(
      result.data.communities.edges.map((e: { node: { id: string; grids: Array<{ code: string }> } }) => [
        e.node.id,
        e.node.grids,
      ]),
    );
    expect([...byCommunity.keys()].sort()).toEqual([LIANXIU, ...demoStreetCommunityCodes()].sort());
    for (const [id, grids] of byCommunity) {
      expect(grids.length, id).toBeGreaterThan(0);
      for (const grid of grids) expect(grid.code.startsWith(`${id}-`), `${id} ${grid.code}`).toBe(true);
      expect(grids.map((g) => g.code)).toEqual([...grids.map((g) => g.code)].sort());
    }
    expect(byCommunity.get(LIANXIU)!.map((g) => g.code)).toEqual([1, 2, 3, 4, 5].map((n) => `${LIANXIU}-0${n}`));
    // every grid of the street once
    expect([...byCommunity.values()].flat()).toHaveLength(result.data.grids.totalCount);
  });

  it('filters grids by community within the caller’s scope', async () => {
    const other = demoStreetCommunityCodes()[0];
    const query = `query($c: String) { grids(first: 100, communityId: $c) { totalCount edges { node { code } } } }`;
    const one = await service.graphql(query, { c: other }, STREET);
    expect(one.errors).toBeUndefined();
    expect(one.data.grids.totalCount).toBeGreaterThan(0);
    for (const { node } of one.data.grids.edges) expect(node.code.startsWith(`${other}-`)).toBe(true);
    // 莲秀's admin asking for another community's grids gets none of them
    const foreign = await service.graphql(query, { c: other });
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data.grids.totalCount).toBe(0);
  });

  it('gives a grid worker only their grid, and an analyst no grids', async () => {
    const worker = await service.graphql(
      `{ community { id grids { code } } }`,
      {},
      { role: 'grid_worker', grids: [`${LIANXIU}-02`] },
    );
    expect(worker.errors).toBeUndefined();
    expect(worker.data.community.grids).toEqual([{ code: `${LIANXIU}-02` }]);
    const analyst = await service.graphql(
      `{ communities(first: 20) { edges { node { id grids { code } } } } }`,
      {},
      { role: 'analyst', community: '350203008' },
    );
    expect(analyst.errors).toBeUndefined();
    for (const { node } of analyst.data.communities.edges) expect(node.grids).toBeNull();
  });
});
