import { createRequire } from 'node:module';
import type { EntityManager } from '@mikro-orm/core';
import { cacheStatements } from './statement-cache.js';

interface ReaderStatement {
  /** Returns rows. */
  reader: boolean;
  /** Writes nothing (an `INSERT … RETURNING` returns rows but writes). */
  readonly: boolean;
  all(bindings: unknown[]): unknown[];
  safeIntegers(toggle?: boolean): unknown;
}
interface ReaderDatabase {
  prepare(sql: string): ReaderStatement;
  pragma(sql: string): unknown;
  close(): void;
}
interface ClosableConnection {
  close(force?: boolean): Promise<void>;
}

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (
  file: string,
  options: { readonly: boolean; fileMustExist: boolean },
) => ReaderDatabase;

const readers = new WeakMap<object, ReaderDatabase | null>();

/**
 * A second, read-only connection to a SQLite database file, for plain SELECTs outside a transaction: knex runs
 * every statement through its connection pool (acquire, a timeout timer, release — as much CPU as a small indexed
 * read itself) and, SQLite having one pooled connection, behind any open transaction. In WAL mode the reader sees
 * every committed transaction and never an uncommitted one. Null for PostgreSQL and in-memory databases. Closed
 * with the ORM's connection.
 */
export function sqliteReader(em: EntityManager): ReaderDatabase | null {
  const connection = em.getConnection() as unknown as ClosableConnection;
  let reader = readers.get(connection);
  if (reader !== undefined) return reader;
  const file = em.config.get('dbName');
  const sqlite = em.getPlatform().constructor.name !== 'PostgreSqlPlatform';
  reader = sqlite && file && file !== ':memory:' && !file.startsWith('file:') ? open(file) : null;
  readers.set(connection, reader);
  if (reader) {
    const opened = reader;
    const close = connection.close.bind(connection);
    connection.close = async (force?: boolean) => {
      readers.delete(connection);
      opened.close();
      return close(force);
    };
  }
  return reader;
}

function open(file: string): ReaderDatabase | null {
  try {
    const db = new Sqlite(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    cacheStatements(db);
    return db;
  } catch {
    return null;
  }
}

/** Rows of a read-only SELECT through the reader (values bound as knex's SQLite client binds them), else null. */
export function readThrough<R>(reader: ReaderDatabase, sql: string, params: readonly unknown[]): R[] | null {
  if (!/^\s*(select|with)\b/i.test(sql)) return null;
  const statement = reader.prepare(sql);
  if (!statement.reader || !statement.readonly) return null;
  const bindings = params.map((value) => {
    if (value instanceof Date) return value.valueOf();
    return typeof value === 'boolean' ? Number(value) : value;
  });
  return statement.all(bindings) as R[];
}
