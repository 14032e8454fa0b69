import type { EntityManager } from '@mikro-orm/core';
import { sqlDialectOf } from './calendar-sql.js';
import { insertPrepared, recordsJson, runPg, withConnection, type PgClient } from './prepared-rows.js';

/** Rows for one table, waiting in a `BulkWrites`. */
export interface QueuedRows {
  table: string;
  columns: readonly string[];
  rows: ReadonlyArray<readonly unknown[]>;
  suffix?: string;
}

/** Counts per group of rows queued before (`queueGroupCounts`), waiting in a `BulkWrites`. */
interface QueuedCounts {
  table: string;
  keyColumns: readonly string[];
  measures: readonly string[];
  source: QueuedRows;
  suffix?: string;
}

type Queued = { rows: QueuedRows; counts?: undefined } | { counts: QueuedCounts; rows?: undefined };

/**
 * The rows of `counts`: per distinct value of its key columns among the source rows, the keys, then the number of
 * rows (`n`), then 0 for each measure; in key order (the key values as text, compared as JavaScript compares
 * strings), as `addToRollupGroups` writes its groups.
 */
function countedGroups({ keyColumns, measures, source }: QueuedCounts): unknown[][] {
  // positions of the key columns in a source row
  const at = keyColumns.map((column) => {
    const i = source.columns.indexOf(column);
    if (i < 0) throw new Error(`BulkWrites: ${column} is not a column of the rows queued for ${source.table}`);
    return i;
  });
  const width = at.length;
  const groups = new Map<string, unknown[]>();
  for (const row of source.rows) {
    let key = String(row[at[0]]);
    for (let j = 1; j < width; j++) key += '\u0000' + String(row[at[j]]);
    const group = groups.get(key);
    if (group) (group[width] as number) += 1;
    else {
      const counted = new Array<unknown>(width + 1 + measures.length).fill(0);
      for (let j = 0; j < width; j++) counted[j] = row[at[j]];
      counted[width] = 1;
      groups.set(key, counted);
    }
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** `counts` as rows for its table (counted here). */
const countedRows = (counts: QueuedCounts): QueuedRows => ({
  table: counts.table,
  columns: [...counts.keyColumns, 'n', ...counts.measures],
  rows: countedGroups(counts),
  suffix: counts.suffix,
});

const quote = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ');

/**
 * Writes into several tables collected along the way, at once and in the order queued (parents before children):
 * on PostgreSQL one statement — a writable CTE per table (`with w1 as (insert …), w2 as (insert …) select 1`), one
 * JSON parameter each — so a chunk's places, residents, rollup and outbox rows cost one round trip (foreign keys are
 * checked at the statement's end); on SQLite `insertPrepared` table after table (no round trips there). Queued rows
 * return nothing (`insert` runs at once for a `returning`). Starts empty again after `flush`.
 */
export class BulkWrites {
  private queued: Queued[] = [];

  /** Runs now, with what it returns (`insertPrepared`). */
  readonly insert = insertPrepared;

  /** Queues rows for `table`; returns them, for `queueGroupCounts` (undefined when there are none). */
  queue(
    table: string,
    columns: readonly string[],
    rows: ReadonlyArray<readonly unknown[]>,
    options: { suffix?: string } = {},
  ): QueuedRows | undefined {
    if (rows.length === 0) return undefined;
    const queued = { table, columns, rows, suffix: options.suffix };
    this.queued.push({ rows: queued });
    return queued;
  }

  /**
   * Queues, for `table`, one row per group of the `source` rows (queued before) with equal `keyColumns`: the keys,
   * the group's number of rows as `n`, 0 for each of `measures`; `suffix` appended (`groupUpsertSuffix` adds them to
   * the stored groups). On PostgreSQL the database counts them from the source's own parameter (`group by` in the
   * same statement: nothing more is sent); elsewhere they are counted here. Either way in key order (the keys as
   * text, byte order), so two writers adding to the same groups lock them in one order.
   */
  queueGroupCounts(
    source: QueuedRows | undefined,
    table: string,
    keyColumns: readonly string[],
    measures: readonly string[],
    options: { suffix?: string } = {},
  ): void {
    if (!source) return;
    if (!this.queued.some((q) => q.rows === source))
      throw new Error(`BulkWrites: the rows counted for ${table} are not queued here`);
    this.queued.push({ counts: { table, keyColumns, measures, source, suffix: options.suffix } });
  }

  /** True when nothing is queued. */
  get empty(): boolean {
    return this.queued.length === 0;
  }

  /** What is queued, in order, handed to the caller to write elsewhere (`SqliteWriteWorker`); starts empty again. */
  take(): QueuedRows[] {
    const queued = this.queued;
    this.queued = [];
    return queued.map((q) => q.rows ?? countedRows(q.counts));
  }

  async flush(em: EntityManager): Promise<void> {
    const queued = this.queued;
    this.queued = [];
    if (queued.length === 0) return;
    if (sqlDialectOf(em) !== 'postgresql' || (queued.length === 1 && queued[0].rows)) {
      for (const q of queued) {
        const { table, columns, rows, suffix } = q.rows ?? countedRows(q.counts);
        await insertPrepared(em, table, columns, rows, { suffix });
      }
      return;
    }
    // rows that are counted are read once into `s<i>` (one JSON parameter), inserted and grouped from there
    const counted = new Set(queued.flatMap((q) => (q.counts ? [q.counts.source] : [])));
    const sourceName = new Map<QueuedRows, string>();
    const parts: string[] = [];
    const params: string[] = [];
    queued.forEach((q, i) => {
      const tail = (suffix?: string) => (suffix ? ` ${suffix}` : '');
      if (q.rows) {
        const { table, columns, rows, suffix } = q.rows;
        const quoted = quote(columns);
        const records = `json_populate_recordset(null::"${table}", ?::json)`;
        params.push(recordsJson(columns, rows));
        if (counted.has(q.rows)) {
          sourceName.set(q.rows, `s${i}`);
          parts.push(`s${i} as (select ${quoted} from ${records})`);
          parts.push(`w${i} as (insert into "${table}" (${quoted}) select ${quoted} from s${i}${tail(suffix)})`);
        } else
          parts.push(`w${i} as (insert into "${table}" (${quoted}) select ${quoted} from ${records}${tail(suffix)})`);
        return;
      }
      const { table, keyColumns, measures, source, suffix } = q.counts;
      const keys = quote(keyColumns);
      const order = keyColumns.map((c) => `"${c}"::text collate "C"`).join(', ');
      parts.push(
        `w${i} as (insert into "${table}" (${keys}, ${quote(['n', ...measures])}) select ${keys}, count(*)` +
          `${measures.map(() => ', 0').join('')} from ${sourceName.get(source)} group by ${keys} order by ${order}` +
          `${tail(suffix)})`,
      );
    });
    await withConnection(em, (client) => runPg(client as PgClient, `with ${parts.join(', ')} select 1`, params, true));
  }
}
