import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { BulkWrites, ormConfig } from '@shequ/database';
import { ResidentRegistered, ResidentUpdated } from '@shequ/contracts';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { BatchedEvents, Outbox, OutboxMessage, messagingEntities } from '../src/index.js';

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-c' };
const place = { householdId: 'h-1', buildingId: 'b-1', gridId: 'g-1' };
const registered = (residentId: string) => ({
  residentId,
  ...place,
  gender: 'FEMALE' as const,
  birthDate: '1948-03-08',
  residenceType: 'REGISTERED' as const,
  residencePermitExpiresOn: null,
});
const updated = (residentId: string) => ({
  residentId,
  changedFields: ['phone'],
  residenceType: 'REGISTERED' as const,
  residencePermitExpiresOn: null,
});

describe.each(testDialects())('batched outbox events (%s)', (dialect) => {
  let orm: MikroORM;
  const outbox = new Outbox('residents');

  beforeAll(async () => {
    orm = await MikroORM.init(
      ormConfig({
        location: testDatabaseLocation(dialect, 'batched_events'),
        entities: [...messagingEntities],
        migrations: { sqlite: [], postgresql: [] },
      }),
    );
    await orm.schema.createSchema();
    // a record with two events already: the batch continues at 3
    const em = orm.em.fork();
    outbox.add(em, ResidentRegistered, registered('r-old'), meta);
    outbox.add(em, ResidentUpdated, updated('r-old'), meta);
    await em.flush();
  });
  afterAll(async () => {
    await orm?.close(true);
  });

  const versionsOf = async (residentId: string) =>
    (await orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } }))
      .map((m) => JSON.parse(m.payload) as { aggregateId: string; aggregateVersion: number; type: string })
      .filter((e) => e.aggregateId === residentId)
      .map((e) => [e.type, e.aggregateVersion]);

  it.each(['queued with the caller’s rows (BulkWrites)', 'through the ORM'])(
    'numbers new records from 1 without asking, raises existing ones from their counter: %s',
    async (how) => {
      const fresh = how.startsWith('queued') ? 'r-new-queued' : 'r-new-orm';
      await orm.em.fork().transactional(async (em) => {
        const events = new BatchedEvents(outbox, meta);
        events.record(ResidentRegistered, registered(fresh), { newRecord: true });
        events.record(ResidentUpdated, updated('r-old'));
        events.record(ResidentUpdated, updated(fresh), { newRecord: true });
        if (how.startsWith('queued')) {
          const writes = new BulkWrites();
          await events.writeTo(em, writes);
          expect(await em.count(OutboxMessage, {})).toBeLessThan(6); // not written until the caller flushes
          await writes.flush(em);
        } else await events.writeTo(em);
      });
      expect(await versionsOf(fresh)).toEqual([
        ['resident.registered', 1],
        ['resident.updated', 2],
      ]);
      // an event recorded one by one afterwards continues the counter the batch left
      const em = orm.em.fork();
      outbox.add(em, ResidentUpdated, updated(fresh), meta);
      await em.flush();
      expect((await versionsOf(fresh)).at(-1)).toEqual(['resident.updated', 3]);
    },
  );

  it('raised r-old once per batch that named it', async () => {
    expect((await versionsOf('r-old')).map(([, version]) => version)).toEqual([1, 2, 3, 4]);
  });
});
