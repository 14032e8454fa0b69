import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySchema, MikroORM } from '@mikro-orm/core';
import { ormConfig } from '@shequ/database';
import { ResidentDeceased, type EventEnvelope } from '@shequ/contracts';
import { startNatsServer, testDatabaseLocation, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import {
  EventConsumer,
  NatsBus,
  Outbox,
  OutboxMessage,
  OutboxRelay,
  listDeadLetters,
  messagingEntities,
  replayDeadLetters,
  deadLetterStats,
} from '../src/index.js';

/** A projection row the consumer writes, to observe how often an event was applied. */
class Obituary {
  id!: string;
  residentId!: string;
  diedOn!: string;
}
const ObituarySchema = new EntitySchema<Obituary>({
  class: Obituary,
  properties: {
    id: { type: 'string', primary: true },
    residentId: { type: 'string' },
    diedOn: { type: 'string' },
  },
});

async function scratchOrm(dialect: 'sqlite' | 'postgresql', label: string) {
  const orm = await MikroORM.init(
    ormConfig({
      location: testDatabaseLocation(dialect, label),
      entities: [...messagingEntities, ObituarySchema],
      migrations: { sqlite: [], postgresql: [] },
    }),
  );
  await orm.schema.createSchema();
  return orm;
}

/** A fault the handler hits for some residents until it is "fixed". */
let poisoned = true;

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-1' };

describe.each(testDialects())('outbox, relay and inbox on a real nats-server (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let publisherOrm: MikroORM;
  let consumerOrm: MikroORM;
  let publisherBus: NatsBus;
  let consumerBus: NatsBus;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  const outbox = new Outbox('residents');

  beforeAll(async () => {
    nats = await startNatsServer();
    publisherOrm = await scratchOrm(dialect, 'publisher');
    consumerOrm = await scratchOrm(dialect, 'consumer');
    // each as its own NATS user: the generated permissions must be enough for relay and consumer
    publisherBus = new NatsBus({ servers: nats.url, name: 'residents-test', credentials: nats.credentials.residents });
    consumerBus = new NatsBus({ servers: nats.url, name: 'cases-test', credentials: nats.credentials.cases });
    await Promise.all([publisherBus.firstConnection, consumerBus.firstConnection]);
    relay = new OutboxRelay({
      orm: publisherOrm,
      bus: publisherBus,
      pollIntervalMs: 200,
      lockRows: dialect === 'postgresql',
    });
    relay.start();
    consumer = new EventConsumer({
      service: 'cases',
      source: 'residents',
      orm: consumerOrm,
      bus: consumerBus,
      outbox: new Outbox('cases'),
      maxDeliver: 3,
    });
    consumer.on(ResidentDeceased, async (event, { em }) => {
      if (poisoned && event.data.residentId.startsWith('res-poison'))
        throw new Error(`档案库暂不可用：insert into "obituary" values ('13912345678')`);
      const row = new Obituary();
      row.id = event.id;
      row.residentId = event.data.residentId;
      row.diedOn = event.data.diedOn;
      em.persist(row);
    });
    consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await Promise.all([publisherBus?.close(), consumerBus?.close()]);
    await Promise.all([publisherOrm?.close(true), consumerOrm?.close(true)]);
    await nats?.dispose();
  });

  const obituaries = (residentId: string) => consumerOrm.em.fork().count(Obituary, { residentId });

  it('delivers an event committed while NATS is down once NATS is back', async () => {
    await nats.stop();
    await waitFor(() => !publisherBus.isConnected, { what: 'the bus to notice the outage' });

    const em = publisherOrm.em.fork();
    const event = outbox.add(em, ResidentDeceased, { residentId: 'res-outage', diedOn: '2026-11-01' }, meta);
    await em.flush();

    // The relay tries and fails while NATS is down: the row waits, unsent.
    await new Promise((r) => setTimeout(r, 600));
    const waiting = await publisherOrm.em.fork().findOneOrFail(OutboxMessage, { id: event.id });
    expect(waiting.sentAt).toBeNull();

    await nats.start();
    await waitFor(async () => (await obituaries('res-outage')) === 1, {
      timeoutMs: 20_000,
      what: 'delivery after restart',
    });
    // marked sent once the server's ack is back (acks are marked in batches: the consumer may apply it first)
    await waitFor(
      async () => (await publisherOrm.em.fork().findOneOrFail(OutboxMessage, { id: event.id })).sentAt !== null,
      { timeoutMs: 20_000, what: 'the row marked sent' },
    );
  });

  it('applies an event delivered twice only once', async () => {
    const em = publisherOrm.em.fork();
    const event = outbox.add(em, ResidentDeceased, { residentId: 'res-twice', diedOn: '2026-11-02' }, meta);
    await em.flush();
    await waitFor(async () => (await obituaries('res-twice')) === 1, { what: 'first delivery' });

    // A redelivery past the server's duplicate window: same event id, new message id.
    const envelope: EventEnvelope = JSON.parse(
      (await publisherOrm.em.fork().findOneOrFail(OutboxMessage, { id: event.id })).payload,
    );
    await publisherBus
      .jetstream()
      .publish(envelope.subject, JSON.stringify(envelope), { msgID: `${envelope.id}-again` });
    // …and a marker event after it, so we know the consumer has got past the duplicate.
    const em2 = publisherOrm.em.fork();
    outbox.add(em2, ResidentDeceased, { residentId: 'res-marker', diedOn: '2026-11-03' }, meta);
    await em2.flush();
    await waitFor(async () => (await obituaries('res-marker')) === 1, { what: 'marker delivery' });

    expect(await obituaries('res-twice')).toBe(1);
  });

  it('lets the server drop a second publish with the same message id', async () => {
    const em = publisherOrm.em.fork();
    const event = outbox.add(em, ResidentDeceased, { residentId: 'res-dedup', diedOn: '2026-11-04' }, meta);
    await em.flush();
    await waitFor(async () => (await obituaries('res-dedup')) === 1, { what: 'delivery' });
    const row = await publisherOrm.em.fork().findOneOrFail(OutboxMessage, { id: event.id });
    const ack = await publisherBus.jetstream().publish(row.subject, row.payload, { msgID: row.id });
    expect(ack.duplicate).toBe(true);
  });

  it('numbers the events of each record in the outbox transaction: 1, 2, … per aggregate', async () => {
    const first = publisherOrm.em.fork();
    const a1 = await first.transactional(async (em) =>
      outbox.add(em, ResidentDeceased, { residentId: 'res-v', diedOn: '2026-11-05' }, meta),
    );
    const other = await publisherOrm.em
      .fork()
      .transactional(async (em) =>
        outbox.add(em, ResidentDeceased, { residentId: 'res-w', diedOn: '2026-11-05' }, meta),
      );
    const a2 = await publisherOrm.em
      .fork()
      .transactional(async (em) =>
        outbox.add(em, ResidentDeceased, { residentId: 'res-v', diedOn: '2026-11-06' }, meta),
      );
    const versionOf = async (id: string) =>
      (JSON.parse((await publisherOrm.em.fork().findOneOrFail(OutboxMessage, { id })).payload) as EventEnvelope)
        .aggregateVersion;
    expect([await versionOf(a1.id), await versionOf(a2.id), await versionOf(other.id)]).toEqual([1, 2, 1]);
    expect(a2).toMatchObject({ aggregateId: 'res-v', aggregateVersion: 2 });
  });

  it('never applies an event older than what the projection holds (a late redelivery or a replay)', async () => {
    const em = publisherOrm.em.fork();
    const older = outbox.add(em, ResidentDeceased, { residentId: 'res-late', diedOn: '2026-11-07' }, meta);
    await em.flush();
    const em2 = publisherOrm.em.fork();
    outbox.add(em2, ResidentDeceased, { residentId: 'res-late', diedOn: '2026-11-08' }, meta);
    await em2.flush();
    await waitFor(async () => (await obituaries('res-late')) === 2, { what: 'both versions applied' });

    // the first version again under another event id (as a replay from elsewhere would): the inbox does not
    // know it, the record version does
    const stored: EventEnvelope = JSON.parse(
      (await publisherOrm.em.fork().findOneOrFail(OutboxMessage, { id: older.id })).payload,
    );
    expect(stored.aggregateVersion).toBe(1);
    const replay = { ...stored, id: '01900000-0000-7000-8000-000000000001' };
    await publisherBus.jetstream().publish(replay.subject, JSON.stringify(replay), { msgID: replay.id });
    const em3 = publisherOrm.em.fork();
    outbox.add(em3, ResidentDeceased, { residentId: 'res-late-marker', diedOn: '2026-11-09' }, meta);
    await em3.flush();
    await waitFor(async () => (await obituaries('res-late-marker')) === 1, { what: 'marker delivery' });

    expect(await obituaries('res-late')).toBe(2);
    expect(await consumerOrm.em.fork().count(Obituary, { id: replay.id })).toBe(0);
  });

  it('sends an event that keeps failing to the dead-letter subject with the reason, and replays it once fixed', async () => {
    poisoned = true;
    const em = publisherOrm.em.fork();
    const event = outbox.add(em, ResidentDeceased, { residentId: 'res-poison-1', diedOn: '2026-11-10' }, meta);
    await em.flush();
    const letters = await waitFor(
      async () => {
        const found = await listDeadLetters(consumerBus, { consumer: 'cases__residents' });
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: 20_000, what: 'a dead letter' },
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      consumer: 'cases__residents',
      service: 'cases',
      subject: 'shequ.residents.resident.deceased',
      eventId: event.id,
      deliveries: 3,
      // the reason without the values of the data the handler wrote (a statement's parameters: an ID number, a phone)
      reason: '档案库暂不可用：insert into "obituary" values (?)',
    });
    expect(consumer.deadLettered.get('resident.deceased')).toBe(1);
    expect(await obituaries('res-poison-1')).toBe(0);

    // a message that does not match its schema is dead-lettered at once, never dropped unseen
    const broken = { ...event, id: '01900000-0000-7000-8000-0000000000b1', data: { residentId: 'res-poison-2' } };
    await publisherBus.jetstream().publish(broken.subject, JSON.stringify(broken), { msgID: broken.id });
    await waitFor(async () => ((await listDeadLetters(consumerBus)).length === 2 ? true : undefined), {
      what: 'the broken message dead-lettered',
    });
    expect((await listDeadLetters(consumerBus)).find((l) => l.eventId === broken.id)?.reason).toMatch(/diedOn/);
    // sizes and the oldest age, as /metrics shows them
    const stats = await deadLetterStats(consumerBus, 'cases', new Date(Date.now() + 60_000));
    expect(stats.byConsumer).toEqual([{ consumer: 'cases__residents', letters: 2 }]);
    expect(stats.oldestAgeSeconds).toBeGreaterThanOrEqual(60);
    expect((await deadLetterStats(consumerBus, 'events', new Date())).byConsumer).toEqual([]);

    poisoned = false;
    // a replay publishes on the event's own subject: it runs as the NATS user of the service that published it
    expect(await replayDeadLetters(publisherBus, { consumer: 'cases__residents' })).toBe(2);
    await waitFor(async () => (await obituaries('res-poison-1')) === 1, { what: 'the replayed event applied' });
    // the broken one fails its schema again and is back among the dead letters; the fixed one is gone
    await waitFor(async () => ((await listDeadLetters(consumerBus)).length === 1 ? true : undefined), {
      what: 'only the broken message left',
    });
  });

  it('after a kill between publish and marking sent, does not publish the row again, however long ago', async () => {
    // a second process of the publishing service, killed after its publish: the row is in the stream, unsent here
    const orm = await scratchOrm(dialect, 'killed_relay');
    try {
      const em = orm.em.fork();
      const event = outbox.add(em, ResidentDeceased, { residentId: 'res-killed', diedOn: '2026-11-11' }, meta);
      await em.flush();
      const row = await orm.em.fork().findOneOrFail(OutboxMessage, { id: event.id });
      await publisherBus.publish(row.subject, row.payload, row.id);

      const restarted = new OutboxRelay({ orm, bus: publisherBus, lockRows: dialect === 'postgresql' });
      expect(await restarted.publishPending()).toBe(0);
      const marked = await orm.em.fork().findOneOrFail(OutboxMessage, { id: event.id });
      expect(marked.sentAt).not.toBeNull();
      await waitFor(async () => (await obituaries('res-killed')) === 1, { what: 'the one delivery' });
    } finally {
      await orm.close(true);
    }
  });

  it('rejects a payload that does not match the event schema, writing nothing', async () => {
    const em = publisherOrm.em.fork();
    expect(() => outbox.add(em, ResidentDeceased, { residentId: 'x', diedOn: 'yesterday' }, meta)).toThrow(/diedOn/);
    expect(() => outbox.add(em, { ...ResidentDeceased, source: 'cases' } as never, {} as never, meta)).toThrow(
      /cannot publish/,
    );
    expect(em.getUnitOfWork().getPersistStack().size).toBe(0);
  });
});
