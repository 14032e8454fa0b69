import { deepStrictEqual, ok } from 'node:assert/strict';
import { MikroORM } from '@mikro-orm/core';
import { STREAM_NAME } from '@shequ/contracts';
import { ormConfig, type LazyMigrationLists, type Orm } from '@shequ/database';
import { POSITION_AGGREGATE, claimEvent, claimVersion, readPositions } from '@shequ/messaging';
import { testDatabaseLocation, type TestDialect } from '@shequ/testing';

/** The SQLite migration of every service that turns its inbox tables `WITHOUT ROWID` (INBOX_WITHOUT_ROWID_SQL). */
export const INBOX_WITHOUT_ROWID_MIGRATION = 'Migration20261204120000_inbox_without_rowid';

/**
 * Runs a service's SQLite migrations up to the one before `…_inbox_without_rowid`, writes inbox rows and record
 * versions, runs the rest, and asserts (node:assert) that both tables are then `WITHOUT ROWID` with the same rows,
 * and that an event claimed before the migration is still a duplicate after it while a new one is claimed once.
 */
export async function checkInboxWithoutRowidMigration(service: {
  migrations: LazyMigrationLists;
  entities: unknown[];
}): Promise<void> {
  const location = testDatabaseLocation('sqlite', 'inbox_without_rowid');
  const list = await service.migrations.load('sqlite');
  const at = list.findIndex((migration) => migration.name === INBOX_WITHOUT_ROWID_MIGRATION);
  ok(at > 0, `the SQLite migrations hold ${INBOX_WITHOUT_ROWID_MIGRATION}`);
  const orm = (await MikroORM.init(
    ormConfig({
      location,
      entities: service.entities as never,
      migrations: { sqlite: list, postgresql: list },
    }),
  )) as Orm;
  try {
    await orm.getMigrator().up({ to: list[at - 1].name });
    const connection = orm.em.getConnection();
    const when = new Date('2026-12-01T02:00:00Z');
    await connection.execute(
      `insert into inbox_processed_event (consumer, event_id, processed_at) values
       ('svc__residents', 'e-1', ?), ('svc__references__residents', 'e-1', ?), ('svc__residents', 'e-2', ?)`,
      [when, when, when],
    );
    await connection.execute(
      `insert into inbox_projection_version (consumer, aggregate, aggregate_id, version) values
       ('svc__residents', 'residents.resident', 'r-1', 3), ('svc__references__residents', 'residents.resident', 'r-1', 2)`,
    );
    const withoutRowid = async (table: string) => {
      const rows = await connection.execute<Array<{ sql: string }>>(
        `select sql from sqlite_master where type = 'table' and name = ?`,
        [table],
      );
      return rows[0].sql.includes('without rowid');
    };
    deepStrictEqual(await withoutRowid('inbox_processed_event'), false);

    const applied = await orm.getMigrator().up();
    ok(applied.some((migration) => migration.name === INBOX_WITHOUT_ROWID_MIGRATION));
    deepStrictEqual(await withoutRowid('inbox_processed_event'), true);
    deepStrictEqual(await withoutRowid('inbox_projection_version'), true);
    deepStrictEqual(
      await connection.execute(
        `select consumer, event_id, processed_at from inbox_processed_event order by consumer, event_id`,
      ),
      [
        { consumer: 'svc__references__residents', event_id: 'e-1', processed_at: when.getTime() },
        { consumer: 'svc__residents', event_id: 'e-1', processed_at: when.getTime() },
        { consumer: 'svc__residents', event_id: 'e-2', processed_at: when.getTime() },
      ],
    );
    deepStrictEqual(
      await connection.execute(
        `select consumer, aggregate, aggregate_id, version from inbox_projection_version order by consumer`,
      ),
      [
        { consumer: 'svc__references__residents', aggregate: 'residents.resident', aggregate_id: 'r-1', version: 2 },
        { consumer: 'svc__residents', aggregate: 'residents.resident', aggregate_id: 'r-1', version: 3 },
      ],
    );
    await orm.em.fork().transactional(async (tx) => {
      deepStrictEqual(await claimEvent(tx, 'svc__residents', 'e-1', new Date()), false);
      deepStrictEqual(await claimEvent(tx, 'svc__webhooks__residents', 'e-1', new Date()), true);
      deepStrictEqual(await claimEvent(tx, 'svc__webhooks__residents', 'e-1', new Date()), false);
    });
  } finally {
    await orm.close(true);
  }
}

/**
 * Runs all of a service's migrations on `dialect` and asserts that record versions hold a JetStream stream sequence
 * past 2^31 (a durable's position, `durable-positions.ts`): stored, read back exactly, and compared as numbers (a
 * lower one is not newer). PostgreSQL's `integer` refused such a value before `…_durable_positions_bigint`.
 */
export async function checkRecordVersionsHoldStreamSequences(
  service: { migrations: LazyMigrationLists; entities: unknown[] },
  dialect: TestDialect,
): Promise<void> {
  const location = testDatabaseLocation(dialect, 'record_versions_64bit');
  const orm = (await MikroORM.init(
    ormConfig({
      location,
      entities: service.entities as never,
      migrations: {
        sqlite: await service.migrations.load('sqlite'),
        postgresql: await service.migrations.load('postgresql'),
      },
    }),
  )) as Orm;
  try {
    await orm.getMigrator().up();
    const past = 2 ** 33 + 7;
    const record = { consumer: 'svc__residents', aggregate: POSITION_AGGREGATE, aggregateId: STREAM_NAME };
    await orm.em.fork().transactional(async (tx) => {
      deepStrictEqual(await claimVersion(tx, { ...record, version: past }), true);
      deepStrictEqual(await claimVersion(tx, { ...record, version: past - 1 }), false);
      deepStrictEqual(await claimVersion(tx, { ...record, version: past + 1 }), true);
    });
    const positions = await readPositions(orm.em.fork(), [record.consumer]);
    deepStrictEqual(positions.get(record.consumer), past + 1);
  } finally {
    await orm.close(true);
  }
}
