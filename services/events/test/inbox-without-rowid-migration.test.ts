import { describe, it } from 'vitest';
import { checkInboxWithoutRowidMigration } from '@shequ/subgraph/testing';
import { eventsEntities } from '../src/entities/index.js';
import { eventsMigrations } from '../src/migrations/index.js';

// SQLite only: PostgreSQL tables have no rowid, and the migration is in the SQLite list alone
describe('the inbox_without_rowid migration on sqlite', () => {
  it('keeps every inbox row and record version, so an event applied before it is still a duplicate after', () =>
    checkInboxWithoutRowidMigration({ migrations: eventsMigrations, entities: eventsEntities }));
});
