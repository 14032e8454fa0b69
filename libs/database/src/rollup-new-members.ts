import type { EntityManager } from '@mikro-orm/core';
import { BulkWrites } from './bulk-writes.js';
import { groupUpsertSuffix, type RollupDefinition } from './rollups.js';

/**
 * Counts members that did not exist before this transaction (a bulk import's new rows) whose keys the caller
 * already knows — exactly what `refreshRollup` would read back from the base tables — without reading them back:
 * one insert of member rows and one upsert of group counts per rollup table (the rollup and its coarser copies),
 * queued on `writes` (written with the caller's other rows) or written at once. The groups are counted from the
 * member rows by `BulkWrites.queueGroupCounts`: on PostgreSQL by the database from the member rows' own parameter,
 * so a chunk sends its members once, not once more per table. Each row is the member id and then its keys in
 * `rollup.keyColumns` order, formatted as `currentKeys` gives them ('' for a missing text, 0 for a missing number);
 * the rows go to the member table as they are.
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
  const measures = rollup.measureColumns ?? [];
  const queue = writes ?? new BulkWrites();
  const queued = queue.queue(rollup.memberTable, ['member_id', ...rollup.keyColumns], members);
  // New members add 1 to their group's count and nothing to its sums (their measures are counted by refreshRollup).
  for (const target of [{ table: rollup.table, keyColumns: rollup.keyColumns }, ...(rollup.coarser ?? [])]) {
    const unknown = target.keyColumns.find((c) => !rollup.keyColumns.includes(c));
    if (unknown) throw new Error(`countNewRollupMembers: ${target.table}.${unknown} is not a key of ${rollup.table}`);
    queue.queueGroupCounts(queued, target.table, target.keyColumns, measures, {
      suffix: groupUpsertSuffix(target.table, target.keyColumns, measures),
    });
  }
  if (!writes) await queue.flush(em);
}
