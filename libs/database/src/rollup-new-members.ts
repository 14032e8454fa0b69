import type { EntityManager } from '@mikro-orm/core';
import { insertPrepared, type BulkWrites } from './prepared-rows.js';
import { groupUpsertSuffix, type RollupDefinition } from './rollups.js';

/**
 * Counts members that did not exist before this transaction (a bulk import's new rows) whose keys the caller
 * already knows — exactly what `refreshRollup` would read back from the base tables — without reading them back:
 * one insert of member rows (prepared, `insertPrepared`, or queued on `writes`), one upsert of group counts per rollup
 * table (the rollup and its coarser copies, each in key order like `addToRollupGroups`; queued on `writes` too when
 * given). Each row is the member id and then its keys in `rollup.keyColumns` order, formatted as `currentKeys` gives
 * them ('' for a missing text, 0 for a missing number); the rows go to the member table as they are.
 */
export async function countNewRollupMembers(
  em: EntityManager,
  rollup: RollupDefinition,
  members: ReadonlyArray<readonly unknown[]>,
  /** Queue the rows there (written with the caller's other rows) instead of writing them at once. */
  writes?: BulkWrites,
): Promise<void> {
  if (members.length === 0) return;
  if (rollup.memberColumns?.length || rollup.distinct?.length)
    throw new Error(
      `countNewRollupMembers: ${rollup.table} keeps member columns or distinct counts; use refreshRollup`,
    );
  const columns = rollup.keyColumns;
  const measures = rollup.measureColumns ?? [];
  const write = async (
    table: string,
    names: readonly string[],
    rows: ReadonlyArray<readonly unknown[]>,
    options?: { suffix?: string },
  ) =>
    writes ? writes.queue(table, names, rows, options) : void (await insertPrepared(em, table, names, rows, options));
  await write(rollup.memberTable, ['member_id', ...columns], members);
  // New members add 1 to their group's count and nothing to its sums (their measures are counted by refreshRollup).
  for (const target of [{ table: rollup.table, keyColumns: columns }, ...(rollup.coarser ?? [])]) {
    // positions in a member row (after its id) of the target's key columns
    const at = target.keyColumns.map((c) => {
      const i = columns.indexOf(c);
      if (i < 0) throw new Error(`countNewRollupMembers: ${target.table}.${c} is not a key of ${rollup.table}`);
      return i + 1;
    });
    const width = at.length;
    const groups = new Map<string, unknown[]>();
    for (const member of members) {
      let key = String(member[at[0]]);
      for (let j = 1; j < width; j++) key += '\u0000' + String(member[at[j]]);
      const group = groups.get(key);
      if (group) (group[width] as number) += 1;
      else {
        const row = new Array<unknown>(width + 1 + measures.length).fill(0);
        for (let j = 0; j < width; j++) row[j] = member[at[j]];
        row[width] = 1;
        groups.set(key, row);
      }
    }
    // in key order: two transactions adding to the same groups lock their rows in one order
    const rows = [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    await write(target.table, [...target.keyColumns, 'n', ...measures], rows, {
      suffix: groupUpsertSuffix(target.table, target.keyColumns, measures),
    });
  }
}
