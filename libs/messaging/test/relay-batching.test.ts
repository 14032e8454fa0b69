import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySchema, MikroORM } from '@mikro-orm/core';
import { ormConfig } from '@shequ/database';
import type { NatsConnection } from '@nats-io/nats-core';
import { ResidentDeceased, STREAM_NAME } from '@shequ/contracts';
import { startNatsServer, testDatabaseLocation, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import {
  EventConsumer,
  NatsBus,
  Outbox,
  OutboxMessage,
  OutboxRelay,
  ProcessedEvent,
  listDeadLetters,
  messagingEntities,
} from '../src/index.js';

/** What the consumer applied, in the order it applied it. */
class Applied {
  id!: string;
  residentId!: string;
  version!: number;
  seq!: number;
}
const AppliedSchema = new EntitySchema<Applied>({
  class: Applied,
  properties: {
    id: { type: 'string', primary: true },
    residentId: { type: 'string' },
    version: { type: 'integer' },
    seq: { type: 'integer' },
  },
});

async function scratchOrm(dialect: 'sqlite' | 'postgresql', label: string) {
  const orm = await MikroORM.init(
    ormConfig({
      location: testDatabaseLocation(dialect, label),
      entities: [...messagingEntities, AppliedSchema],
      migrations: { sqlite: [], postgresql: [] },
    }),
  );
  await orm.schema.createSchema();
  return orm;
}

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-b' };

describe.each(testDialects())(
  'relay woken by the commit, batches with acks in flight, batched consumer (%s)',
  (dialect) => {
    let nats: NatsServerHandle;
    let publisherOrm: MikroORM;
    let consumerOrm: MikroORM;
    let publisherBus: NatsBus;
    let consumerBus: NatsBus;
    let relay: OutboxRelay;
    let consumer: EventConsumer;
    const outbox = new Outbox('residents');
    let seq = 0;

    beforeAll(async () => {
      nats = await startNatsServer();
      publisherOrm = await scratchOrm(dialect, 'batch_publisher');
      consumerOrm = await scratchOrm(dialect, 'batch_consumer');
      publisherBus = new NatsBus({
        servers: nats.url,
        name: 'residents-test',
        credentials: nats.credentials.residents,
      });
      consumerBus = new NatsBus({ servers: nats.url, name: 'cases-test', credentials: nats.credentials.cases });
      await Promise.all([publisherBus.firstConnection, consumerBus.firstConnection]);
      // the safety-net poll is a minute away: only the commit can wake the relay within these tests
      relay = new OutboxRelay({
        orm: publisherOrm,
        bus: publisherBus,
        pollIntervalMs: 60_000,
        batchSize: 50,
        lockRows: dialect === 'postgresql',
      });
      relay.start();
      consumer = new EventConsumer({
        service: 'cases',
        source: 'residents',
        orm: consumerOrm,
        bus: consumerBus,
        outbox: new Outbox('cases'),
        maxDeliver: 2,
      });
      consumer.on(ResidentDeceased, async (event, { em }) => {
        if (event.data.residentId === 'res-batch-poison') throw new Error('档案库暂不可用');
        // a handler with 20 ms of work that never waits (better-sqlite3 answers synchronously)
        if (event.data.residentId.startsWith('res-busy-')) for (const until = Date.now() + 20; Date.now() < until;);
        const row = new Applied();
        row.id = event.id;
        row.residentId = event.data.residentId;
        row.version = event.aggregateVersion;
        row.seq = ++seq;
        em.persist(row);
      });
      await relay.publishPending();
    });

    afterAll(async () => {
      await consumer?.stop();
      await relay?.stop();
      await Promise.all([publisherBus?.close(), consumerBus?.close()]);
      await Promise.all([publisherOrm?.close(true), consumerOrm?.close(true)]);
      await nats?.dispose();
    });

    const applied = (residentId: string) =>
      consumerOrm.em.fork().find(Applied, { residentId }, { orderBy: { seq: 'asc' } });

    it('is woken by the commit of a transaction, not by its flush (rows are invisible before the commit)', async () => {
      consumer.start();
      const event = await publisherOrm.em.fork().transactional(async (em) => {
        const added = outbox.add(em, ResidentDeceased, { residentId: 'res-wake', diedOn: '2026-12-01' }, meta);
        await em.flush();
        // the flush happened; the commit comes later: a relay woken now would find nothing and wait for its poll
        await new Promise((resolve) => setTimeout(resolve, 300));
        return added;
      });
      await waitFor(async () => (await applied('res-wake')).length === 1, {
        timeoutMs: 5_000,
        what: 'the event applied without waiting for the poll',
      });
      // marked sent once its ack is back (acks are marked in batches: the consumer may apply it first)
      await waitFor(
        async () => (await publisherOrm.em.fork().findOneOrFail(OutboxMessage, { id: event.id })).sentAt !== null,
        { timeoutMs: 5_000, what: 'the row marked sent' },
      );
    });

    it('publishes more rows than one batch with acks in flight, in order, and marks every row sent', async () => {
      const events = await publisherOrm.em
        .fork()
        .transactional(async (em) =>
          Array.from({ length: 120 }, (_, i) =>
            outbox.add(em, ResidentDeceased, { residentId: `res-burst-${i % 3}`, diedOn: '2026-12-02' }, meta),
          ),
        );
      for (const residentId of ['res-burst-0', 'res-burst-1', 'res-burst-2']) {
        const rows = await waitFor(
          async () => {
            const found = await applied(residentId);
            return found.length === 40 ? found : undefined;
          },
          { timeoutMs: 10_000, what: `40 events of ${residentId}` },
        );
        // every version applied (none stale, none skipped), in order
        expect(rows.map((row) => row.version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      }
      const unsent = await publisherOrm.em
        .fork()
        .count(OutboxMessage, { id: { $in: events.map((e) => e.id) }, sentAt: null });
      expect(unsent).toBe(0);
    });

    /** Stops the consumer, commits `count` events in one transaction and waits until the relay has sent them. */
    async function backlogOf(residentIds: string[]) {
      await consumer.stop();
      // the stopped consumer's last pull request must be gone from the server before the backlog is published: a
      // message delivered to it (the client no longer listens) would come back only after the 30 s ack wait, and the
      // faster the relay publishes, the likelier that race (it made this test flaky)
      const jsm = await consumerBus.jetstreamManager();
      await waitFor(async () => (await jsm.consumers.info(STREAM_NAME, consumer.durableName)).num_waiting === 0, {
        timeoutMs: 10_000,
        what: 'no pull request of the stopped consumer left on the server',
      });
      const events = await publisherOrm.em
        .fork()
        .transactional(async (em) =>
          residentIds.map((residentId) => outbox.add(em, ResidentDeceased, { residentId, diedOn: '2026-12-03' }, meta)),
        );
      await waitFor(async () => (await publisherOrm.em.fork().count(OutboxMessage, { sentAt: null })) === 0, {
        what: 'the backlog published',
      });
      return events;
    }

    it('applies a backlog in transactions of several events; a duplicate within it is applied once', async () => {
      const events = await backlogOf(Array.from({ length: 30 }, (_, i) => `res-backlog-${i}`));
      // a redelivery of an event of the backlog under a new message id: same event id, applied once
      const again = await publisherOrm.em.fork().findOneOrFail(OutboxMessage, { id: events[3].id });
      await publisherBus.jetstream().publish(again.subject, again.payload, { msgID: `${again.id}-again` });
      const before = { ...consumer.batches };

      consumer.start();
      await waitFor(
        async () => (await consumerOrm.em.fork().count(Applied, { residentId: { $like: 'res-backlog-%' } })) === 30,
        { timeoutMs: 10_000, what: 'the backlog applied' },
      );
      expect(await applied('res-backlog-3')).toHaveLength(1);
      const transactions = consumer.batches.transactions - before.transactions;
      const batched = consumer.batches.events - before.events;
      expect(transactions).toBeGreaterThan(0);
      expect(batched / transactions).toBeGreaterThan(1);
    });

    it('when one handler of a batch fails, applies its neighbours and retries and dead-letters the failing event alone', async () => {
      const events = await backlogOf(
        Array.from({ length: 12 }, (_, i) => (i === 6 ? 'res-batch-poison' : `res-neighbour-${i}`)),
      );
      consumer.start();
      await waitFor(
        async () => (await consumerOrm.em.fork().count(Applied, { residentId: { $like: 'res-neighbour-%' } })) === 11,
        { timeoutMs: 10_000, what: 'the 11 good events applied' },
      );
      const letters = await waitFor(
        async () => {
          const found = await listDeadLetters(consumerBus, { consumer: 'cases__residents' });
          return found.length > 0 ? found : undefined;
        },
        { timeoutMs: 20_000, what: 'the failing event dead-lettered' },
      );
      expect(letters.map((letter) => [letter.eventId, letter.deliveries])).toEqual([[events[6].id, 2]]);
      expect(await applied('res-batch-poison')).toHaveLength(0);
    });

    it('claims the inbox rows of a batch in one statement: a redelivered applied event stays applied once, a failing one is rolled back and dead-lettered alone', async () => {
      // applied once on its own first
      consumer.start();
      const [earlier] = await publisherOrm.em
        .fork()
        .transactional(async (em) => [
          outbox.add(em, ResidentDeceased, { residentId: 'res-claimed-earlier', diedOn: '2026-12-04' }, meta),
        ]);
      await waitFor(async () => (await applied('res-claimed-earlier')).length === 1, {
        what: 'the first event applied',
      });
      // then a backlog: new events, a failing one amid them, and the applied one again (a redelivery, new message id)
      const events = await backlogOf(['res-claimed-1', 'res-batch-poison', 'res-claimed-2', 'res-claimed-3']);
      const again = await publisherOrm.em.fork().findOneOrFail(OutboxMessage, { id: earlier.id });
      await publisherBus.jetstream().publish(again.subject, again.payload, { msgID: `${again.id}-redelivered` });
      const before = { ...consumer.batches };
      consumer.start();
      const letters = await waitFor(
        async () => {
          const found = await listDeadLetters(consumerBus, { consumer: 'cases__residents' });
          return found.some((letter) => letter.eventId === events[1].id) ? found : undefined;
        },
        { timeoutMs: 20_000, what: 'the failing event dead-lettered' },
      );
      await waitFor(
        async () => (await consumerOrm.em.fork().count(Applied, { residentId: { $like: 'res-claimed-%' } })) === 4,
        { timeoutMs: 10_000, what: 'the three new events applied' },
      );
      for (const residentId of ['res-claimed-earlier', 'res-claimed-1', 'res-claimed-2', 'res-claimed-3'])
        expect(await applied(residentId)).toHaveLength(1);
      expect(letters.filter((letter) => letter.eventId === events[1].id).map((letter) => letter.deliveries)).toEqual([
        2,
      ]);
      // the inbox holds the applied events once each, nothing of the failing one
      const inbox = await consumerOrm.em.fork().find(ProcessedEvent, {
        consumer: 'cases__residents',
        eventId: { $in: [earlier.id, ...events.map((event) => event.id)] },
      });
      expect(inbox.map((row) => row.eventId).sort()).toEqual(
        [earlier.id, events[0].id, events[2].id, events[3].id].sort(),
      );

      // a batch that commits: new events and a redelivery of an applied one, claimed together
      const later = await backlogOf(['res-claimed-4', 'res-claimed-5', 'res-claimed-6']);
      const first = await publisherOrm.em.fork().findOneOrFail(OutboxMessage, { id: events[0].id });
      await publisherBus.jetstream().publish(first.subject, first.payload, { msgID: `${first.id}-redelivered` });
      consumer.start();
      await waitFor(
        async () => (await consumerOrm.em.fork().count(Applied, { residentId: { $like: 'res-claimed-%' } })) === 7,
        { timeoutMs: 10_000, what: 'the later events applied' },
      );
      await waitFor(async () => consumer.batches.transactions > before.transactions, { what: 'a batch committed' });
      for (const residentId of ['res-claimed-1', 'res-claimed-4', 'res-claimed-5', 'res-claimed-6'])
        expect(await applied(residentId)).toHaveLength(1);
      expect(
        await consumerOrm.em.fork().count(ProcessedEvent, {
          consumer: 'cases__residents',
          eventId: { $in: [events[0].id, ...later.map((event) => event.id)] },
        }),
      ).toBe(4);
    });

    it('asks the server for more messages once three quarters of a batch have come, not every dozen', async () => {
      await backlogOf(Array.from({ length: 150 }, (_, i) => `res-pull-${i}`));
      const stats = () => (consumerBus as unknown as { connection: NatsConnection }).connection.stats();
      const before = stats().outMsgs;
      consumer.start();
      await waitFor(
        async () => (await consumerOrm.em.fork().count(Applied, { residentId: { $like: 'res-pull-%' } })) === 150,
        { timeoutMs: 10_000, what: 'the backlog applied' },
      );
      await waitFor(async () => stats().outMsgs - before >= 150, { what: 'the 150 acks sent' });
      // what the consumer's connection sent besides one ack per event: its pull requests (before: one after every 12
      // or 13 messages, 16 for this backlog) and, at start, the look for a former per-purpose durable
      const pulls = stats().outMsgs - before - 150 - 1;
      expect(pulls).toBeGreaterThan(0);
      expect(pulls).toBeLessThanOrEqual(7);
    });

    it('leaves the event loop free between the events of a backlog (a timer fires while it is applied)', async () => {
      await backlogOf(Array.from({ length: 60 }, (_, i) => `res-busy-${i}`));
      // a batch of 50 busy events is a second of work: a timer due every 5 ms counts the turns the loop had meanwhile.
      // With a turn after each event it fires about once an event; without, only between batches. (Counted, not
      // timed: on a loaded machine the process itself may wait long for a core.)
      let ticks = 0;
      const ticker = setInterval(() => void ticks++, 5);
      try {
        consumer.start();
        await waitFor(
          async () => (await consumerOrm.em.fork().count(Applied, { residentId: { $like: 'res-busy-%' } })) === 60,
          { timeoutMs: 20_000, what: 'the busy backlog applied' },
        );
      } finally {
        clearInterval(ticker);
      }
      expect(ticks).toBeGreaterThanOrEqual(30);
    });
  },
);
