import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { AckPolicy, DeliverPolicy, type ConsumerConfig, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { STREAM_NAME, SUBJECT_PREFIX, type ServiceName } from '@shequ/contracts';
import { executePlain } from '@shequ/database';
import type { Logger } from './silent-logger.js';

/**
 * Where each purpose of a durable per source stands: in `inbox_projection_version`, under the purpose's name, the
 * aggregate `$stream` and the stream's name, the stream sequence through which the purpose has nothing left to apply
 * (what it had applied when its position was moved into the durable, or the stream's end when it started reading only
 * new events). The durable consumer delivers from the lowest of its purposes' positions; a purpose passes over the
 * messages at or below its own. A purpose with a row here took part in the durable's creation.
 */
export const POSITION_AGGREGATE = '$stream';

export interface PurposeStart {
  /** The purpose's name (its former durable's). */
  name: string;
  /** `new`: owes nothing for events published before it first started. */
  startAt: 'all' | 'new';
}

export interface DurableSetup {
  service: ServiceName;
  source: ServiceName;
  durableName: string;
  purposes: readonly PurposeStart[];
  orm: MikroORM;
  jsm: JetStreamManager;
  logger: Logger;
}

/** The consumer configuration of a durable per source (delivery from `after + 1`). */
function durableConfig(setup: DurableSetup, after: number): Partial<ConsumerConfig> {
  return {
    durable_name: setup.durableName,
    ack_policy: AckPolicy.Explicit,
    ...(after > 0
      ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: after + 1 }
      : { deliver_policy: DeliverPolicy.All }),
    filter_subject: `${SUBJECT_PREFIX}.${setup.source}.>`,
    ack_wait: nanos(30_000),
    // no server-side limit: the consumer counts deliveries and dead-letters, so nothing is dropped unseen
    max_deliver: -1,
    max_ack_pending: 1_000,
  };
}

async function consumerInfo(jsm: JetStreamManager, name: string) {
  return jsm.consumers.info(STREAM_NAME, name).catch(() => undefined);
}

export async function readPositions(em: EntityManager, names: readonly string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const rows = await executePlain<{ consumer: string; version: number | string }>(
    em,
    `select consumer, version from inbox_projection_version where aggregate = ? and aggregate_id = ? and consumer in (${names.map(() => '?').join(', ')})`,
    [POSITION_AGGREGATE, STREAM_NAME, ...names],
  );
  return new Map(rows.map((row) => [row.consumer, Number(row.version)]));
}

/** Stores positions, never moving one back (one statement). */
async function writePositions(em: EntityManager, positions: ReadonlyMap<string, number>): Promise<void> {
  if (positions.size === 0) return;
  await executePlain<unknown>(
    em,
    'insert into inbox_projection_version (consumer, aggregate, aggregate_id, version) values ' +
      [...positions].map(() => '(?, ?, ?, ?)').join(', ') +
      ' on conflict (consumer, aggregate, aggregate_id) do update set version = excluded.version ' +
      'where inbox_projection_version.version < excluded.version',
    [...positions].flatMap(([name, seq]) => [name, POSITION_AGGREGATE, STREAM_NAME, seq]),
  );
}

/**
 * Makes sure the durable per source exists and delivers what every purpose still has to apply; returns each
 * purpose's position (messages at or below it are passed over for that purpose).
 *
 * - The durable exists and every purpose has a position: nothing moves (the former durables still there, from a start
 *   that stopped half way, are deleted).
 * - Otherwise (first start, a per-purpose layout to migrate, a purpose added): each purpose's position is what it has
 *   certainly applied — the durable's ack floor (and its stored position) when it took part in the durable, else its
 *   former durable's ack floor, else the stream's end (`new`) or its stored position or nothing (`all`); the positions
 *   are stored first, then the durable is (re)created from the lowest, then the former durables are deleted. A stop at
 *   any step loses nothing: the next start finds the positions stored, or the former durables still there. What a
 *   purpose applied above its position (acknowledged out of order, or by a process still on the former layout) comes
 *   again and is dropped by its inbox rows and record versions.
 */
export async function ensureDurablePerSource(setup: DurableSetup): Promise<Map<string, number>> {
  const { jsm, orm, durableName, purposes, logger } = setup;
  const names = purposes.map((p) => p.name);
  const [durable, stored, formers] = await Promise.all([
    consumerInfo(jsm, durableName),
    readPositions(orm.em.fork(), names),
    Promise.all(names.map((name) => consumerInfo(jsm, name))),
  ]);
  const formerOf = new Map(names.map((name, i) => [name, formers[i]]));
  const stillFormer = names.filter((name) => formerOf.get(name));
  if (durable && names.every((name) => stored.has(name))) {
    if (durable.config.max_deliver !== -1) {
      // durables made before dead letters stopped at 20 deliveries; lift the limit (best effort)
      await jsm.consumers
        .update(STREAM_NAME, durableName, { max_deliver: -1 })
        .catch((error) => logger.warn({ err: error }, 'could not lift the delivery limit'));
    }
    await deleteFormers(jsm, stillFormer, logger);
    return stored;
  }
  const durableFloor = durable?.ack_floor.stream_seq ?? 0;
  const streamEnd = purposes.some((p) => p.startAt === 'new')
    ? (await jsm.streams.info(STREAM_NAME)).state.last_seq
    : 0;
  const positions = new Map<string, number>();
  for (const { name, startAt } of purposes) {
    const own = stored.get(name);
    const former = formerOf.get(name);
    let position: number;
    if (durable && own !== undefined) position = Math.max(own, durableFloor);
    else if (former) position = Math.max(own ?? 0, former.ack_floor.stream_seq);
    else if (startAt === 'new') position = Math.max(own ?? 0, streamEnd);
    else position = own ?? 0;
    positions.set(name, position);
  }
  await writePositions(orm.em.fork(), positions);
  const written = await readPositions(orm.em.fork(), names);
  const after = Math.min(...written.values());
  if (durable) {
    logger.info(
      { durable: durableName, after },
      'a purpose without a position: the durable starts again from the slowest',
    );
    await jsm.consumers.delete(STREAM_NAME, durableName);
  }
  await jsm.consumers.add(STREAM_NAME, durableConfig(setup, after)).catch(async (error) => {
    // another replica made it meanwhile (from positions it stored the same way)
    await jsm.consumers.info(STREAM_NAME, durableName).catch(() => {
      throw error;
    });
  });
  if (stillFormer.length > 0)
    logger.info(
      { durable: durableName, after, formers: Object.fromEntries(stillFormer.map((n) => [n, written.get(n)])) },
      'per-purpose durables moved into one durable per source',
    );
  await deleteFormers(jsm, stillFormer, logger);
  return written;
}

async function deleteFormers(jsm: JetStreamManager, formers: readonly string[], logger: Logger): Promise<void> {
  for (const name of formers)
    await jsm.consumers
      .delete(STREAM_NAME, name)
      .catch((error) => logger.warn({ err: error, former: name }, 'former durable not deleted; next start again'));
}
