import type { EntityManager } from '@mikro-orm/core';
import { insertRows } from './bound-sql.js';
import { addToRollupGroups, type RollupDefinition } from './rollups.js';

/**
 * Counts members that did not exist before this transaction (a bulk import's new rows) whose keys the caller
 * already knows — exactly what `refreshRollup` would read back from the base tables — without reading them back:
 * one multi-row insert of member rows, one multi-row upsert of group counts. `keys` are in `rollup.keyColumns`
 * order, formatted as `currentKeys` gives them ('' for a missing text, 0 for a missing number).
 */
export async function countNewRollupMembers(
  em: EntityManager,
  rollup: RollupDefinition,
  members: ReadonlyArray<{ memberId: string; keys: readonly unknown[] }>,
): Promise<void> {
  if (members.length === 0) return;
  const columns = rollup.keyColumns;
  await insertRows(
    em,
    rollup.memberTable,
    ['member_id', ...columns],
    members.map((m) => [m.memberId, ...m.keys]),
  );
  const measures = rollup.measureColumns ?? [];
  await addToRollupGroups(
    em,
    rollup,
    members.map((m) => ({
      row: Object.fromEntries(columns.map((c, i) => [c, m.keys[i]])),
      n: 1,
      sums: measures.map(() => 0),
    })),
    em.getTransactionContext(),
  );
}
