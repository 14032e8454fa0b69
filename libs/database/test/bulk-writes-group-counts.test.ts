import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySchema } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { BulkWrites, openDatabase, type Orm } from '../src/index.js';

class Member {
  memberId!: string;
}
const MemberSchema = new EntitySchema<Member>({
  class: Member,
  tableName: 'member',
  properties: { memberId: { type: 'string', primary: true } },
});

class CreateTables extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "member" ("member_id" varchar(36) not null primary key, "community_id" varchar(36) not null, ` +
        `"gender" varchar(10) not null, "care_mask" integer not null, "initial" varchar(4) not null)`,
    );
    this.addSql(
      `create table "by_gender" ("community_id" varchar(36) not null, "gender" varchar(10) not null, ` +
        `"n" integer not null, "score" integer not null, primary key ("community_id", "gender"))`,
    );
    this.addSql(
      `create table "by_care" ("care_mask" integer not null, "initial" varchar(4) not null, "n" integer not null, ` +
        `primary key ("care_mask", "initial"))`,
    );
  }
}

const upsert = (table: string, keys: string[], measures: string[]) =>
  `on conflict (${keys.map((k) => `"${k}"`).join(', ')}) do update set ${['n', ...measures]
    .map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`)
    .join(', ')}`;

/** 300 members over two communities, both genders ('' for a missing one), masks 0–12 and a few initials. */
const INITIALS = ['林', '王', '', '"', '𠀋'];
const members = Array.from({ length: 300 }, (_, i) => [
  `m-${i}`,
  i % 3 === 0 ? 'c-2' : 'c-1',
  ['F', 'M', ''][i % 3 === 0 ? 2 : i % 2],
  i % 13,
  INITIALS[i % INITIALS.length],
]);
const MEMBER_COLUMNS = ['member_id', 'community_id', 'gender', 'care_mask', 'initial'];

/** The counts a handwritten loop gives, keyed by the key values joined. */
function expected(keys: number[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of members) {
    const key = keys.map((k) => String(m[k])).join('|');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe.each(testDialects())('BulkWrites.queueGroupCounts (%s)', (dialect) => {
  let orm: Orm;
  beforeAll(async () => {
    const migrations = [{ name: 'Migration1_group_counts', class: CreateTables }];
    orm = await openDatabase({
      location: testDatabaseLocation(dialect, 'group_counts'),
      entities: [MemberSchema],
      migrations: { sqlite: migrations, postgresql: migrations },
    });
  });
  afterAll(async () => orm?.close(true));

  it('writes the source rows and adds each group’s count to the stored one, in one flush', async () => {
    const em = orm.em.fork();
    // a group stored before: the flush adds to it
    await em.getConnection().execute(`insert into "by_gender" values ('c-1', 'F', 5, 7)`);
    await em.transactional(async (tx) => {
      const writes = new BulkWrites();
      const source = writes.queue('member', MEMBER_COLUMNS, members);
      writes.queueGroupCounts(source, 'by_gender', ['community_id', 'gender'], ['score'], {
        suffix: upsert('by_gender', ['community_id', 'gender'], ['score']),
      });
      writes.queueGroupCounts(source, 'by_care', ['care_mask', 'initial'], [], {
        suffix: upsert('by_care', ['care_mask', 'initial'], []),
      });
      await writes.flush(tx);
      expect(writes.empty).toBe(true);
    });
    const read = (sql: string) => em.fork().getConnection().execute(sql);
    expect((await read('select count(*) as n from "member"'))[0].n).toEqual(dialect === 'postgresql' ? '300' : 300);
    const byGender = new Map(
      (await read('select * from "by_gender"')).map((r) => [
        `${r.community_id}|${r.gender}`,
        [Number(r.n), Number(r.score)],
      ]),
    );
    const genders = expected([1, 2]);
    expect(byGender).toEqual(
      new Map(
        [...genders].map(([key, n]) => [key, key === 'c-1|F' ? [n + 5, 7] : [n, 0]] as [string, [number, number]]),
      ),
    );
    const byCare = new Map(
      (await read('select * from "by_care"')).map((r) => [`${r.care_mask}|${r.initial}`, Number(r.n)]),
    );
    expect(byCare).toEqual(expected([3, 4]));
  });

  it('hands the counts over as rows in key order (take), and refuses counts of rows it does not hold', () => {
    const writes = new BulkWrites();
    const source = writes.queue('member', MEMBER_COLUMNS, members.slice(0, 40));
    writes.queueGroupCounts(source, 'by_care', ['initial', 'care_mask'], [], {});
    const [rows, counts] = writes.take();
    expect(rows.rows).toHaveLength(40);
    expect(counts.columns).toEqual(['initial', 'care_mask', 'n']);
    const keys = counts.rows.map((r) => `${String(r[0])}\u0000${String(r[1])}`);
    expect(keys).toEqual([...keys].sort());
    expect(counts.rows.reduce((sum, r) => sum + Number(r[2]), 0)).toBe(40);
    expect(new Set(keys).size).toBe(keys.length);
    expect(writes.empty).toBe(true);
    const elsewhere = new BulkWrites().queue('member', MEMBER_COLUMNS, members.slice(0, 1));
    expect(() => writes.queueGroupCounts(elsewhere, 'by_care', ['care_mask'], [])).toThrow(/not queued here/);
  });
});
