import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySchema, MikroORM, type EntityManager } from '@mikro-orm/core';
import { ormConfig, statementsDuring } from '@shequ/database';
import { ResidentDeceased, type EventEnvelope } from '@shequ/contracts';
import { startNatsServer, testDatabaseLocation, testDialects, type NatsServerHandle } from '@shequ/testing';
import {
  EventConsumer,
  NatsBus,
  Outbox,
  ProcessedEvent,
  ProjectionVersion,
  SourceConsumer,
  envelopeFor,
  messagingEntities,
} from '../src/index.js';

/** What the handler applied, in order. */
class Applied {
  seq!: number;
  eventId!: string;
  residentId!: string;
}
const AppliedSchema = new EntitySchema<Applied>({
  class: Applied,
  properties: {
    seq: { type: 'integer', primary: true },
    eventId: { type: 'string' },
    residentId: { type: 'string' },
  },
});

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-v' };

function delivered(event: EventEnvelope) {
  const settled: string[] = [];
  return {
    settled,
    subject: event.subject,
    data: new TextEncoder().encode(JSON.stringify(event)),
    info: { deliveryCount: 1, streamSequence: 1 } as never,
    ack: () => void settled.push('ack'),
    nak: () => void settled.push('nak'),
    term: () => void settled.push('term'),
  };
}

/** The version claims (`insert into inbox_projection_version`, or `table`) statements run while `work` runs. */
async function versionStatements(
  orm: MikroORM,
  work: () => Promise<unknown>,
  table = 'inbox_projection_version',
): Promise<number> {
  return (await statementsDuring(orm, work)).filter((sql) => sql.startsWith(`insert into ${table}`)).length;
}

describe.each(testDialects())('a batch claims its records’ versions in one statement (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let orm: MikroORM;
  let bus: NatsBus;
  let consumer: EventConsumer;
  let seq = 0;

  beforeAll(async () => {
    nats = await startNatsServer();
    orm = await MikroORM.init(
      ormConfig({
        location: testDatabaseLocation(dialect, 'batch_version_claims'),
        entities: [...messagingEntities, AppliedSchema],
        migrations: { sqlite: [], postgresql: [] },
      }),
    );
    await orm.schema.createSchema();
    bus = new NatsBus({ servers: nats.url, name: 'cases-test', credentials: nats.credentials.cases });
    await bus.firstConnection;
    const record = (event: EventEnvelope, { em }: { em: EntityManager }) => {
      em.persist(
        Object.assign(new Applied(), {
          seq: ++seq,
          eventId: event.id,
          residentId: (event.data as { residentId: string }).residentId,
        }),
      );
      return Promise.resolve();
    };
    consumer = new EventConsumer({
      service: 'cases',
      source: 'residents',
      orm,
      bus,
      outbox: new Outbox('cases'),
    }).on(ResidentDeceased, record);
  });

  afterAll(async () => {
    await bus?.close();
    await orm?.close(true);
    await nats?.dispose();
  });

  const deceased = (residentId: string, aggregateVersion: number) =>
    envelopeFor(ResidentDeceased, { residentId, diedOn: '2026-12-03' }, { ...meta, aggregateVersion });
  const stored = async (residentId: string) =>
    (await orm.em.fork().findOne(ProjectionVersion, { consumer: consumer.name, aggregateId: residentId }))?.version;
  const appliedIds = async () =>
    (await orm.em.fork().find(Applied, {}, { orderBy: { seq: 'asc' } })).map((row) => row.eventId);

  it('applies each event only if newer, in stream order, as one claim per event did', async () => {
    // stored before the batch: res-c at version 3
    const c3 = deceased('res-c', 3);
    expect(await consumer.processBatch([delivered(c3)])).toEqual(['applied']);
    const [a1, b1, a2, c1, a0, d1] = [
      deceased('res-a', 1),
      deceased('res-b', 1),
      deceased('res-a', 2), // the record's second event in the batch: newer than the first
      deceased('res-c', 1), // older than what is stored: stale
      deceased('res-a', 1), // a later event (another id) of an older version: stale after a2
      deceased('res-d', 1),
    ];
    const messages = [a1, b1, a2, c1, a0, d1].map(delivered);
    let outcomes: unknown;
    const statements = await versionStatements(orm, async () => (outcomes = await consumer.processBatch(messages)));
    expect(outcomes).toEqual(['applied', 'applied', 'applied', 'stale', 'stale', 'applied']);
    // res-a, res-b, res-c and res-d in one statement; res-a's second and third event each at its turn
    expect(statements).toBe(3);
    expect(messages.every((m) => m.settled.join() === 'ack')).toBe(true);
    expect(await stored('res-a')).toBe(2);
    expect(await stored('res-b')).toBe(1);
    expect(await stored('res-c')).toBe(3);
    expect(await stored('res-d')).toBe(1);
    // the handler ran for the newer events only, in stream order
    expect(await appliedIds()).toEqual([c3.id, a1.id, b1.id, a2.id, d1.id]);

    // the whole batch again: every event a duplicate, nothing applied twice, no version moved
    expect(await consumer.processBatch([a1, b1, a2, c1, a0, d1].map(delivered))).toEqual(Array(6).fill('duplicate'));
    expect(await appliedIds()).toEqual([c3.id, a1.id, b1.id, a2.id, d1.id]);
    expect(await stored('res-a')).toBe(2);
  });

  it('a batch of ten records claims their versions in one statement (ten before)', async () => {
    const events = Array.from({ length: 10 }, (_, i) => deceased(`res-many-${i}`, 1));
    let outcomes: unknown;
    const statements = await versionStatements(
      orm,
      async () => (outcomes = await consumer.processBatch(events.map(delivered))),
    );
    expect(outcomes).toEqual(Array(10).fill('applied'));
    expect(statements).toBe(1);
    for (let i = 0; i < 10; i++) expect(await stored(`res-many-${i}`)).toBe(1);
  });

  it('claims the inbox rows and versions of all the purposes of a durable in one statement each (one per purpose before)', async () => {
    const settings = { service: 'cases' as const, source: 'residents' as const, orm, bus, outbox: new Outbox('cases') };
    const names: string[] = [];
    const purposes = [undefined, 'references', 'webhooks'].map((purpose) =>
      new EventConsumer({ ...settings, purpose }).on(ResidentDeceased, (event) => {
        names.push(`${purpose ?? 'domain'}:${(event.data as { residentId: string }).residentId}`);
        return Promise.resolve();
      }),
    );
    const durable = new SourceConsumer(purposes);
    const events = Array.from({ length: 5 }, (_, i) => deceased(`res-all-${i}`, 1));
    let outcomes: unknown;
    let inbox = 0;
    const versions = await versionStatements(orm, async () => {
      inbox = await versionStatements(
        orm,
        async () => (outcomes = await durable.processBatch(events.map(delivered))),
        'inbox_processed_event',
      );
    });
    expect(outcomes).toEqual([Array(5).fill('applied'), Array(5).fill('applied'), Array(5).fill('applied')]);
    expect(inbox).toBe(1);
    expect(versions).toBe(1);
    // each purpose its own rows
    for (const purpose of purposes) {
      expect(
        await orm.em.fork().count(ProjectionVersion, { consumer: purpose.name, aggregateId: { $like: 'res-all-%' } }),
      ).toBe(5);
      expect(
        await orm.em
          .fork()
          .count(ProcessedEvent, { consumer: purpose.name, eventId: { $in: events.map((e) => e.id) } }),
      ).toBe(5);
    }
    expect(names).toHaveLength(15);
    // again: a duplicate for every purpose
    expect(await durable.processBatch(events.map(delivered))).toEqual([
      Array(5).fill('duplicate'),
      Array(5).fill('duplicate'),
      Array(5).fill('duplicate'),
    ]);
    expect(names).toHaveLength(15);
  });
});
