import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsDuring } from '@shequ/database';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { Building, BuildingGridChange } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture } from './fixtures.js';

/*
 * A page of buildings with their grid history (网格边界调整历史) read each building's history with a statement of its
 * own: one per building on the page. The first changes of every building on the page are chosen and read in two statements now,
 * the same ones, newest first.
 */
const PAGE = `{ buildings(first: 20) { edges { node { id gridHistory(first: 2) { id fromGridId toGridId movedOn } } } } }`;

describe.each(testDialects())(
  'a building page reads the grid histories in a bounded number of statements on %s',
  (dialect) => {
    let service: TestSubgraph;
    const fresh = () => service.orm.em.fork();

    beforeAll(async () => {
      service = await startTestSubgraph(residentsService, { dialect });
      const em = fresh();
      const { grids, buildings } = await placesFixture(em);
      for (let b = 0; b < 10; b++)
        buildings.push(
          em.create(Building, {
            id: `building-x${b}`,
            communityId: COMMUNITY,
            grid: grids[b % 2],
            name: `新楼${b + 1}号楼`,
            address: `厦门市思明区嘉莲街道新楼${b + 1}号`,
          }),
        );
      let n = 0;
      // each building moved between the grids (b % 4) times, two of them at the same instant
      buildings.forEach((building, b) => {
        for (let c = 0; c < b % 4; c++)
          em.create(BuildingGridChange, {
            id: `bgc-${String(++n).padStart(3, '0')}`,
            communityId: COMMUNITY,
            buildingId: building.id,
            fromGridId: grids[c % 2].id,
            toGridId: grids[(c + 1) % 2].id,
            movedOn: `2026-0${c + 1}-01`,
            changedAt: new Date(Date.UTC(2026, c, c === 2 ? 1 : 2)),
            changedBy: 'staff-1',
          });
      });
      await em.flush();
    });
    afterAll(() => service?.stop());

    it('answers each building’s latest changes as before, reading them in two statements whatever the page', async () => {
      const run = () => service.graphql(PAGE);
      let result!: Awaited<ReturnType<typeof run>>;
      const statements = await statementsDuring(service.orm, async () => {
        result = await run();
      });
      expect(result.errors).toBeUndefined();
      const nodes = result.data.buildings.edges.map((edge: { node: { id: string } }) => edge.node);
      expect(nodes).toHaveLength(12);
      for (const node of nodes) {
        const expected = await fresh().find(
          BuildingGridChange,
          { buildingId: node.id },
          { orderBy: { changedAt: 'desc', id: 'desc' }, limit: 2 },
        );
        expect(node.gridHistory, node.id).toEqual(
          expected.map((c) => ({ id: c.id, fromGridId: c.fromGridId, toGridId: c.toGridId, movedOn: c.movedOn })),
        );
      }
      expect(nodes.some((node: { gridHistory: unknown[] }) => node.gridHistory.length === 2)).toBe(true);
      // the first changes of each building chosen, then read: two statements for the page, not one per building
      expect(statements.filter((sql) => sql.includes('building_grid_change')).length).toBeLessThanOrEqual(2);
    });
  },
);
