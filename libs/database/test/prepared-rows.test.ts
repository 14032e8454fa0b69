import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySchema } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { forEachRow, insertPrepared, listMatch, openDatabase, runPrepared, type Orm } from '../src/index.js';

class Person {
  id!: string;
  name!: string;
  note: string | null = null;
  visits = 0;
  seenAt!: Date;
}
const PersonSchema = new EntitySchema<Person>({
  class: Person,
  tableName: 'person',
  properties: {
    id: { type: 'string', primary: true },
    name: { type: 'string' },
    note: { type: 'text', nullable: true },
    visits: { type: 'integer', default: 0 },
    seenAt: { type: 'datetime' },
  },
});

class CreatePerson extends Migration {
  override async up(): Promise<void> {
    const sqlite = (this.config.get('dbName') ?? '').endsWith('.sqlite');
    this.addSql(
      `create table "person" ("id" varchar(36) not null primary key, "name" varchar(50) not null, "note" text null, ` +
        `"visits" integer not null default 0, "seen_at" ${sqlite ? 'datetime' : 'timestamptz'} not null, "tag" varchar(10) null)`,
    );
    this.addSql('create unique index "person_name_idx" on "person" ("name")');
  }
}

const COLUMNS = ['id', 'name', 'note', 'visits', 'seen_at'];
const SEEN = new Date('2026-11-30T08:15:30.250Z');
/** Texts a JSON or array parameter must carry unchanged. */
const AWKWARD = ['林秀英', '"引号" and \\ backslash', "it's {a,b} [1]", 'null', '', '换行\n制表\t'];

/** 250 rows: on SQLite two prepared blocks of 100 and 50 rows one by one; on PostgreSQL one statement. */
const rows = Array.from({ length: 250 }, (_, i) => [
  `p-${i}`,
  `居民${i}`,
  i % 3 === 0 ? null : i % 3 === 1 ? undefined : AWKWARD[i % AWKWARD.length],
  i,
  SEEN,
]);

describe.each(testDialects())('prepared bulk rows (%s)', (dialect) => {
  let orm: Orm;
  beforeAll(async () => {
    const migrations = [{ name: 'Migration1_person', class: CreatePerson }];
    orm = await openDatabase({
      location: testDatabaseLocation(dialect, 'prepared_rows'),
      entities: [PersonSchema],
      migrations: { sqlite: migrations, postgresql: migrations },
    });
  });
  afterAll(async () => {
    await orm?.close(true);
  });

  it('inserts any number of rows with NULLs, Chinese text, quotes and dates as the ORM reads them back', async () => {
    await orm.em.fork().transactional((em) => insertPrepared(em, 'person', COLUMNS, rows));
    const people = await orm.em.fork().find(Person, {}, { orderBy: { visits: 'asc' } });
    expect(people).toHaveLength(250);
    people.forEach((person, i) => {
      expect(person.id).toBe(`p-${i}`);
      expect(person.name).toBe(`居民${i}`);
      expect(person.note).toBe(i % 3 === 2 ? AWKWARD[i % AWKWARD.length] : null);
      expect(person.seenAt.getTime()).toBe(SEEN.getTime());
    });
    const [{ tag }] = await orm.em.getConnection().execute('select "tag" from "person" where "id" = \'p-1\'');
    expect(tag).toBeNull(); // a column not written keeps its default
  });

  it('upserts with a suffix and returns what the statement returns', async () => {
    const returned = await orm.em.fork().transactional((em) =>
      insertPrepared(
        em,
        'person',
        COLUMNS,
        [
          ['p-0', '居民0', '改过', 1000, SEEN],
          ['p-new', '新居民', null, 7, SEEN],
        ],
        { suffix: 'on conflict ("id") do update set "visits" = excluded."visits" returning "id", "visits"' },
      ),
    );
    expect(returned.map((r) => [r.id, Number(r.visits)]).sort()).toEqual([
      ['p-0', 1000],
      ['p-new', 7],
    ]);
    const first = await orm.em.fork().findOneOrFail(Person, 'p-0');
    expect([first.visits, first.note]).toEqual([1000, null]);
  });

  it('stores a plain object in a text column as its JSON text, exactly as JSON.stringify gives it', async () => {
    const envelope = {
      id: 'e-1',
      type: 'residents.resident.registered',
      data: { name: '林秀英', quote: '"引号" \\ 反斜杠', nested: { list: [1, 2.5, null], empty: {} }, at: SEEN },
      unicode: '\u2028 𠀋',
    };
    await orm.em
      .fork()
      .transactional((em) => insertPrepared(em, 'person', COLUMNS, [['p-json', '事件', envelope, 0, SEEN]]));
    const [{ note }] = await orm.em.getConnection().execute('select "note" from "person" where "id" = \'p-json\'');
    expect(note).toBe(JSON.stringify(envelope));
  });

  it('matches a list of any length with one statement text', async () => {
    const em = orm.em.fork();
    const find = async (names: string[]) => {
      const match = listMatch(em, 'name', names);
      const found = await runPrepared(em, `select "id" from "person" where "visits" >= ? and ${match.sql}`, [
        1,
        match.param,
      ]);
      return found.map((r) => r.id).sort();
    };
    expect(await find(['居民1', '居民2', '居民0', '无此人'])).toEqual(['p-0', 'p-1', 'p-2']);
    expect(await find(['新居民'])).toEqual(['p-new']);
    expect(await find([])).toEqual([]);
    expect(await find(Array.from({ length: 2000 }, (_, i) => `居民${i}`))).toHaveLength(250);
  });

  it('writes nothing when the transaction fails, and the statement still works afterwards', async () => {
    await expect(
      orm.em.fork().transactional(async (em) => {
        await insertPrepared(em, 'person', COLUMNS, [['p-x', '未提交', null, 1, SEEN]]);
        // the same name twice: the unique index fails the statement and the transaction
        await insertPrepared(em, 'person', COLUMNS, [['p-y', '居民5', null, 1, SEEN]]);
      }),
    ).rejects.toThrow();
    expect(await orm.em.fork().count(Person, { id: { $in: ['p-x', 'p-y'] } })).toBe(0);
    await orm.em
      .fork()
      .transactional((em) => insertPrepared(em, 'person', COLUMNS, [['p-z', '后来者', null, 1, SEEN]]));
    expect(await orm.em.fork().count(Person, { id: 'p-z' })).toBe(1);
  });

  it('hands rows one by one as arrays in select order, the same rows runPrepared returns, and keeps none', async () => {
    const em = orm.em.fork();
    const sql = `select "name", "visits", "note", count(*) over () from "person" where "visits" >= ? and "name" like ? order by "visits"`;
    const params = [100, '居民%'];
    const expected = await runPrepared(em, sql.replace('count(*) over ()', 'count(*) over () as "n"'), params);
    const seen: unknown[][] = [];
    const counted = await forEachRow(em, sql, params, (row) => seen.push([...row]));
    expect(counted).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(100);
    expect(seen).toEqual(expected.map((r) => [r.name, r.visits, r.note, r.n]));
    // inside a transaction too, seeing what it wrote
    const inside = await orm.em.fork().transactional(async (tx) => {
      await insertPrepared(tx, 'person', COLUMNS, [['p-in', '事务中', null, 5000, SEEN]]);
      const names: unknown[] = [];
      await forEachRow(tx, 'select "name" from "person" where "visits" = ?', [5000], (row) => names.push(row[0]));
      return names;
    });
    expect(inside).toEqual(['事务中']);
    expect(await forEachRow(em, 'select "name" from "person" where "visits" < ?', [-1], () => undefined)).toBe(0);
  });

  it('rejects what the statement or the row handler throws, and the connection serves the next statement', async () => {
    const em = orm.em.fork();
    await expect(forEachRow(em, 'select "no_such_column" from "person"', [], () => undefined)).rejects.toThrow();
    await expect(
      forEachRow(em, 'select "name" from "person" where "visits" < ?', [10], () => {
        throw new Error('处理失败');
      }),
    ).rejects.toThrow('处理失败');
    let n = 0;
    await forEachRow(em, 'select "id" from "person" where "visits" < ?', [10], () => (n += 1));
    expect(n).toBe((await runPrepared(em, 'select "id" from "person" where "visits" < ?', [10])).length);
    expect(n).toBeGreaterThanOrEqual(10);
  });
});
