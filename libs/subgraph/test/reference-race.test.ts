import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executePlain } from '@shequ/database';
import { EventConsumer } from '@shequ/messaging';
import { testDialects } from '@shequ/testing';
import { applyReferenceFacts, requireReference, requireReferencesFirst } from '../src/index.js';
import { knownReferences, startTestSubgraph, type TestSubgraph } from '../src/testing/index.js';
import { standInSubgraph } from './stand-in-subgraph.js';

const definition = standInSubgraph();

const COMMUNITY = '350203008006';

// SQLite runs one writing transaction at a time: a check and its write are never crossed by a consumer's transaction
describe.each(testDialects().filter((d) => d === 'postgresql'))('a reference checked by a write (%s)', (dialect) => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(definition, { dialect, registeredCommunities: [] });
    await subgraph.orm.schema.updateSchema();
    await knownReferences(subgraph, [{ kind: 'RESIDENT', id: 'r-race', communityId: COMMUNITY }]);
  });
  afterAll(() => subgraph?.stop());

  it('holds until the write commits: a move-out consumed meanwhile waits, so its clean-up sees what was written', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let checked!: () => void;
    const wasChecked = new Promise<void>((resolve) => (checked = resolve));
    // the write: checks the resident is current, then (later) writes what links to them
    const write = subgraph.orm.em.fork().transactional(async (em) => {
      await requireReference(em, { kind: 'RESIDENT', id: 'r-race', field: 'residentId', communityId: COMMUNITY });
      checked();
      await released;
    });
    await wasChecked;
    // the consumer of residents' events, meanwhile: the resident moved out (it must not pass the open check)
    const moveOut = await subgraph.orm.em
      .fork()
      .transactional(async (em) => {
        await executePlain(em, `set local lock_timeout = '300ms'`, []);
        await applyReferenceFacts(em, {
          kind: 'RESIDENT',
          id: 'r-race',
          communityId: COMMUNITY,
          status: 'MOVED_OUT',
          occurredAt: new Date(),
        });
        return 'applied';
      })
      .catch((error: unknown) => (String(error).includes('lock timeout') ? 'waited' : String(error)));
    release();
    await write;
    expect(moveOut).toBe('waited');
    // once the write is committed the fact applies (the consumer's retry), and a new check refuses the resident
    await subgraph.orm.em.fork().transactional((em) =>
      applyReferenceFacts(em, {
        kind: 'RESIDENT',
        id: 'r-race',
        communityId: COMMUNITY,
        status: 'MOVED_OUT',
        occurredAt: new Date(),
      }),
    );
    await expect(
      subgraph.orm.em
        .fork()
        .transactional((em) =>
          requireReference(em, { kind: 'RESIDENT', id: 'r-race', field: 'residentId', communityId: COMMUNITY }),
        ),
    ).rejects.toThrow(/已迁出/);
  });
});

describe('the order of a service’s purposes of residents’ events', () => {
  it('refuses to start one whose domain clean-up would run before its reference projection', () => {
    const settings = {
      service: 'events',
      source: 'residents',
      orm: undefined as never,
      bus: undefined as never,
      outbox: undefined as never,
    } as const;
    const projection = new EventConsumer({ ...settings, purpose: 'references' });
    const domain = new EventConsumer(settings);
    expect(() => requireReferencesFirst([projection, domain])).not.toThrow();
    expect(() => requireReferencesFirst([domain, projection])).toThrow(/must come before/);
  });
});
