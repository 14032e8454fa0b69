import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { ormConfig } from '@shequ/database';
import { EventCompleted, ResidentDeceased } from '@shequ/contracts';
import { startNatsServer, testDatabaseLocation, waitFor, type NatsServerHandle } from '@shequ/testing';
import {
  EventConsumer,
  NatsBus,
  Outbox,
  envelopeFor,
  messagingEntities,
  startEventConsumers,
  type SourceConsumer,
} from '../src/index.js';

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-b' };

// what /metrics shows as shequ_events_consumer_backlog: a benchmark waits for 0 before it measures
describe('a durable’s backlog', () => {
  let nats: NatsServerHandle;
  let orm: MikroORM;
  let publisher: NatsBus;
  let events: NatsBus;
  let bus: NatsBus;
  let durables: SourceConsumer[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let applied = 0;

  beforeAll(async () => {
    nats = await startNatsServer();
    orm = await MikroORM.init(
      ormConfig({
        location: testDatabaseLocation('sqlite', 'consumer_backlog'),
        entities: [...messagingEntities],
        migrations: { sqlite: [], postgresql: [] },
      }),
    );
    await orm.schema.createSchema();
    publisher = new NatsBus({ servers: nats.url, name: 'residents-test', credentials: nats.credentials.residents });
    events = new NatsBus({ servers: nats.url, name: 'events-test', credentials: nats.credentials.events });
    bus = new NatsBus({ servers: nats.url, name: 'cases-test', credentials: nats.credentials.cases });
    await Promise.all([publisher.firstConnection, events.firstConnection, bus.firstConnection]);
  });
  afterAll(async () => {
    release?.();
    await Promise.all(durables.map((durable) => durable.stop()));
    await Promise.all([publisher?.close(), events?.close(), bus?.close()]);
    await orm?.close(true);
    await nats?.dispose();
  });

  it('counts what the server still holds and what is read but not applied, and is 0 once caught up', async () => {
    for (let i = 0; i < 40; i++) {
      const event = envelopeFor(ResidentDeceased, { residentId: `res-backlog-${i}`, diedOn: '2026-12-05' }, meta);
      await publisher.publish(event.subject, JSON.stringify(event), event.id);
    }
    const consumer = new EventConsumer({
      service: 'cases',
      source: 'residents',
      orm,
      bus,
      outbox: new Outbox('cases'),
      batchSize: 10,
    }).on(ResidentDeceased, async () => {
      await gate;
      applied += 1;
    });
    durables = startEventConsumers([consumer]);
    const [durable] = durables;
    expect(durable.backlog).toBe(0); // nothing delivered yet: not known
    // the first batch is held by its handler: the rest waits on the server or in the queue
    await waitFor(() => durable.backlog > 0, { what: 'a backlog known from the first delivery' });
    expect(durable.backlog).toBeLessThanOrEqual(40);
    expect(applied).toBe(0);
    // the server's count: everything not yet applied (undelivered, or delivered and not acknowledged)
    expect(await durable.currentBacklog()).toBe(40);
    release();
    await waitFor(() => applied === 40 && durable.backlog === 0, { timeoutMs: 20_000, what: 'caught up' });
    expect(await durable.currentBacklog()).toBe(0);
  });

  // /metrics reads the backlog from the server (`currentBacklog`): the estimate from the last delivered message's
  // `info.pending` was seen stuck at 37 and 75 "to apply" in the e2e system for minutes while the server reported the
  // durable caught up (num_pending 0, num_ack_pending 0), and federated-graph's settled-system test timed out. Here the
  // durable, filtered to residents' subjects, with other services publishing after residents' last message, reads 0.
  it('reads 0 from the server once caught up, other services publishing after its last message', async () => {
    const [durable] = durables;
    for (let i = 0; i < 5; i++) {
      const event = envelopeFor(ResidentDeceased, { residentId: `res-filtered-${i}`, diedOn: '2026-12-05' }, meta);
      await publisher.publish(event.subject, JSON.stringify(event), event.id);
    }
    for (let i = 0; i < 30; i++) {
      const event = envelopeFor(
        EventCompleted,
        { eventId: `event-filtered-${i}`, completedAt: '2026-12-05T10:00:00.000Z', attended: 0 },
        meta,
      );
      await events.publish(event.subject, JSON.stringify(event), event.id);
    }
    await waitFor(() => applied === 45, { what: 'the five residents events applied' });
    await waitFor(async () => (await durable.currentBacklog()) === 0, { what: 'the server’s count at 0' });
    expect(await durable.currentBacklog()).toBe(0);
  });
});
