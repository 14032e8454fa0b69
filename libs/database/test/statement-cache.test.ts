import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from '../src/index.js';

interface Statement {
  safeIntegers(toggle?: boolean): Statement;
  all(...bindings: unknown[]): unknown[];
  run(...bindings: unknown[]): unknown;
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  close(): void;
}
const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Database;

describe('cacheStatements (SQLite)', () => {
  it('prepares a statement once per text and gives the same answers when it is reused', () => {
    const db = new Sqlite(':memory:');
    cacheStatements(db);
    db.exec('create table t (id integer primary key, name text)');
    const insert = db.prepare('insert into t (id, name) values (?, ?)');
    insert.run(1, 'a');
    expect(db.prepare('insert into t (id, name) values (?, ?)')).toBe(insert);
    db.prepare('insert into t (id, name) values (?, ?)').run(2, 'b');
    const select = db.prepare('select name from t where id = ?');
    expect(select.all(1)).toEqual([{ name: 'a' }]);
    select.safeIntegers(true);
    // reused with safe integers off again, as a newly prepared statement would be
    expect(db.prepare('select id from t where id = ?').all(2)).toEqual([{ id: 2 }]);
    expect(db.prepare('select id from t where id = ?')).toBe(db.prepare('select id from t where id = ?'));
    expect(typeof db.prepare('select id from t where id = ?').all(2)[0]).toBe('object');
    expect((db.prepare('select id from t where id = ?').all(2)[0] as { id: unknown }).id).toBe(2);
    db.close();
  });

  it('keeps only the most recently used statements', () => {
    const db = new Sqlite(':memory:');
    cacheStatements(db, 2);
    const one = db.prepare('select 1 where ? = 1');
    db.prepare('select 2 where ? = 1');
    expect(db.prepare('select 1 where ? = 1')).toBe(one); // used again: now the most recent
    db.prepare('select 3 where ? = 1'); // evicts `select 2`
    expect(db.prepare('select 1 where ? = 1')).toBe(one);
    const two = db.prepare('select 2 where ? = 1');
    expect(db.prepare('select 2 where ? = 1')).toBe(two);
    expect(db.prepare('select 3 where ? = 1')).not.toBe(undefined);
    db.close();
  });

  it('does not keep texts without placeholders (values written into the SQL: they do not recur)', () => {
    const db = new Sqlite(':memory:');
    cacheStatements(db);
    expect(db.prepare("select 'a'")).not.toBe(db.prepare("select 'a'"));
    db.close();
  });
});
