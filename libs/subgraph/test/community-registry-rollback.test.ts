import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterCommitOf } from '@shequ/database';
import { testDialects } from '@shequ/testing';
import { applyReferenceFacts, referenceProjectionCommunities, rememberRegisteredCommunities } from '../src/index.js';
import { startTestSubgraph, type TestSubgraph } from '../src/testing/index.js';
import { standInSubgraph } from './stand-in-subgraph.js';

const definition = standInSubgraph({ communities: referenceProjectionCommunities });

const community = (code: string) => ({
  kind: 'COMMUNITY' as const,
  id: code,
  communityId: code,
  parentId: code.slice(0, 9),
});

describe.each(testDialects())('the registry remembers only committed places (%s)', (dialect) => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(definition, { dialect, registeredCommunities: [] });
    await subgraph.orm.schema.updateSchema();
  });
  afterAll(() => subgraph?.stop());

  it('forgets a community found in a transaction that rolled back (a consumer batch that failed after applying it)', async () => {
    const registry = rememberRegisteredCommunities(referenceProjectionCommunities, afterCommitOf(subgraph.orm));
    const code = '350203008101';
    // the batch: community.registered applied, an event after it asks, then a handler fails and all is rolled back
    const failed = subgraph.orm.em.fork().transactional(async (em) => {
      await applyReferenceFacts(em, { ...community(code), occurredAt: new Date() });
      expect(await registry.registered(em, code)).toBe(true);
      throw new Error('后续事件处理失败');
    });
    await expect(failed).rejects.toThrow('后续事件处理失败');
    // no row holds the community: a write in it must be refused, not passed by a remembered answer
    expect(await registry.registered(subgraph.orm.em.fork(), code)).toBe(false);
    expect(await registry.placeRegistered(() => subgraph.orm.em.fork(), code)).toBe(false);
  });

  it('remembers a community found in a transaction once it commits, and one found outside any at once', async () => {
    let asked = 0;
    const counting = rememberRegisteredCommunities(
      {
        isRegistered: (em, id) => (asked++, referenceProjectionCommunities.isRegistered(em, id)),
        isRegisteredRegion: (em, id) => (asked++, referenceProjectionCommunities.isRegisteredRegion(em, id)),
      },
      afterCommitOf(subgraph.orm),
    );
    const code = '350203008102';
    await subgraph.orm.em.fork().transactional(async (em) => {
      await applyReferenceFacts(em, { ...community(code), occurredAt: new Date() });
      expect(await counting.registered(em, code)).toBe(true);
      // not remembered before the commit: asked again
      expect(await counting.registered(em, code)).toBe(true);
    });
    expect(asked).toBe(2);
    // committed: remembered, no more questions
    expect(await counting.registered(subgraph.orm.em.fork(), code)).toBe(true);
    expect(asked).toBe(2);

    const other = '350203008103';
    await subgraph.orm.em
      .fork()
      .transactional((em) => applyReferenceFacts(em, { ...community(other), occurredAt: new Date() }));
    expect(await counting.registered(subgraph.orm.em.fork(), other)).toBe(true);
    expect(await counting.registered(subgraph.orm.em.fork(), other)).toBe(true);
    expect(asked).toBe(3);
  });
});
