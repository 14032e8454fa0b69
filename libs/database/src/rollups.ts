import {
  ChangeSetType,
  type ChangeSet,
  type EventSubscriber,
  type FlushEventArgs,
  type Transaction,
  type TransactionEventArgs,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import { sqlDialectOf, type SqlDialect } from './calendar-sql.js';
import type { BulkWrites } from './bulk-writes.js';
import { fillDistinctCounts, shiftDistinctCounts, type DistinctRollup } from './distinct-rollups.js';

/** How the records a rollup counts ("members") are found from a change of some entity. */
export interface RollupWatch {
  /** Entity class name whose creations, updates and deletions may move members between groups. */
  entity: string;
  /** Member ids touched by one change set, directly ... */
  members?(changeSet: ChangeSet<object>): Array<string | null | undefined>;
  /** ... or through a query (`?` placeholders) returning a column `member_id`, given the changed row's id. */
  membersQuery?: string;
  /**
   * Whether `membersQuery` also runs when the watched row is created (default: only on updates and deletions,
   * a new row having no members yet): for a row that members already point to, e.g. a projection arriving after
   * the records that name it.
   */
  membersQueryOnCreate?: boolean;
}

/**
 * A count kept per group of key values, maintained with the writes (same transaction), so statistics read groups
 * instead of rows. Two tables, both plain entities of the service (so migrations are generated as usual):
 * `table` holds `keyColumns` + `n` + sums of `measureColumns` (primary key: all key columns; no NULLs in keys —
 * use '' or 0), and `memberTable` holds `member_id` + the key columns (and measures) each member was last
 * counted under, which makes every refresh an exact diff: members whose key changed move from one group to the
 * other, nothing is counted twice.
 */
export interface RollupDefinition {
  table: string;
  memberTable: string;
  keyColumns: readonly string[];
  /**
   * Numbers summed per group besides the count `n` (e.g. resolved 0/1, hours to resolution, ratings): each is a
   * column of both tables, the member's own value in the member table and the group's sum in `table`.
   */
  measureColumns?: readonly string[];
  /**
   * Columns kept in the member table only, neither key nor measure (compared like them, so a change rewrites the
   * member row): the member table then doubles as a narrow fact table that queries read directly, e.g. to count
   * distinct people, which no sum per group can answer.
   */
  memberColumns?: readonly string[];
  /**
   * SQL selecting `member_id`, the key columns, the measure columns and then the member columns (in that order
   * and with those names)
   * of the members matching `condition`, a SQL condition on the member id column written as `{id}`
   * (`{id} in (?, ?)` or `1 = 1`). `dialect` for what the two databases spell differently (dates).
   */
  currentKeys(condition: string, dialect: RollupDialect): string;
  /** SQL expression of the member's id inside `currentKeys` (e.g. `r.id`). */
  memberIdColumn: string;
  watches: readonly RollupWatch[];
  /**
   * Coarser copies of `table` over a subset of its key columns (same `n` and measures), kept by the same diffs:
   * when a key such as a birth date makes nearly every member its own group, a query that does not need that
   * key reads the coarser table, which has far fewer rows. No member table of their own.
   */
  coarser?: readonly CoarserRollup[];
  /**
   * Counts of distinct persons per group, kept by multiplicity: which cannot be summed over members (one person
   * with several members in a group counts once, and once again in another scope). See `DistinctRollup`.
   */
  distinct?: readonly DistinctRollup[];
}

/** A table summing a rollup's groups over some of its key columns (see `RollupDefinition.coarser`). */
export interface CoarserRollup {
  table: string;
  keyColumns: readonly string[];
}

type GroupDelta = { row: Row; n: number; sums: number[] };

/** The `on conflict` clause adding a row's count and sums to its group's (`insert into table (keys, n, measures)`). */
export function groupUpsertSuffix(table: string, keyColumns: readonly string[], measures: readonly string[]): string {
  const quoted = keyColumns.map((c) => `"${c}"`).join(', ');
  return `on conflict (${quoted}) do update set ${['n', ...measures]
    .map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`)
    .join(', ')}`;
}

/**
 * Adds group deltas (key values in `row`, count `n`, measure sums) to a rollup table and to its coarser tables,
 * each in key order (two transactions moving members between the same groups lock the group rows in one order).
 */
export async function addToRollupGroups(
  em: EntityManager,
  rollup: Pick<RollupDefinition, 'table' | 'keyColumns' | 'measureColumns' | 'coarser'>,
  deltas: readonly GroupDelta[],
  trx?: Transaction,
  /** Queue the upserts there (written with the caller's other rows, prepared) instead of running them at once. */
  writes?: BulkWrites,
): Promise<void> {
  const measures = rollup.measureColumns ?? [];
  for (const target of [{ table: rollup.table, keyColumns: rollup.keyColumns }, ...(rollup.coarser ?? [])]) {
    const columns = target.keyColumns;
    const grouped = new Map<string, GroupDelta>();
    for (const d of deltas) {
      const key = keyOf(d.row, columns);
      const entry = grouped.get(key) ?? { row: d.row, n: 0, sums: measures.map(() => 0) };
      entry.n += d.n;
      d.sums.forEach((sum, i) => (entry.sums[i] += sum));
      grouped.set(key, entry);
    }
    const changed = [...grouped.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d)
      .filter((d) => d.n !== 0 || d.sums.some((sum) => sum !== 0));
    if (!changed.length) continue;
    const quoted = columns.map((c) => `"${c}"`).join(', ');
    const sums = ['n', ...measures].map((c) => `"${c}"`);
    if (writes) {
      writes.queue(
        target.table,
        [...columns, 'n', ...measures],
        changed.map((d) => [...columns.map((c) => d.row[c]), d.n, ...d.sums]),
        { suffix: groupUpsertSuffix(target.table, columns, measures) },
      );
      continue;
    }
    await run(
      em,
      `insert into "${target.table}" (${quoted}, ${sums.join(', ')}) values ${changed
        .map(() => `(${[...columns, ...sums].map(() => '?').join(', ')})`)
        .join(', ')} on conflict (${quoted}) do update set ${sums
        .map((c) => `${c} = "${target.table}".${c} + excluded.${c}`)
        .join(', ')}`,
      changed.flatMap((d) => [...columns.map((c) => d.row[c]), d.n, ...d.sums]),
      trx,
    );
  }
}

export type RollupDialect = SqlDialect;

type Row = Record<string, unknown>;
const CHUNK = 400;

function isPostgres(em: EntityManager): boolean {
  return em.getPlatform().constructor.name === 'PostgreSqlPlatform';
}

const dialectOf = (em: EntityManager): RollupDialect => sqlDialectOf(em);

async function run(em: EntityManager, sql: string, params: unknown[], trx?: Transaction): Promise<Row[]> {
  return (await em.getConnection('write').execute(sql, params, 'all', trx)) as Row[];
}

const keyOf = (row: Row, columns: readonly string[]) => columns.map((c) => String(row[c])).join('\u0000');

/**
 * Recounts the given members: each whose key differs from what the member table holds leaves its old group and
 * joins its new one (a member that no longer exists only leaves). Call inside the writing transaction.
 */
export async function refreshRollup(
  em: EntityManager,
  rollup: RollupDefinition,
  memberIds: Iterable<string>,
  trx?: Transaction,
): Promise<void> {
  const ids = [...new Set(memberIds)];
  const columns = rollup.keyColumns;
  const measures = rollup.measureColumns ?? [];
  const stored = [...columns, ...measures, ...(rollup.memberColumns ?? [])];
  const quotedStored = stored.map((c) => `"${c}"`).join(', ');
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const marks = chunk.map(() => '?').join(', ');
    const lock = isPostgres(em) ? ' for update' : '';
    const before = await run(
      em,
      `select "member_id", ${quotedStored} from "${rollup.memberTable}" where "member_id" in (${marks})${lock}`,
      chunk,
      trx,
    );
    const after = await run(
      em,
      rollup
        .currentKeys(`${rollup.memberIdColumn} in (${marks})`, dialectOf(em))
        .replaceAll('{id}', rollup.memberIdColumn),
      chunk,
      trx,
    );
    const old = new Map(before.map((r) => [String(r.member_id), r]));
    const now = new Map(after.map((r) => [String(r.member_id), r]));
    const deltas = new Map<string, { row: Row; n: number; sums: number[] }>();
    const shift = (row: Row, n: number) => {
      const key = keyOf(row, columns);
      const entry = deltas.get(key) ?? { row, n: 0, sums: measures.map(() => 0) };
      entry.n += n;
      measures.forEach((m, i) => (entry.sums[i] += n * Number(row[m] ?? 0)));
      deltas.set(key, entry);
    };
    const upserts: Row[] = [];
    const removed: string[] = [];
    const changes: Array<{ id: string; was?: Row; is?: Row }> = [];
    for (const id of chunk) {
      const was = old.get(id);
      const is = now.get(id);
      if (was && is && keyOf(was, stored) === keyOf(is, stored)) continue;
      if (was || is) changes.push({ id, was, is });
      if (was) shift(was, -1);
      if (is) {
        shift(is, +1);
        upserts.push(is);
      } else if (was) removed.push(id);
    }
    await addToRollupGroups(em, rollup, [...deltas.values()], trx);
    // before the member table changes: distinct counts compare each person's members before and after
    if (rollup.distinct?.length && changes.length) await shiftDistinctCounts(em, rollup, changes, trx);
    if (upserts.length) {
      await run(
        em,
        `insert into "${rollup.memberTable}" ("member_id", ${quotedStored}) values ${upserts
          .map(() => `(?, ${stored.map(() => '?').join(', ')})`)
          .join(', ')} on conflict ("member_id") do update set ${stored
          .map((c) => `"${c}" = excluded."${c}"`)
          .join(', ')}`,
        upserts.flatMap((r) => [r.member_id, ...stored.map((c) => r[c])]),
        trx,
      );
    }
    if (removed.length) {
      await run(
        em,
        `delete from "${rollup.memberTable}" where "member_id" in (${removed.map(() => '?').join(', ')})`,
        removed,
        trx,
      );
    }
  }
}

/** The share of each page a rebuilt rollup table fills on PostgreSQL (percent): the rest takes its groups' updates. */
export const ROLLUP_FILL_FACTOR = 70;

/**
 * Recounts everything in SQL (constant memory): after bulk loads that bypass the unit of work (seeds, the
 * district generator, multi-row imports). Inside a transaction when `trx` is given. The groups are written in the
 * order of their keys (the community first), so a community's or a street's groups lie together in the table: a
 * street's 1,489 groups of one category were spread over 910 of the 1,343 pages of a district's `case_rollup` when
 * written in PostgreSQL's hash order, and their sum read 2–5× slower than from ~40 pages. On PostgreSQL its pages are filled to
 * `ROLLUP_FILL_FACTOR` only, so that they stay so as the groups change. Groups added later are appended.
 */
export async function rebuildRollup(em: EntityManager, rollup: RollupDefinition, trx?: Transaction): Promise<void> {
  const quoted = rollup.keyColumns.map((c) => `"${c}"`).join(', ');
  const measures = (rollup.measureColumns ?? []).map((c) => `"${c}"`);
  const quotedStored = [quoted, ...measures, ...(rollup.memberColumns ?? []).map((c) => `"${c}"`)].join(', ');
  await run(em, `delete from "${rollup.table}"`, [], trx);
  for (const coarser of rollup.coarser ?? []) await run(em, `delete from "${coarser.table}"`, [], trx);
  await leaveRoomForUpdates(em, rollup.table, trx);
  for (const distinct of rollup.distinct ?? []) await run(em, `delete from "${distinct.table}"`, [], trx);
  await run(em, `delete from "${rollup.memberTable}"`, [], trx);
  await run(
    em,
    `insert into "${rollup.memberTable}" ("member_id", ${quotedStored}) select * from (${rollup
      .currentKeys('1 = 1', dialectOf(em))
      .replaceAll('{id}', rollup.memberIdColumn)}) k`,
    [],
    trx,
  );
  await run(
    em,
    `insert into "${rollup.table}" (${[quoted, '"n"', ...measures].join(', ')}) select ${[
      quoted,
      'count(*)',
      ...measures.map((m) => `sum(${m})`),
    ].join(', ')} from "${rollup.memberTable}" group by ${quoted} order by ${quoted}`,
    [],
    trx,
  );
  for (const coarser of rollup.coarser ?? []) await fillCoarser(em, rollup, coarser, trx);
  await fillDistinctCounts(em, rollup, trx, true);
}

/**
 * On PostgreSQL, a table about to be written whole fills its pages to `ROLLUP_FILL_FACTOR` only: room in each page for
 * its groups' next versions, so a group's count changed is rewritten in its own page (a HOT update) instead of at the
 * table's end, and the groups written together (in key order) stay together as they change.
 */
async function leaveRoomForUpdates(em: EntityManager, table: string, trx?: Transaction): Promise<void> {
  if (dialectOf(em) === 'postgresql')
    await run(em, `alter table "${table}" set (fillfactor = ${ROLLUP_FILL_FACTOR})`, [], trx);
}

/** Sums a rollup's groups into one of its coarser tables (empty before), in SQL, in the order of their keys. */
async function fillCoarser(
  em: EntityManager,
  rollup: RollupDefinition,
  coarser: CoarserRollup,
  trx?: Transaction,
): Promise<void> {
  const keys = coarser.keyColumns.map((c) => `"${c}"`).join(', ');
  const sums = ['n', ...(rollup.measureColumns ?? [])].map((c) => `"${c}"`);
  await leaveRoomForUpdates(em, coarser.table, trx);
  await run(
    em,
    `insert into "${coarser.table}" (${keys}, ${sums.join(', ')}) select ${keys}, ${sums
      .map((c) => `sum(${c})`)
      .join(', ')} from "${rollup.table}" group by ${keys} order by ${keys}`,
    [],
    trx,
  );
}

/**
 * Keeps rollups right on every write through the unit of work: a flush inside a transaction recounts the members
 * it touched right after it ran; a flush that opens its own transaction recounts them just before that commits.
 * Writes that bypass the unit of work (`insertMany`, `nativeUpdate`, raw SQL) call `refreshRollup` or
 * `rebuildRollup` themselves.
 */
export class RollupSubscriber implements EventSubscriber {
  private readonly pending = new WeakMap<EntityManager, Map<RollupDefinition, Set<string>>>();

  constructor(private readonly rollups: readonly RollupDefinition[]) {}

  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const touched = this.pending.get(em) ?? new Map<RollupDefinition, Set<string>>();
    for (const changeSet of uow.getChangeSets()) {
      for (const rollup of this.rollups) {
        for (const watch of rollup.watches) {
          if (watch.entity !== changeSet.name) continue;
          const ids = touched.get(rollup) ?? new Set<string>();
          for (const id of watch.members?.(changeSet as ChangeSet<object>) ?? []) if (id) ids.add(id);
          if (watch.membersQuery && (watch.membersQueryOnCreate || changeSet.type !== ChangeSetType.CREATE)) {
            const rows = await run(em, watch.membersQuery, [changeSet.getPrimaryKey()], em.getTransactionContext());
            for (const row of rows) ids.add(String(row.member_id));
          }
          touched.set(rollup, ids);
        }
      }
    }
    if (touched.size) this.pending.set(em, touched);
  }

  async afterFlush({ em }: FlushEventArgs): Promise<void> {
    if (em.isInTransaction()) await this.settle(em, em.getTransactionContext());
  }

  async beforeTransactionCommit({ em, transaction }: TransactionEventArgs): Promise<void> {
    await this.settle(em, transaction);
  }

  private async settle(em: EntityManager, trx?: Transaction): Promise<void> {
    const touched = this.pending.get(em);
    if (!touched) return;
    this.pending.delete(em);
    for (const [rollup, ids] of touched) await refreshRollup(em, rollup, ids, trx);
  }
}

/**
 * At start: counts every rollup whose member table is empty (a new rollup over existing rows, after its
 * migration), fills every coarser table that is empty from its rollup's groups, and every grouping of a distinct
 * count that has no row from the member table. On PostgreSQL under a table
 * lock, so replicas starting together count once.
 */
export async function ensureRollups(em: EntityManager, rollups: readonly RollupDefinition[]): Promise<void> {
  for (const rollup of rollups) {
    await em.fork().transactional(async (tx) => {
      const lock = `lock table "${rollup.memberTable}" in share row exclusive mode`;
      if (isPostgres(tx)) await run(tx, lock, [], tx.getTransactionContext());
      const counted = await run(
        tx,
        `select 1 as "one" from "${rollup.memberTable}" limit 1`,
        [],
        tx.getTransactionContext(),
      );
      if (counted.length === 0) return rebuildRollup(tx, rollup, tx.getTransactionContext());
      // a coarser table added later (its migration leaves it empty): summed from the rollup's groups
      for (const coarser of rollup.coarser ?? []) {
        const lockCoarser = `lock table "${coarser.table}" in share row exclusive mode`;
        if (isPostgres(tx)) await run(tx, lockCoarser, [], tx.getTransactionContext());
        const filled = await run(
          tx,
          `select 1 as "one" from "${coarser.table}" limit 1`,
          [],
          tx.getTransactionContext(),
        );
        if (filled.length === 0) await fillCoarser(tx, rollup, coarser, tx.getTransactionContext());
      }
      // distinct counts added later, or a grouping added to them: counted from the member table
      await fillDistinctCounts(tx, rollup, tx.getTransactionContext());
    });
  }
}
