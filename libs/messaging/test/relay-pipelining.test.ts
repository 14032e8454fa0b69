import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { DeliverPolicy } from '@nats-io/jetstream';
import { executePlain, ormConfig } from '@shequ/database';
import { ResidentDeceased, STREAM_NAME, type EventEnvelope } from '@shequ/contracts';
import { startNatsServer, testDatabaseLocation, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import {
  NatsBus,
  Outbox,
  OutboxMessage,
  OutboxRelay,
  messagingEntities,
  relayPublishes,
  type PublishAnswer,
} from '../src/index.js';

async function scratchOrm(dialect: 'sqlite' | 'postgresql', label: string) {
  const orm = await MikroORM.init(
    ormConfig({
      location: testDatabaseLocation(dialect, label),
      entities: [...messagingEntities],
      migrations: { sqlite: [], postgresql: [] },
    }),
  );
  await orm.schema.createSchema();
  return orm;
}

/**
 * The real bus, with a hand on the acknowledgements: the message always goes to the server (the real publish), but
 * the acknowledgement of a held id reaches the relay only when released, and a failing id's answer is replaced by an
 * error (as if the ack had been lost: the message is in the stream, the relay does not know).
 */
class BusWithHeldAcks extends NatsBus {
  readonly calls: string[] = [];
  readonly held = new Map<string, () => void>();
  holdNext = new Set<string>();
  failNext = new Set<string>();

  override publishThen(subject: string, payload: string, msgID: string, answer: PublishAnswer): void {
    this.calls.push(msgID);
    const fail = this.failNext.delete(msgID);
    const hold = this.holdNext.delete(msgID);
    super.publishThen(subject, payload, msgID, (error) => {
      if (error || (!fail && !hold)) answer(error);
      else if (fail) answer(new Error('ack lost (test)'));
      else this.held.set(msgID, () => answer(undefined));
    });
  }

  release(): void {
    for (const resolve of this.held.values()) resolve();
    this.held.clear();
  }
}

setFlagsFromString('--expose-gc');
/** A full collection (`gc` of a fresh context once the flag is set). */
const collectGarbage = runInNewContext('gc') as () => void;

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-p' };

describe.each(testDialects())('relay pipelining: hand-over at commit, acks in flight (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let orm: MikroORM;
  let bus: BusWithHeldAcks;
  let relay: OutboxRelay;
  const outbox = new Outbox('residents');

  beforeAll(async () => {
    nats = await startNatsServer();
    orm = await scratchOrm(dialect, 'pipelined_relay');
    bus = new BusWithHeldAcks({ servers: nats.url, name: 'residents-test', credentials: nats.credentials.residents });
    await bus.firstConnection;
    // the safety-net poll is a minute away: only hand-overs (and the tests' own calls) publish
    relay = new OutboxRelay({ orm, bus, pollIntervalMs: 60_000, lockRows: dialect === 'postgresql' });
    relay.start();
    await waitFor(async () => (await orm.em.fork().count(OutboxMessage, {})) === 0 && relay['caughtUp'] === true, {
      what: 'the relay caught up after start',
    });
  });

  beforeEach(() => {
    bus.calls.length = 0;
  });

  afterAll(async () => {
    bus?.release();
    await relay?.stop();
    await bus?.close();
    await orm?.close(true);
    await nats?.dispose();
  });

  const commit = (residentId: string) =>
    orm.em
      .fork()
      .transactional(async (em) => outbox.add(em, ResidentDeceased, { residentId, diedOn: '2026-12-03' }, meta));

  const row = (id: string) => orm.em.fork().findOneOrFail(OutboxMessage, { id });

  /** The messages of the stream with these message ids, in stream order: [msg id, aggregate version]. */
  async function inStream(ids: readonly string[]): Promise<[string, number][]> {
    const wanted = new Set(ids);
    const consumer = await bus.jetstream().consumers.get(STREAM_NAME, {
      filter_subjects: 'shequ.residents.>',
      deliver_policy: DeliverPolicy.All,
    });
    const found: [string, number][] = [];
    for (let done = false; !done;) {
      const batch = await consumer.fetch({ max_messages: 500, expires: 1_000 });
      let received = 0;
      for await (const message of batch) {
        received += 1;
        const id = message.headers?.get('Nats-Msg-Id') ?? '';
        if (wanted.has(id)) found.push([id, message.json<EventEnvelope>().aggregateVersion]);
        if (message.info.pending === 0) done = true;
        if (done) break;
      }
      if (received === 0) done = true;
    }
    return found;
  }

  it('publishes a committed transaction’s rows from the commit itself, without reading the table', async () => {
    const event = await commit('res-handed-over');
    // the commit has returned: its row is on the connection already (a read of the table would come later)
    expect(bus.calls).toEqual([event.id]);
    await waitFor(async () => (await row(event.id)).sentAt !== null, { what: 'the row marked sent' });
  });

  /** Commits one event; `before` runs inside the transaction, once the event's id is known. */
  const commitWith = (residentId: string, before: (id: string) => void) =>
    orm.em.fork().transactional(async (em) => {
      const event = outbox.add(em, ResidentDeceased, { residentId, diedOn: '2026-12-03' }, meta);
      before(event.id);
      return event;
    });

  it('keeps no committed transaction’s EntityManager alive while its event waits for the ack', async () => {
    // the publish starts from the commit, inside the transaction's async context: what it leaves awaiting the ack
    // (its promise, the socket write) must not carry that context, or every event in flight holds its
    // transaction's identity map, loaders and unit of work (10–25 MB of residents' heap under the events benchmark)
    let transaction: WeakRef<object> | undefined;
    const event = await orm.em.fork().transactional(async (em) => {
      transaction = new WeakRef(em);
      const recorded = outbox.add(em, ResidentDeceased, { residentId: 'res-released', diedOn: '2026-12-03' }, meta);
      bus.holdNext.add(recorded.id);
      return recorded;
    });
    await waitFor(() => bus.held.has(event.id), { what: 'the publish in flight, its ack held' });
    // the connection pool's free resource keeps the context of the last query that used it: one more outside
    await row(event.id);
    // (no `deref` between the collections: it keeps its target alive until the end of the job)
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      collectGarbage();
    }
    expect(transaction!.deref()).toBeUndefined();
    expect((await row(event.id)).sentAt).toBeNull();
    bus.release();
    await waitFor(async () => (await row(event.id)).sentAt !== null, { what: 'the row marked sent after the ack' });
  });

  it('publishes the next commits while an earlier publish still waits for its ack, in version order', async () => {
    const first = await commitWith('res-pipelined', (id) => bus.holdNext.add(id));
    expect(bus.calls).toEqual([first.id]);
    const later: EventEnvelope[] = [];
    for (let i = 0; i < 20; i++) later.push(await commit('res-pipelined'));
    // every later commit was published (gathered per turn of the event loop while a publish is in flight) and is
    // marked sent, although the first one's ack is still missing
    await waitFor(() => bus.calls.length === 21, { what: 'the later commits published' });
    expect(bus.calls).toEqual([first.id, ...later.map((event) => event.id)]);
    await waitFor(
      async () =>
        (await orm.em.fork().count(OutboxMessage, { id: later.map((event) => event.id), sentAt: null })) === 0,
      { what: 'the later rows marked sent' },
    );
    // a row is marked sent only after its own ack
    expect(bus.held.has(first.id)).toBe(true);
    expect((await row(first.id)).sentAt).toBeNull();
    // the stream has the record's events in version order
    const stream = await inStream([first.id, ...later.map((event) => event.id)]);
    expect(stream.map(([, version]) => version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    bus.release();
    await waitFor(async () => (await row(first.id)).sentAt !== null, { what: 'the held row marked sent' });
  });

  it('marks the acknowledgements that come close together sent with one statement', async () => {
    const events: EventEnvelope[] = [];
    for (let i = 0; i < 10; i++) events.push(await commitWith(`res-marked-${i}`, (id) => bus.holdNext.add(id)));
    await waitFor(() => bus.held.size === 10, { what: 'ten publishes awaiting their acks' });
    const before = relay.stats.markStatements;
    // the ten acks arrive together: before, the first was marked on its own and the other nine after it
    bus.release();
    await waitFor(
      async () =>
        (await orm.em.fork().count(OutboxMessage, { id: events.map((event) => event.id), sentAt: null })) === 0,
      { what: 'the ten rows marked sent' },
    );
    expect(relay.stats.markStatements - before).toBe(1);
  });

  it(
    dialect === 'sqlite'
      ? 'writes the row and its version when the event is recorded in a SQLite transaction, not at the flush'
      : 'writes the row and its version at the flush on PostgreSQL (an outbox entity until then)',
    async () => {
      const event = await orm.em.fork().transactional(async (em) => {
        const recorded = outbox.add(
          em,
          ResidentDeceased,
          { residentId: 'res-written-now', diedOn: '2026-12-03' },
          meta,
        );
        const rows = await executePlain<{ payload: string }>(em, 'select payload from outbox_message where id = ?', [
          recorded.id,
        ]);
        if (dialect === 'sqlite') {
          // before any flush: the row is in the transaction, with the version in its payload, and no entity waits
          expect(recorded.aggregateVersion).toBe(1);
          expect(rows.map((row) => (JSON.parse(row.payload) as EventEnvelope).aggregateVersion)).toEqual([1]);
          expect(em.getUnitOfWork().getPersistStack().size).toBe(0);
        } else {
          // the entity waits for the transaction's flush, which takes the version
          expect(recorded.aggregateVersion).toBe(0);
          expect(rows).toEqual([]);
          expect(em.getUnitOfWork().getPersistStack().size).toBe(1);
        }
        return recorded;
      });
      const stored = await executePlain<{ payload: string }>(
        orm.em.fork(),
        'select payload from outbox_message where id = ?',
        [event.id],
      );
      expect(stored.map((row) => (JSON.parse(row.payload) as EventEnvelope).aggregateVersion)).toEqual([1]);
      expect(event.aggregateVersion).toBe(1);
      await waitFor(async () => (await row(event.id)).sentAt !== null, { what: 'the row published and marked' });
    },
  );

  it('leaves a row whose ack failed unsent, holds back the commits after it, and republishes it with the same message id', async () => {
    const failed = await commitWith('res-ack-lost', (id) => bus.failNext.add(id));
    await waitFor(async () => (await row(failed.id)).attempts === 1, { what: 'the failure recorded' });
    const stored = await row(failed.id);
    expect(stored.sentAt).toBeNull();
    expect(stored.lastError).toBe('ack lost (test)');
    // the next commit of the record must not overtake it: it waits in the table for the next read
    const next = await commit('res-ack-lost');
    expect(bus.calls).toEqual([failed.id]);
    expect((await row(next.id)).sentAt).toBeNull();

    expect(await relay.publishPending()).toBe(2);
    expect(bus.calls).toEqual([failed.id, failed.id, next.id]);
    expect((await row(failed.id)).sentAt).not.toBeNull();
    expect((await row(next.id)).sentAt).not.toBeNull();
    // the server dropped the repeat by its message id: once each in the stream, in version order
    expect(await inStream([failed.id, next.id])).toEqual([
      [failed.id, 1],
      [next.id, 2],
    ]);
    // caught up again: the next commit goes out from the commit
    const after = await commit('res-ack-lost');
    expect(bus.calls.at(-1)).toBe(after.id);
    await waitFor(async () => (await row(after.id)).sentAt !== null, { what: 'the row after marked sent' });
  });
});

describe.each(testDialects())('relay pacing: at most one publishing write per gatherMs (%s)', (dialect) => {
  /**
   * Long enough that a few commits surely end within it, on a loaded machine too (500 ms was not: on a fresh CI
   * machine running two suites at once, five PostgreSQL commits or an ack's round trip could outlast it, and the test
   * saw the interval end between them).
   */
  const GATHER_MS = 1_500;
  let nats: NatsServerHandle;
  let orm: MikroORM;
  let bus: BusWithHeldAcks;
  let relay: OutboxRelay;
  const outbox = new Outbox('residents');
  /** Each publishing write of the relay: the message ids it carried and when. */
  const writes: { ids: string[]; at: number }[] = [];
  const onPublished = (ids: string[], at: number) => writes.push({ ids, at });

  const startRelay = async () => {
    relay = new OutboxRelay({
      orm,
      bus,
      gatherMs: GATHER_MS,
      pollIntervalMs: 60_000,
      lockRows: dialect === 'postgresql',
    });
    relay.start();
    await waitFor(() => relay['caughtUp'] === true, { what: 'the relay caught up after start' });
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    orm = await scratchOrm(dialect, 'paced_relay');
    bus = new BusWithHeldAcks({ servers: nats.url, name: 'residents-test', credentials: nats.credentials.residents });
    await bus.firstConnection;
    relayPublishes.on('published', onPublished);
    await startRelay();
  });

  beforeEach(async () => {
    // a quiet spell: the last write is more than an interval ago
    await new Promise((resolve) => setTimeout(resolve, GATHER_MS + 50));
    bus.calls.length = 0;
    writes.length = 0;
  });

  afterAll(async () => {
    relayPublishes.off('published', onPublished);
    await relay?.stop();
    await bus?.close();
    await orm?.close(true);
    await nats?.dispose();
  });

  const commit = (residentId: string) =>
    orm.em
      .fork()
      .transactional(async (em) => outbox.add(em, ResidentDeceased, { residentId, diedOn: '2026-12-03' }, meta));
  const commitWith = (residentId: string, before: (id: string) => void) =>
    orm.em.fork().transactional(async (em) => {
      const event = outbox.add(em, ResidentDeceased, { residentId, diedOn: '2026-12-03' }, meta);
      before(event.id);
      return event;
    });
  const row = (id: string) => orm.em.fork().findOneOrFail(OutboxMessage, { id });
  const unsent = (ids: string[]) => orm.em.fork().count(OutboxMessage, { id: ids, sentAt: null });

  it('publishes a commit after a quiet spell at once, and the commits of the interval after it together at its end, in commit order', async () => {
    // the first one's ack held: the later commits wait for the end of the interval
    const first = await commitWith('res-paced', (id) => bus.holdNext.add(id));
    // quiet before: on the connection when the commit returns
    expect(bus.calls).toEqual([first.id]);
    const later: EventEnvelope[] = [];
    for (let i = 0; i < 5; i++) later.push(await commit('res-paced'));
    // within the interval after the first write: nothing more written yet
    expect(bus.calls).toEqual([first.id]);
    await waitFor(() => bus.calls.length === 6, { what: 'the later commits published' });
    // one write for the five, not before the interval was over, in commit order
    expect(writes.map((write) => write.ids)).toEqual([[first.id], later.map((event) => event.id)]);
    // both instants as the relay took them (the float sum with the time origin rounds at a microsecond)
    expect(writes[1].at - writes[0].at).toBeGreaterThanOrEqual(GATHER_MS - 0.001);
    bus.release();
    const ids = [first.id, ...later.map((event) => event.id)];
    await waitFor(async () => (await unsent(ids)) === 0, { what: 'the six rows marked sent' });
  });

  it('waits out the whole interval after a write when its timer was set late in a long turn of the event loop', async () => {
    const first = await commitWith('res-paced-late', (id) => bus.holdNext.add(id));
    expect(bus.calls).toEqual([first.id]);
    // the rest of this turn keeps the event loop (a run of commits, a long parse): the loop's clock, read when the
    // turn began, falls behind, and a timer set now counts from it (on SQLite the next commit's hand-over comes in
    // the same turn; on PostgreSQL its I/O begins a new one)
    const until = performance.now() + 400;
    while (performance.now() < until);
    const later = await commit('res-paced-late');
    await waitFor(() => bus.calls.length === 2, { what: 'the later commit published' });
    expect(writes.map((write) => write.ids)).toEqual([[first.id], [later.id]]);
    expect(writes[1].at - writes[0].at).toBeGreaterThanOrEqual(GATHER_MS - 0.001);
    bus.release();
    await waitFor(async () => (await unsent([first.id, later.id])) === 0, { what: 'the two rows marked sent' });
  });

  it('publishes the commits waiting for the interval by the next commit once it is over, even before its timer ran', async () => {
    const first = await commitWith('res-paced-due', (id) => bus.holdNext.add(id));
    expect(bus.calls).toEqual([first.id]);
    const waiting: EventEnvelope[] = [];
    for (let i = 0; i < 3; i++) waiting.push(await commit('res-paced-due'));
    expect(bus.calls).toEqual([first.id]);
    // the interval passes while this test keeps the event loop (as commits awaited one after another do): the
    // relay's timer cannot run; the next commit's hand-over takes the waiting ones out with it
    const until = performance.now() + GATHER_MS + 20;
    while (performance.now() < until);
    const next = await commit('res-paced-due');
    // out by the time the next commit returns (on PostgreSQL the commit's I/O lets the timer run first; the next
    // commit's own event may then wait for the interval after that write)
    expect(bus.calls.slice(0, 4)).toEqual([first.id, ...waiting.map((event) => event.id)]);
    await waitFor(() => bus.calls.length === 5, { what: 'the next commit published' });
    expect(bus.calls[4]).toBe(next.id);
    await waitFor(() => bus.held.has(first.id), { what: "the first publish's ack back and held" });
    bus.release();
    const ids = [first.id, ...waiting.map((event) => event.id), next.id];
    await waitFor(async () => (await unsent(ids)) === 0, { what: 'the five rows marked sent' });
  });

  it('publishes the commits waiting for the interval as soon as an acknowledgement comes back', async () => {
    const first = await commitWith('res-paced-ack', (id) => bus.holdNext.add(id));
    const later: EventEnvelope[] = [];
    for (let i = 0; i < 3; i++) later.push(await commit('res-paced-ack'));
    expect(bus.calls).toEqual([first.id]);
    await waitFor(() => bus.held.has(first.id), { what: "the first publish's ack back and held" });
    // the ack's arrival (a wake-up the relay has anyway) takes the waiting commits out, before the interval is over
    bus.release();
    await waitFor(() => bus.calls.length === 4, { what: 'the waiting commits published' });
    expect(writes.map((write) => write.ids)).toEqual([[first.id], later.map((event) => event.id)]);
    expect(writes[1].at - writes[0].at).toBeLessThan(GATHER_MS);
    const ids = [first.id, ...later.map((event) => event.id)];
    await waitFor(async () => (await unsent(ids)) === 0, { what: 'the four rows marked sent' });
  });

  it('leaves the commits waiting for the interval unsent when the relay stops; the next relay publishes them once, in order', async () => {
    const first = await commitWith('res-paced-stop', (id) => bus.holdNext.add(id));
    const waiting = await commit('res-paced-stop');
    expect(bus.calls).toEqual([first.id]);
    await waitFor(() => bus.held.has(first.id), { what: "the first publish's ack back and held" });
    const stopping = relay.stop();
    // the stop drops the waiting publish (then waits for the ack in flight): the row stays in the table
    await new Promise((resolve) => setTimeout(resolve, 20));
    bus.release();
    await stopping;
    expect(bus.calls).toEqual([first.id]);
    expect((await row(first.id)).sentAt).not.toBeNull();
    expect((await row(waiting.id)).sentAt).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, GATHER_MS + 50));
    expect(bus.calls).toEqual([first.id]);

    await startRelay();
    await waitFor(async () => (await row(waiting.id)).sentAt !== null, { what: 'the waiting row published at start' });
    expect(bus.calls).toEqual([first.id, waiting.id]);
  });
});
