import { MikroORM } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { ormConfig, type Orm } from '@shequ/database';
import { claimEvent } from '@shequ/messaging';
import { testDatabaseLocation } from '@shequ/testing';
import { casesEntities } from '../src/entities/index.js';
import { casesMigrations } from '../src/migrations/index.js';

// SQLite only: PostgreSQL tables have no rowid, and the migration is in the SQLite list alone
describe('the inbox_without_rowid migration on sqlite', () => {
  it('keeps every inbox row and record version, so an event applied before it is still a duplicate after', async () => {
    const location = testDatabaseLocation('sqlite', 'inbox_without_rowid');
    const list = await casesMigrations.load('sqlite');
    const orm = (await MikroORM.init(
      ormConfig({ location, entities: casesEntities, migrations: { sqlite: list, postgresql: list } }),
    )) as Orm;
    try {
      await orm.getMigrator().up({ to: 'Migration20261202173337_case_area_rollup' });
      const connection = orm.em.getConnection();
      const at = new Date('2026-12-01T02:00:00Z');
      await connection.execute(
        `insert into inbox_processed_event (consumer, event_id, processed_at) values
         ('cases__residents', 'e-1', ?), ('cases__references__residents', 'e-1', ?), ('cases__residents', 'e-2', ?)`,
        [at, at, at],
      );
      await connection.execute(
        `insert into inbox_projection_version (consumer, aggregate, aggregate_id, version) values
         ('cases__residents', 'residents.resident', 'r-1', 3), ('cases__references__residents', 'residents.resident', 'r-1', 2)`,
      );
      const withoutRowid = async (table: string) => {
        const rows = await connection.execute<Array<{ sql: string }>>(
          `select sql from sqlite_master where type = 'table' and name = ?`,
          [table],
        );
        return rows[0].sql.includes('without rowid');
      };
      expect(await withoutRowid('inbox_processed_event')).toBe(false);

      const applied = await orm.getMigrator().up();
      expect(applied.map((m) => m.name)).toContain('Migration20261204120000_inbox_without_rowid');
      expect(await withoutRowid('inbox_processed_event')).toBe(true);
      expect(await withoutRowid('inbox_projection_version')).toBe(true);
      expect(
        await connection.execute(
          `select consumer, event_id, processed_at from inbox_processed_event order by consumer, event_id`,
        ),
      ).toEqual([
        { consumer: 'cases__references__residents', event_id: 'e-1', processed_at: at.getTime() },
        { consumer: 'cases__residents', event_id: 'e-1', processed_at: at.getTime() },
        { consumer: 'cases__residents', event_id: 'e-2', processed_at: at.getTime() },
      ]);
      expect(
        await connection.execute(
          `select consumer, aggregate, aggregate_id, version from inbox_projection_version order by consumer`,
        ),
      ).toEqual([
        { consumer: 'cases__references__residents', aggregate: 'residents.resident', aggregate_id: 'r-1', version: 2 },
        { consumer: 'cases__residents', aggregate: 'residents.resident', aggregate_id: 'r-1', version: 3 },
      ]);
      // an event claimed before the migration is a duplicate after it; a new one is claimed once
      const em = orm.em.fork();
      await em.transactional(async (tx) => {
        expect(await claimEvent(tx, 'cases__residents', 'e-1', new Date())).toBe(false);
        expect(await claimEvent(tx, 'cases__webhooks__residents', 'e-1', new Date())).toBe(true);
        expect(await claimEvent(tx, 'cases__webhooks__residents', 'e-1', new Date())).toBe(false);
      });
    } finally {
      await orm.close(true);
    }
  });
});
