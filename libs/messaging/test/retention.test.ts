import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { ormConfig } from '@shequ/database';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import {
  OutboxMessage,
  ProcessedEvent,
  messagingEntities,
  messagingTableStats,
  pruneMessagingRows,
  retentionFromEnv,
} from '../src/index.js';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-12-02T08:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

describe.each(testDialects())('retention of outbox and inbox rows (%s)', (dialect) => {
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await MikroORM.init(
      ormConfig({
        location: testDatabaseLocation(dialect, 'retention'),
        entities: messagingEntities,
        migrations: { sqlite: [], postgresql: [] },
      }),
    );
    await orm.schema.createSchema();
    const em = orm.em.fork();
    const outboxRow = (id: string, createdAt: Date, sentAt: Date | null) =>
      em.create(OutboxMessage, { id, subject: 's', payload: '{}', createdAt, sentAt, attempts: 0, lastError: null });
    outboxRow('o-old-sent', daysAgo(10), daysAgo(10));
    outboxRow('o-new-sent', daysAgo(1), daysAgo(1));
    outboxRow('o-old-pending', daysAgo(20), null);
    em.create(ProcessedEvent, { consumer: 'cases__residents', eventId: 'e-old', processedAt: daysAgo(9) });
    em.create(ProcessedEvent, { consumer: 'cases__residents', eventId: 'e-new', processedAt: daysAgo(2) });
    await em.flush();
  });

  afterAll(async () => {
    await orm?.close(true);
  });

  it('reports sizes and oldest ages, prunes sent and processed rows past retention, never pending ones', async () => {
    const before = await messagingTableStats(orm, now);
    expect(before).toEqual([
      { table: 'outbox_pending', rows: 1, oldestAgeSeconds: (20 * DAY) / 1000 },
      { table: 'outbox_sent', rows: 2, oldestAgeSeconds: (10 * DAY) / 1000 },
      { table: 'inbox_processed_event', rows: 2, oldestAgeSeconds: (9 * DAY) / 1000 },
    ]);
    const retention = retentionFromEnv({});
    expect(await pruneMessagingRows(orm, retention, now)).toEqual({ outbox: 1, inbox: 1 });
    const left = await orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
    expect(left.map((row) => row.id)).toEqual(['o-new-sent', 'o-old-pending']);
    expect(() => retentionFromEnv({ SHEQU_INBOX_RETENTION_DAYS: '0' })).toThrow(/SHEQU_INBOX_RETENTION_DAYS/);
  });

  it('prunes a backlog larger than a batch in several short statements, every old row, no other', async () => {
    const em = orm.em.fork();
    for (let i = 0; i < 7; i++) {
      em.create(OutboxMessage, {
        id: `o-backlog-${i}`,
        subject: 's',
        payload: '{}',
        createdAt: daysAgo(30),
        sentAt: daysAgo(30),
        attempts: 0,
        lastError: null,
      });
      em.create(ProcessedEvent, { consumer: `c-${i % 2}`, eventId: `e-backlog-${i}`, processedAt: daysAgo(30) });
    }
    await em.flush();
    expect(await pruneMessagingRows(orm, retentionFromEnv({}), now, 3)).toEqual({ outbox: 7, inbox: 7 });
    expect(await pruneMessagingRows(orm, retentionFromEnv({}), now, 3)).toEqual({ outbox: 0, inbox: 0 });
    const left = await orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
    expect(left.map((row) => row.id)).toEqual(['o-new-sent', 'o-old-pending']);
    expect((await orm.em.fork().find(ProcessedEvent, {})).map((row) => row.eventId)).toEqual(['e-new']);
  });
});
