import type { EntityManager } from '@mikro-orm/core';
import { insertPrepared, type BulkWrites } from './prepared-rows.js';
import { addToRollupGroups, type RollupDefinition } from './rollups.js';

/**
 * Counts members that did not exist before this transaction (a bulk import's new rows) whose keys the caller
 * already knows — exactly what `refreshRollup` would read back from the base tables — without reading them back:
 * one insert of member rows (prepared, `insertPrepared`, or queued on `writes`), one upsert of group counts per rollup
 * table (`addToRollupGroups`: the rollup and its coarser copies; queued on `writes` too when given). `keys` are in `rollup.keyColumns`
 * order, formatted as `currentKeys` gives them ('' for a missing text, 0 for a missing number).
 */
export async function countNewRollupMembers(
  em: EntityManager,
  rollup: RollupDefinition,
  members: ReadonlyArray<{ memberId: string; keys: readonly unknown[] }>,
  /** Queue the rows there (written with the caller's other rows) instead of writing them at once. */
  writes?: BulkWrites,
): Promise<void> {
  if (members.length === 0) return;
  if (rollup.memberColumns?.length || rollup.distinct?.length)
    throw new Error(
      `countNewRollupMembers: ${rollup.table} keeps member columns or distinct counts; use refreshRollup`,
    );
  const columns = rollup.keyColumns;
  const write = async (
    table: string,
    names: readonly string[],
    rows: ReadonlyArray<readonly unknown[]>,
    options?: { suffix?: string },
  ) =>
    writes ? writes.queue(table, names, rows, options) : void (await insertPrepared(em, table, names, rows, options));
  await write(
    rollup.memberTable,
    ['member_id', ...columns],
    members.map((m) => [m.memberId, ...m.keys]),
  );
  const measures = rollup.measureColumns ?? [];
  // the group counts (and the coarser rollups' counts) at once, in the caller's transaction
  await addToRollupGroups(
    em,
    rollup,
    members.map((m) => ({
      row: Object.fromEntries(columns.map((c, i) => [c, m.keys[i]])),
      n: 1,
      sums: measures.map(() => 0),
    })),
    em.getTransactionContext(),
    writes,
  );
}
