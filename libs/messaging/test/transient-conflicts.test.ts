import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySchema, MikroORM, type EntityManager } from '@mikro-orm/core';
import { ormConfig } from '@shequ/database';
import { ResidentDeceased, type EventEnvelope } from '@shequ/contracts';
import { startNatsServer, testDatabaseLocation, testDialects, type NatsServerHandle } from '@shequ/testing';
import { EventConsumer, NatsBus, Outbox, ProcessedEvent, envelopeFor, messagingEntities } from '../src/index.js';

/** Rows the handler locks, and what it applied. */
class Slot {
  id!: string;
  holder!: string;
}
const SlotSchema = new EntitySchema<Slot>({
  class: Slot,
  properties: { id: { type: 'string', primary: true }, holder: { type: 'string' } },
});

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-d' };

function delivered(event: EventEnvelope, deliveryCount = 1) {
  const settled: string[] = [];
  return {
    settled,
    subject: event.subject,
    data: new TextEncoder().encode(JSON.stringify(event)),
    info: { deliveryCount, streamSequence: 1 } as never,
    ack: () => void settled.push('ack'),
    nak: () => void settled.push('nak'),
    term: () => void settled.push('term'),
  };
}

/**
 * A real deadlock on PostgreSQL: the handler's transaction holds slot `a` and waits for `b`, which another
 * transaction holds while it waits for `a`. The handler's side checks for the cycle first (a short
 * `deadlock_timeout`), so PostgreSQL aborts the consumer's transaction (40P01) and the other one commits.
 */
/** A statement in the transaction of `em` (the core EntityManager type has no `execute`). */
function sql(em: EntityManager, text: string): Promise<unknown> {
  return em.getConnection().execute(text, [], 'all', em.getTransactionContext());
}

async function deadlockIn(em: EntityManager, orm: MikroORM): Promise<void> {
  await sql(em, `set local deadlock_timeout = '400ms'`);
  await sql(em, `select id from slot where id = 'a' for update`);
  let holdsB!: () => void;
  const bHeld = new Promise<void>((resolve) => (holdsB = resolve));
  const other = orm.em.fork().transactional(async (tx) => {
    await sql(tx, `set local deadlock_timeout = '20s'`);
    await sql(tx, `select id from slot where id = 'b' for update`);
    holdsB();
    await sql(tx, `select id from slot where id = 'a' for update`);
  });
  await bHeld;
  try {
    await sql(em, `select id from slot where id = 'b' for update`);
  } finally {
    // the other transaction gets `a` once this one is rolled back
    void other.catch(() => undefined);
  }
}

describe.each(testDialects().filter((d) => d === 'postgresql'))(
  'a deadlock in a consumer’s batch transaction (%s)',
  (dialect) => {
    let nats: NatsServerHandle;
    let orm: MikroORM;
    let bus: NatsBus;
    let consumer: EventConsumer;
    /** How many more runs of the handler of `res-deadlock` meet a deadlock. */
    let deadlocks = 0;
    let version = 0;

    beforeAll(async () => {
      nats = await startNatsServer();
      orm = await MikroORM.init(
        ormConfig({
          location: testDatabaseLocation(dialect, 'transient_conflicts'),
          entities: [...messagingEntities, SlotSchema],
          migrations: { sqlite: [], postgresql: [] },
        }),
      );
      await orm.schema.createSchema();
      await orm.em.fork().insertMany(Slot, [
        { id: 'a', holder: '' },
        { id: 'b', holder: '' },
      ]);
      bus = new NatsBus({ servers: nats.url, name: 'cases-test', credentials: nats.credentials.cases });
      await bus.firstConnection;
      consumer = new EventConsumer({
        service: 'cases',
        source: 'residents',
        orm,
        bus,
        outbox: new Outbox('cases'),
        maxDeliver: 2,
      }).on(ResidentDeceased, async (event, { em }) => {
        if (event.data.residentId === 'res-deadlock' && deadlocks > 0) {
          deadlocks -= 1;
          await deadlockIn(em, orm);
        }
        await em.nativeUpdate(Slot, { id: 'a' }, { holder: event.data.residentId });
      });
    });

    afterAll(async () => {
      await bus?.close();
      await orm?.close(true);
      await nats?.dispose();
    });

    const deceased = (residentId: string) =>
      envelopeFor(ResidentDeceased, { residentId, diedOn: '2026-12-03' }, { ...meta, aggregateVersion: ++version });

    it('runs the whole batch again, as one transaction, without a failed delivery', async () => {
      const events = ['res-before', 'res-deadlock', 'res-after'].map(deceased);
      const messages = events.map((event) => delivered(event));
      // the first two runs of the batch are aborted: taken apart after the first, the deadlocked event's own
      // transaction would meet the second and be handed back (nak: a delivery counted toward dead-lettering)
      deadlocks = 2;
      const before = consumer.batches.transactions;
      const outcomes = await consumer.processBatch(messages);
      expect(deadlocks).toBe(0);
      expect(outcomes).toEqual(['applied', 'applied', 'applied']);
      expect(messages.map((m) => m.settled)).toEqual([['ack'], ['ack'], ['ack']]);
      // applied together, in one transaction (not one by one)
      expect(consumer.batches.transactions - before).toBe(1);
      for (const event of events)
        expect(await orm.em.fork().count(ProcessedEvent, { consumer: consumer.name, eventId: event.id })).toBe(1);
      expect((await orm.em.fork().findOneOrFail(Slot, { id: 'a' })).holder).toBe('res-after');
    });

    it('a single event’s transaction aborted by a deadlock is run again before it counts as a failed delivery', async () => {
      const event = deceased('res-deadlock');
      const message = delivered(event);
      deadlocks = 1;
      expect(await consumer.process(message)).toBe('applied');
      expect(message.settled).toEqual(['ack']);
    });
  },
);

describe.each(testDialects())('any other failure in a consumer’s batch (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let orm: MikroORM;
  let bus: NatsBus;
  let runs = 0;

  beforeAll(async () => {
    nats = await startNatsServer();
    orm = await MikroORM.init(
      ormConfig({
        location: testDatabaseLocation(dialect, 'other_failures'),
        entities: [...messagingEntities, SlotSchema],
        migrations: { sqlite: [], postgresql: [] },
      }),
    );
    await orm.schema.createSchema();
    bus = new NatsBus({ servers: nats.url, name: 'cases-test', credentials: nats.credentials.cases });
    await bus.firstConnection;
  });
  afterAll(async () => {
    await bus?.close();
    await orm?.close(true);
    await nats?.dispose();
  });

  it('is not run again as a conflict: the batch is taken apart at once and the failing event handed back', async () => {
    const consumer = new EventConsumer({
      service: 'cases',
      source: 'residents',
      orm,
      bus,
      outbox: new Outbox('cases'),
      maxDeliver: 5,
    }).on(ResidentDeceased, async (event) => {
      if (event.data.residentId === 'res-broken') {
        runs += 1;
        throw new Error('档案库暂不可用');
      }
    });
    const events = ['res-1', 'res-broken'].map((residentId, i) =>
      envelopeFor(ResidentDeceased, { residentId, diedOn: '2026-12-03' }, { ...meta, aggregateVersion: i + 1 }),
    );
    const messages = events.map((event) => delivered(event));
    expect(await consumer.processBatch(messages)).toEqual(['applied', 'failed']);
    // once in the batch, once alone: no run again for a failure that is not the database's conflict
    expect(runs).toBe(2);
    expect(messages.map((m) => m.settled)).toEqual([['ack'], ['nak']]);
  });
});
