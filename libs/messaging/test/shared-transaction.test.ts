import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySchema, MikroORM } from '@mikro-orm/core';
import { ormConfig } from '@shequ/database';
import { ResidentDeceased, type EventEnvelope } from '@shequ/contracts';
import { startNatsServer, testDatabaseLocation, testDialects, type NatsServerHandle } from '@shequ/testing';
import {
  EventConsumer,
  NatsBus,
  Outbox,
  ProcessedEvent,
  envelopeFor,
  listDeadLetters,
  messagingEntities,
} from '../src/index.js';

/** What each consumer applied. */
class Noted {
  id!: string;
  consumer!: string;
  eventId!: string;
}
const NotedSchema = new EntitySchema<Noted>({
  class: Noted,
  properties: {
    id: { type: 'string', primary: true },
    consumer: { type: 'string' },
    eventId: { type: 'string' },
  },
});

async function scratchOrm(dialect: 'sqlite' | 'postgresql', label: string) {
  const orm = await MikroORM.init(
    ormConfig({
      location: testDatabaseLocation(dialect, label),
      entities: [...messagingEntities, NotedSchema],
      migrations: { sqlite: [], postgresql: [] },
    }),
  );
  await orm.schema.createSchema();
  return orm;
}

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-s' };

/** A message as the server delivers it (the consumers are not started: the test hands them their batches). */
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

describe.each(testDialects())('consumers of one process share their transaction (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let orm: MikroORM;
  let bus: NatsBus;
  let projection: EventConsumer;
  let references: EventConsumer;
  let commits = 0;
  let version = 0;

  beforeAll(async () => {
    nats = await startNatsServer();
    orm = await scratchOrm(dialect, 'shared_consumers');
    bus = new NatsBus({ servers: nats.url, name: 'cases-test', credentials: nats.credentials.cases });
    await bus.firstConnection;
    orm.em.getEventManager().registerSubscriber({ afterTransactionCommit: () => void (commits += 1) });
    const settings = { service: 'cases' as const, source: 'residents' as const, orm, bus, outbox: new Outbox('cases') };
    const note =
      (consumer: string) =>
      async (event: EventEnvelope, { em }: { em: import('@mikro-orm/core').EntityManager }) => {
        if ((event.data as { residentId: string }).residentId === `poison-${consumer}`)
          throw new Error('档案库暂不可用');
        em.persist(Object.assign(new Noted(), { id: `${consumer}:${event.id}`, consumer, eventId: event.id }));
      };
    projection = new EventConsumer({ ...settings, maxDeliver: 2 }).on(ResidentDeceased, note('projection'));
    references = new EventConsumer({ ...settings, purpose: 'references', maxDeliver: 2 }).on(
      ResidentDeceased,
      note('references'),
    );
  });

  afterAll(async () => {
    await bus?.close();
    await orm?.close(true);
    await nats?.dispose();
  });

  const deceased = (residentId: string) =>
    envelopeFor(ResidentDeceased, { residentId, diedOn: '2026-12-03' }, { ...meta, aggregateVersion: ++version });
  const noted = (consumer: string, eventId: string) => orm.em.fork().count(Noted, { consumer, eventId });
  const inbox = (consumer: string, eventId: string) => orm.em.fork().count(ProcessedEvent, { consumer, eventId });

  it('applies the batches that two consumers have ready at the same moment in one transaction', async () => {
    const event = deceased('res-shared');
    const [a, b] = [delivered(event), delivered(event)];
    const before = commits;
    const outcomes = await Promise.all([projection.processBatch([a]), references.processBatch([b])]);
    expect(outcomes).toEqual([['applied'], ['applied']]);
    // one commit for both consumers (each in a transaction of its own before)
    expect(commits - before).toBe(1);
    expect(a.settled).toEqual(['ack']);
    expect(b.settled).toEqual(['ack']);
    for (const consumer of ['projection', 'references']) expect(await noted(consumer, event.id)).toBe(1);
    expect(await inbox(projection.name, event.id)).toBe(1);
    expect(await inbox(references.name, event.id)).toBe(1);

    // each consumer keeps its own inbox: the same event again is a duplicate for both, applied by neither
    const again = await Promise.all([
      projection.processBatch([delivered(event)]),
      references.processBatch([delivered(event)]),
    ]);
    expect(again).toEqual([['duplicate'], ['duplicate']]);
    for (const consumer of ['projection', 'references']) expect(await noted(consumer, event.id)).toBe(1);
  });

  it("one consumer's failing event does not hold back the other's: it alone is retried, then dead-lettered", async () => {
    const good = deceased('res-innocent');
    const poison = deceased('poison-references');
    const [a, b] = [delivered(good), delivered(poison)];
    const outcomes = await Promise.all([projection.processBatch([a]), references.processBatch([b])]);
    // the innocent batch is applied (again, after the shared transaction rolled back); the failing event is handed
    // back for redelivery, and nothing of it stays
    expect(outcomes).toEqual([['applied'], ['failed']]);
    expect(a.settled).toEqual(['ack']);
    expect(b.settled).toEqual(['nak']);
    expect(await noted('projection', good.id)).toBe(1);
    expect(await inbox(references.name, poison.id)).toBe(0);
    expect(await noted('references', poison.id)).toBe(0);

    // its last delivery: dead-lettered; the other consumer's next event is applied beside it
    const next = deceased('res-after');
    const [c, d] = [delivered(next), delivered(poison, 2)];
    expect(await Promise.all([projection.processBatch([c]), references.processBatch([d])])).toEqual([
      ['applied'],
      ['dead_lettered'],
    ]);
    expect(d.settled).toEqual(['term']);
    expect(await noted('projection', next.id)).toBe(1);
    const letters = await listDeadLetters(bus, { consumer: references.name });
    expect(letters.map((letter) => letter.eventId)).toContain(poison.id);
  });

  it('a consumer may keep a transaction of its own (shareTransactions: false)', async () => {
    const own = new EventConsumer({
      service: 'cases',
      source: 'residents',
      purpose: 'webhooks',
      orm,
      bus,
      outbox: new Outbox('cases'),
      shareTransactions: false,
    }).on(ResidentDeceased, async () => undefined);
    const event = deceased('res-own');
    const before = commits;
    await Promise.all([projection.processBatch([delivered(event)]), own.processBatch([delivered(event)])]);
    expect(commits - before).toBe(2);
  });
});
