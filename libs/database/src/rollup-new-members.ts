import type { EntityManager } from '@mikro-orm/core';
import { insertPrepared, type BulkWrites } from './prepared-rows.js';
import type { RollupDefinition } from './rollups.js';

/**
 * Counts members that did not exist before this transaction (a bulk import's new rows) whose keys the caller
 * already knows — exactly what `refreshRollup` would read back from the base tables — without reading them back:
 * one insert of member rows, one upsert of group counts (prepared statements, `insertPrepared`). `keys` are in `rollup.keyColumns`
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
  const groups = new Map<string, { keys: readonly unknown[]; n: number }>();
  for (const m of members) {
    const key = m.keys.map(String).join('\u0000');
    const group = groups.get(key) ?? { keys: m.keys, n: 0 };
    group.n += 1;
    groups.set(key, group);
  }
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  await write(
    rollup.table,
    [...columns, 'n'],
    [...groups.values()].map((g) => [...g.keys, g.n]),
    { suffix: `on conflict (${quoted}) do update set "n" = "${rollup.table}"."n" + excluded."n"` },
  );
}
