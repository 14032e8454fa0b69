import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executePlain } from '@shequ/database';
import { applyReferenceFacts } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { placeOf } from '../src/application/open311-requests.js';
import { casesService } from '../src/service.js';

const COMMUNITY = '350203008006';

// SQLite runs one writing transaction at a time: a report and a redraw are never crossed
describe.each(testDialects().filter((d) => d === 'postgresql'))(
  'an Open311 report and a grid redraw (%s)',
  (dialect) => {
    let service: TestSubgraph;

    beforeAll(async () => {
      service = await startTestSubgraph(casesService, { dialect });
      await knownReferences(service, [
        { kind: 'GRID', id: 'g-old', gridId: 'g-old' },
        { kind: 'GRID', id: 'g-new', gridId: 'g-new' },
        { kind: 'BUILDING', id: 'b-race', parentId: 'g-old', gridId: 'g-old' },
      ]);
    });
    afterAll(() => service?.stop());

    it('the building the report is routed by is held until the report commits: the redraw waits, then moves its case', async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let placed!: () => void;
      const wasPlaced = new Promise<void>((resolve) => (placed = resolve));
      const report = service.orm.em.fork().transactional(async (em) => {
        expect((await placeOf({ em }, 'b-race', COMMUNITY)).gridId).toBe('g-old');
        placed();
        await released;
      });
      await wasPlaced;
      const redraw = await service.orm.em
        .fork()
        .transactional(async (em) => {
          await executePlain(em, `set local lock_timeout = '300ms'`, []);
          await applyReferenceFacts(em, {
            kind: 'BUILDING',
            id: 'b-race',
            communityId: COMMUNITY,
            parentId: 'g-new',
            gridId: 'g-new',
            occurredAt: new Date(),
          });
          return 'applied';
        })
        .catch((error: unknown) => (String(error).includes('lock timeout') ? 'waited' : String(error)));
      release();
      await report;
      expect(redraw).toBe('waited');
    });
  },
);
