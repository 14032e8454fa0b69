import type { EntityManager, Transaction } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { executePlain } from './plain-statement.js';
import type { RollupDefinition } from './rollups.js';

/**
 * A count of distinct persons (e.g. residents who attended) per group of member columns and per scope prefix,
 * kept by multiplicity: a person's members in a group are read from the member table (by `person`, which needs an
 * index), and the group's count changes only when that multiplicity goes 0↔1 — on every write path of the rollup
 * (`refreshRollup` under a per-person lock on PostgreSQL, `rebuildRollup`, filled at start by `ensureRollups` for
 * any grouping without rows). One table for all groupings: `"grouping"` (`distinctGroupingName`), `"scope"` (the
 * prefix of `scope.column`), every column named in `groupings` ('' where the grouping does not use it, and for
 * NULL), `"n"` (persons) and one column per flag (persons with a 1 in any of their members in the group); primary
 * key: grouping, scope and those columns. Groups whose persons all left stay with zeros.
 */
export interface DistinctRollup {
  table: string;
  /** The member column naming the person counted once per group. */
  person: string;
  /** 0/1 member columns: a group counts the persons with a 1 in at least one of their members in it. */
  flags?: readonly string[];
  /** Kept per prefix of this member column, for each length (community 12, street 9, district 6 digits). */
  scope: { column: string; lengths: readonly number[] };
  /** Member columns grouped by (text) under a short name, one per grouping; each kept at every scope length. */
  groupings: ReadonlyArray<DistinctGrouping>;
}

/**
 * One grouping of a distinct count: its name (stored in each row) and the member columns it groups by; `derived`
 * groups some of them by a coarser value worked out from the member's text (e.g. a month's quarter), stored in that
 * column's place, so a period spanning several values is one group without a member column of its own.
 */
export interface DistinctGrouping {
  name: string;
  columns: readonly string[];
  derived?: Readonly<Record<string, DistinctDerivation>>;
}

/**
 * A coarser value of a member column for a grouping: `of` on the column's text ('' for NULL) in the write path,
 * `sql` the same rule in SQL on the text expression (SQLite and PostgreSQL) for the count at start. Both must agree.
 */
export interface DistinctDerivation {
  of: (text: string) => string;
  sql: (text: string) => string;
}

/** The `"grouping"` value of a distinct count's rows: the scope prefix length and the grouping's name. */
export const distinctGroupingName = (length: number, name: string) => `${length}:${name}`;

/** Every column that some grouping of `distinct` uses, in order of first use. */
export const distinctColumns = (distinct: DistinctRollup): string[] => [
  ...new Set(distinct.groupings.flatMap((g) => g.columns)),
];

type Row = Record<string, unknown>;
const CHUNK = 400;
const UPSERT_CHUNK = 200;

const isPostgres = (em: EntityManager) => em.getPlatform().constructor.name === 'PostgreSqlPlatform';

async function run(em: EntityManager, sql: string, params: unknown[], trx?: Transaction): Promise<Row[]> {
  return (await em.getConnection('write').execute(sql, params, 'all', trx)) as Row[];
}

/**
 * The statements of every write (the member read and the upsert of up to a few hundred group rows): on SQLite with
 * the values bound (`executePlain`: each text prepared once and cached, instead of the values formatted into a new
 * text prepared anew — a check-in's CPU down by a sixth, 200 attendances in one refresh 2–3× faster at 200k); on
 * PostgreSQL as `run` (values in the text, simple protocol): bound parameters there cost more Node and server CPU
 * per check-in in two runs side by side (README, "eventStatistics: quarters and years kept").
 */
async function runBound(em: EntityManager, sql: string, params: unknown[], trx?: Transaction): Promise<Row[]> {
  if (isPostgres(em)) return run(em, sql, params, trx);
  return executePlain<Row>(em, sql, params, (trx as Knex.Transaction | undefined) ?? em.getTransactionContext());
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}

interface Group {
  values: string[];
  n: number;
  flags: number[];
}

/**
 * How a distinct count's groups are keyed, worked out once per call: for each grouping and scope length its name,
 * and the positions (in `distinctColumns`) of the columns it groups by.
 */
interface GroupKeys {
  flags: readonly string[];
  columns: readonly string[];
  groupings: ReadonlyArray<{
    used: readonly number[];
    /** For each of `used`, the derivation of that column's value in this grouping, if any. */
    derive: ReadonlyArray<((text: string) => string) | undefined>;
    names: ReadonlyArray<{ length: number; name: string }>;
  }>;
}

function groupKeysOf(distinct: DistinctRollup, columns: readonly string[]): GroupKeys {
  return {
    flags: distinct.flags ?? [],
    columns,
    groupings: distinct.groupings.map((grouping) => ({
      used: columns.flatMap((c, i) => (grouping.columns.includes(c) ? [i] : [])),
      derive: columns.flatMap((c) => (grouping.columns.includes(c) ? [grouping.derived?.[c]?.of] : [])),
      names: distinct.scope.lengths.map((length) => ({ length, name: distinctGroupingName(length, grouping.name) })),
    })),
  };
}

/**
 * The groups members put a person in, for every grouping and scope length: key → the person's flags there as a bit
 * mask (bit i: flag i is 1 in any of their members in the group), and with `values` the group's key columns
 * (grouping, scope, every column of `distinctColumns`, '' where the grouping does not use it) for the upsert.
 */
function groupsOf(
  distinct: DistinctRollup,
  keys: GroupKeys,
  members: Iterable<Row>,
  values?: Map<string, string[]>,
): Map<string, number> {
  const groups = new Map<string, number>();
  for (const member of members) {
    const scopeValue = text(member[distinct.scope.column]);
    const texts = keys.columns.map((c) => text(member[c]));
    let mask = 0;
    keys.flags.forEach((f, i) => (mask |= Number(member[f] ?? 0) ? 1 << i : 0));
    for (const { used, derive, names } of keys.groupings) {
      let tail = '';
      const kept: string[] = [];
      for (let u = 0; u < used.length; u++) {
        const value = derive[u]?.(texts[used[u]]) ?? texts[used[u]];
        kept.push(value);
        tail += `\u0000${value}`;
      }
      for (const { length, name } of names) {
        const scope = scopeValue.slice(0, length);
        const key = `${name}\u0000${scope}${tail}`;
        const had = groups.get(key);
        groups.set(key, (had ?? 0) | mask);
        if (values && had === undefined && !values.has(key)) {
          const row = [name, scope, ...texts.map(() => '')];
          used.forEach((i, u) => (row[i + 2] = kept[u]));
          values.set(key, row);
        }
      }
    }
  }
  return groups;
}

/**
 * Moves the distinct counts of `rollup` for members whose stored row goes from `was` to `is` (either missing when
 * the member is new or gone), before the member table is written: every member of the persons involved is read
 * (under a transaction lock per person on PostgreSQL, so two writers of one person's members count in turn), and a
 * group's count moves only where a person enters or leaves it (their multiplicity there goes 0↔1), its flags where
 * the person's flag there changes. Only the groups of the changed members can change: a person's groups are
 * worked out for their unchanged members once, and for the changed members before and after.
 */
export async function shiftDistinctCounts(
  em: EntityManager,
  rollup: RollupDefinition,
  changes: ReadonlyArray<{ id: string; was?: Row; is?: Row }>,
  trx?: Transaction,
): Promise<void> {
  for (const distinct of rollup.distinct ?? []) {
    const persons = new Set<string>();
    for (const { was, is } of changes) {
      if (was) persons.add(text(was[distinct.person]));
      if (is) persons.add(text(is[distinct.person]));
    }
    if (!persons.size) continue;
    const sorted = [...persons].sort();
    const columns = distinctColumns(distinct);
    const keys = groupKeysOf(distinct, columns);
    const read = [...new Set([distinct.person, distinct.scope.column, ...columns, ...(distinct.flags ?? [])])];
    const before = new Map<string, Map<string, Row>>(sorted.map((p) => [p, new Map()]));
    for (let i = 0; i < sorted.length; i += CHUNK) {
      const chunk = sorted.slice(i, i + CHUNK);
      const marks = chunk.map(() => '?').join(', ');
      if (isPostgres(em))
        await runBound(
          em,
          `select pg_advisory_xact_lock(hashtextextended(${`'${distinct.table}:' || p`}, 0)) from (select "column1" as p from (values ${chunk
            .map(() => '(?)')
            .join(', ')}) v order by 1) s`,
          chunk,
          trx,
        );
      const rows = await runBound(
        em,
        `select "member_id", ${read.map((c) => `"${c}"`).join(', ')} from "${rollup.memberTable}" where "${distinct.person}" in (${marks})`,
        chunk,
        trx,
      );
      for (const row of rows) before.get(text(row[distinct.person]))?.set(String(row.member_id), row);
    }
    const changed = new Set(changes.map((c) => c.id));
    const added = new Map<string, Row[]>();
    for (const { is } of changes)
      if (is) added.set(text(is[distinct.person]), [...(added.get(text(is[distinct.person])) ?? []), is]);
    const deltas = new Map<string, Group>();
    const values = new Map<string, string[]>();
    const shift = (key: string, mask: number, sign: number) => {
      const delta = deltas.get(key) ?? { values: values.get(key)!, n: 0, flags: keys.flags.map(() => 0) };
      delta.n += sign;
      keys.flags.forEach((_, i) => (delta.flags[i] += sign * ((mask >> i) & 1)));
      deltas.set(key, delta);
    };
    for (const person of sorted) {
      const members = [...before.get(person)!.entries()];
      const kept = groupsOf(
        distinct,
        keys,
        members.filter(([id]) => !changed.has(id)).map(([, row]) => row),
      );
      const was = groupsOf(
        distinct,
        keys,
        members.filter(([id]) => changed.has(id)).map(([, row]) => row),
        values,
      );
      const is = groupsOf(distinct, keys, added.get(person) ?? [], values);
      for (const key of new Set([...was.keys(), ...is.keys()])) {
        const other = kept.get(key);
        const old = was.get(key);
        const now = is.get(key);
        const hadIt = other !== undefined || old !== undefined;
        const hasIt = other !== undefined || now !== undefined;
        const oldMask = (other ?? 0) | (old ?? 0);
        const newMask = (other ?? 0) | (now ?? 0);
        if (hadIt && hasIt && oldMask === newMask) continue;
        if (hadIt) shift(key, oldMask, -1);
        if (hasIt) shift(key, newMask, +1);
      }
    }
    const moved = [...deltas.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d)
      .filter((d) => d.n !== 0 || d.flags.some((f) => f !== 0));
    const keyNames = ['grouping', 'scope', ...columns].map((c) => `"${c}"`);
    const sums = ['n', ...(distinct.flags ?? [])].map((c) => `"${c}"`);
    for (let i = 0; i < moved.length; i += UPSERT_CHUNK) {
      const chunk = moved.slice(i, i + UPSERT_CHUNK);
      await runBound(
        em,
        `insert into "${distinct.table}" (${[...keyNames, ...sums].join(', ')}) values ${chunk
          .map(() => `(${[...keyNames, ...sums].map(() => '?').join(', ')})`)
          .join(', ')} on conflict (${keyNames.join(', ')}) do update set ${sums
          .map((c) => `${c} = "${distinct.table}".${c} + excluded.${c}`)
          .join(', ')}`,
        chunk.flatMap((d) => [...d.values, d.n, ...d.flags]),
        trx,
      );
    }
  }
}

/**
 * Counts one grouping of a distinct count from the member table in SQL (its rows absent before), at every scope
 * length not yet filled: one row per group, scope and person first, then counted.
 */
async function fillGrouping(
  em: EntityManager,
  rollup: RollupDefinition,
  distinct: DistinctRollup,
  length: number,
  { name, columns: grouping, derived }: DistinctGrouping,
  trx?: Transaction,
): Promise<void> {
  const columns = distinctColumns(distinct);
  const flags = distinct.flags ?? [];
  const kept = (c: string) => derived?.[c]?.sql(`coalesce("${c}", '')`) ?? `coalesce("${c}", '')`;
  const inner = [
    `substr("${distinct.scope.column}", 1, ${length}) as "scope"`,
    ...grouping.map((c) => `${kept(c)} as "${c}"`),
    `"${distinct.person}"`,
    ...flags.map((f) => `max("${f}") as "${f}"`),
  ];
  const innerGroup = [
    `substr("${distinct.scope.column}", 1, ${length})`,
    ...grouping.map((c) => kept(c)),
    `"${distinct.person}"`,
  ];
  const outer = [
    '?',
    '"scope"',
    ...columns.map((c) => (grouping.includes(c) ? `"${c}"` : `''`)),
    'count(*)',
    ...flags.map((f) => `sum("${f}")`),
  ];
  await run(
    em,
    `insert into "${distinct.table}" (${['grouping', 'scope', ...columns, 'n', ...flags].map((c) => `"${c}"`).join(', ')})
     select ${outer.join(', ')} from (select ${inner.join(', ')} from "${rollup.memberTable}" group by ${innerGroup.join(', ')}) x
     group by ${['"scope"', ...grouping.map((c) => `"${c}"`)].join(', ')}`,
    [distinctGroupingName(length, name)],
    trx,
  );
}

/**
 * Fills, from the member table, every grouping of the rollup's distinct counts that has no row yet (a new table
 * or grouping after its migration, or after `rebuildRollup` emptied them), and drops rows of groupings no longer
 * declared. `all` when the tables were just emptied (no need to look).
 */
export async function fillDistinctCounts(
  em: EntityManager,
  rollup: RollupDefinition,
  trx?: Transaction,
  all = false,
): Promise<void> {
  if (rollup.distinct?.length && isPostgres(em) && trx)
    // one row per scope, group and person before counting: a hash aggregate that spills to disk at the default
    await run(em, `set local work_mem = '256MB'`, [], trx);
  for (const distinct of rollup.distinct ?? []) {
    if (isPostgres(em)) await run(em, `lock table "${distinct.table}" in share row exclusive mode`, [], trx);
    const names = distinct.scope.lengths.flatMap((length) =>
      distinct.groupings.map((grouping) => ({ length, grouping, name: distinctGroupingName(length, grouping.name) })),
    );
    if (!all)
      await run(
        em,
        `delete from "${distinct.table}" where "grouping" not in (${names.map(() => '?').join(', ')})`,
        names.map((g) => g.name),
        trx,
      );
    for (const { length, grouping, name } of names) {
      if (!all) {
        const filled = await run(
          em,
          `select 1 as "one" from "${distinct.table}" where "grouping" = ? limit 1`,
          [name],
          trx,
        );
        if (filled.length) continue;
      }
      await fillGrouping(em, rollup, distinct, length, grouping, trx);
    }
  }
}
