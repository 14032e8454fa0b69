import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseLocation } from '../src/index.js';

describe('databaseLocation', () => {
  it('defaults to a SQLite file per service in the data folder', () => {
    const dir = join(tmpdir(), 'shequ-location-test');
    expect(databaseLocation({ service: 'cases', env: { SHEQU_DATA_DIR: dir } })).toEqual({
      dialect: 'sqlite',
      dbName: join(dir, 'cases.sqlite'),
    });
  });

  it('gives each service its own PostgreSQL database on the DATABASE_URL server', () => {
    const location = databaseLocation({
      service: 'residents',
      env: { DATABASE_URL: 'postgresql://app:secret@db.internal:5432/shequ' },
    });
    expect(location).toEqual({
      dialect: 'postgresql',
      dbName: 'shequ_residents',
      clientUrl: 'postgresql://app:secret@db.internal:5432/shequ_residents',
    });
  });

  it('prefers a service-specific URL', () => {
    const location = databaseLocation({
      service: 'events',
      env: { DATABASE_URL: 'postgresql://x@h/shequ', EVENTS_DATABASE_URL: 'postgresql://x@other/events_db' },
    });
    expect(location).toMatchObject({
      dialect: 'postgresql',
      dbName: 'events_db',
      clientUrl: 'postgresql://x@other/events_db',
    });
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => databaseLocation({ service: 'cases', env: { DATABASE_URL: 'mysql://h/db' } })).toThrow(/postgresql/);
  });
});
