import { executePlain, executePlainValues, sqlForRows } from '@shequ/database';
import { BigIntType, EntitySchema, type EntityManager } from '@mikro-orm/core';

/**
 * What a consumer holds per record (`inbox_projection_version`): the highest `aggregateVersion` of that
 * record it has applied. An event at or below it is stale (a redelivery overtaken by a newer event, a replay).
 */
export class ProjectionVersion {
  /** The durable consumer (or any other name of a projection). */
  consumer!: string;
  /** `<source>.<aggregate>`, e.g. `residents.resident`. */
  aggregate!: string;
  aggregateId!: string;
  version!: number;
}

export const ProjectionVersionSchema = new EntitySchema<ProjectionVersion>({
  class: ProjectionVersion,
  tableName: 'inbox_projection_version',
  properties: {
    consumer: { type: 'string', length: 100, primary: true },
    aggregate: { type: 'string', length: 100, primary: true },
    aggregateId: { type: 'string', length: 200, primary: true },
    version: { type: new BigIntType('number') },
  },
});

export interface RecordVersion {
  consumer: string;
  aggregate: string;
  aggregateId: string;
  version: number;
}

/**
 * Claims `version` of a record for a projection inside the caller's transaction: true (and stored) when it is
 * newer than what the projection holds, false when it is not. One statement on SQLite and PostgreSQL; on
 * PostgreSQL the row stays locked until the transaction ends, so two replicas never both apply one record at once.
 */
export async function claimVersion(em: EntityManager, record: RecordVersion): Promise<boolean> {
  const rows = await executePlain<unknown>(
    em,
    'insert into inbox_projection_version (consumer, aggregate, aggregate_id, version) values (?, ?, ?, ?) ' +
      'on conflict (consumer, aggregate, aggregate_id) do update set version = excluded.version ' +
      'where inbox_projection_version.version < excluded.version returning version',
    [record.consumer, record.aggregate, record.aggregateId, record.version],
  );
  return rows.length > 0;
}

/** The statement of `claimVersions` for `rows` records: one string per row count, kept (`sqlForRows`). */
const claimVersionsSql = sqlForRows(
  (rows) =>
    'insert into inbox_projection_version (consumer, aggregate, aggregate_id, version) values ' +
    Array.from({ length: rows }, () => '(?, ?, ?, ?)').join(', ') +
    ' on conflict (consumer, aggregate, aggregate_id) do update set version = excluded.version ' +
    'where inbox_projection_version.version < excluded.version returning consumer, aggregate, aggregate_id',
);

/**
 * `claimVersion` for several records of one consumer in one statement (a consumer's batch): for each record, in the
 * order given, whether its version was newer than what the projection held (and is now stored). The records must be
 * distinct (consumer, aggregate, id): a second event of a record in the same batch is claimed after the first, on its
 * own (`claimVersion`), as it depends on the first's claim. The rows are written in key order, so two PostgreSQL
 * transactions claiming overlapping records lock them in the same order.
 */
export async function claimVersions(em: EntityManager, records: readonly RecordVersion[]): Promise<boolean[]> {
  if (records.length === 0) return [];
  if (records.length === 1) return [await claimVersion(em, records[0])];
  const keyOf = (consumer: string, aggregate: string, aggregateId: string) =>
    `${consumer}\u0000${aggregate}\u0000${aggregateId}`;
  const keys = records.map((r) => keyOf(r.consumer, r.aggregate, r.aggregateId));
  const order = records.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  for (let i = 1; i < order.length; i++)
    if (keys[order[i]] === keys[order[i - 1]]) throw new Error('claimVersions: a record given twice');
  const sorted = order.map((i) => records[i]);
  const params = new Array<unknown>(sorted.length * 4);
  sorted.forEach((r, i) => {
    params[i * 4] = r.consumer;
    params[i * 4 + 1] = r.aggregate;
    params[i * 4 + 2] = r.aggregateId;
    params[i * 4 + 3] = r.version;
  });
  // rows as [consumer, aggregate, aggregate_id] (no object per row)
  const rows = (await executePlainValues(em, claimVersionsSql(sorted.length), params)) as Array<
    [string, string, string]
  >;
  const newer = new Set(rows.map(([consumer, aggregate, aggregateId]) => keyOf(consumer, aggregate, aggregateId)));
  return keys.map((key) => newer.has(key));
}

/**
 * Apply only if newer: runs `apply` when `version` is newer than what the projection holds for the record
 * (and remembers it), otherwise `stale` if given. Use inside the transaction that changes the projection.
 * `EventConsumer` already does this for every handler; call it directly for projections fed another way.
 */
export async function applyIfNewer<T>(
  em: EntityManager,
  record: RecordVersion,
  apply: () => Promise<T>,
  stale?: () => Promise<T>,
): Promise<T | undefined> {
  if (await claimVersion(em, record)) return apply();
  return stale?.();
}
