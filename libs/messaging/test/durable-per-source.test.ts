import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { ormConfig } from '@shequ/database';
import { CaseResolved, ResidentDeceased, STREAM_NAME, type EventEnvelope } from '@shequ/contracts';
import { startNatsServer, testDatabaseLocation, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import {
  EventConsumer,
  NatsBus,
  ensureDurablePerSource,
  silentLogger,
  Outbox,
  ProcessedEvent,
  envelopeFor,
  listDeadLetters,
  messagingEntities,
  startEventConsumers,
  type SourceConsumer,
} from '../src/index.js';

const debugLogger: Record<string, unknown> = {
  child: () => debugLogger,
  info: (...a: unknown[]) => console.log('INFO', ...a),
  warn: (...a: unknown[]) => console.log('WARN', ...a),
  error: (...a: unknown[]) => console.log('ERROR', ...a),
  debug: () => undefined,
};
const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-m' };

/**
 * The move from one durable per purpose to one per source, on a real nats-server: events published while the former
 * layout ran (its purposes at different places, one acknowledging out of order, one reading only new events), more
 * published while nothing ran, then the new layout starts: every purpose applies every event it owes exactly once.
 */
describe.each(testDialects())('one durable per source (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let orm: MikroORM;
  let admin: NatsConnection;
  let publisher: NatsBus;
  let legacyBus: NatsBus;
  let casesBus: NatsBus;
  const published: EventEnvelope[] = [];
  /** Per purpose, how often each event id was handed to its handler. */
  const applied = new Map<string, Map<string, number>>();
  let durables: SourceConsumer[] = [];

  const FORMERS = ['cases__residents', 'cases__references__residents', 'cases__webhooks__residents'];

  function purposes(bus: NatsBus): EventConsumer[] {
    const make = (purpose: string | undefined, startAt: 'all' | 'new') => {
      const consumer = new EventConsumer({
        service: 'cases',
        source: 'residents',
        purpose,
        startAt,
        orm,
        bus,
        outbox: new Outbox('cases'),
        logger: process.env.DEBUG_DURABLE ? (debugLogger as never) : undefined,
      });
      return consumer.on(ResidentDeceased, async (event) => {
        const counts = applied.get(consumer.name) ?? new Map<string, number>();
        applied.set(consumer.name, counts);
        counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
      });
    };
    return [make(undefined, 'all'), make('references', 'all'), make('webhooks', 'new')];
  }

  async function publish(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const event = envelopeFor(
        ResidentDeceased,
        { residentId: `res-${published.length}`, diedOn: '2026-11-01' },
        meta,
      );
      await publisher.publish(event.subject, JSON.stringify(event), event.id);
      published.push(event);
    }
  }

  /** The former layout at work: `count` messages of a former durable, each applied by its purpose (and acked). */
  async function legacyFetch(durable: string, count: number): Promise<JsMsg[]> {
    const consumer = await jetstream(admin).consumers.get(STREAM_NAME, durable);
    const messages: JsMsg[] = [];
    const batch = await consumer.fetch({ max_messages: count, expires: 2_000 });
    for await (const message of batch) messages.push(message);
    expect(messages).toHaveLength(count);
    return messages;
  }

  /** A stopped durable's last pull request has expired (a message sent to it would wait out the ack wait). */
  const noPullWaiting = (durable: string) =>
    waitFor(
      async () => (await jetstreamManager(admin)).consumers.info(STREAM_NAME, durable).then((i) => i.num_waiting === 0),
      {
        timeoutMs: 40_000,
        what: 'no pull request left',
      },
    );
  const idsOf = (from: number, to: number) => published.slice(from, to).map((e) => e.id);
  const counts = (name: string) => applied.get(name) ?? new Map<string, number>();

  beforeAll(async () => {
    nats = await startNatsServer();
    orm = await MikroORM.init(
      ormConfig({
        location: testDatabaseLocation(dialect, 'durable_per_source'),
        entities: [...messagingEntities],
        migrations: { sqlite: [], postgresql: [] },
      }),
    );
    await orm.schema.refreshDatabase();
    // without credentials: the tests' unrestricted user, playing the residents service and the former layout
    admin = await connect({ servers: nats.url });
    publisher = new NatsBus({ servers: nats.url, name: 'residents', credentials: nats.credentials.residents });
    legacyBus = new NatsBus({ servers: nats.url, name: 'legacy' });
    casesBus = new NatsBus({ servers: nats.url, name: 'cases', credentials: nats.credentials.cases });
    await Promise.all([publisher.firstConnection, legacyBus.firstConnection, casesBus.firstConnection]);
  });

  afterAll(async () => {
    await Promise.all(durables.map((d) => d.stop()));
    await Promise.all([publisher?.close(), legacyBus?.close(), casesBus?.close()]);
    await admin?.close();
    await orm?.close(true);
    await nats?.dispose();
  });

  it('moves the per-purpose durables into one: no purpose loses or repeats an event', async () => {
    const jsm = await jetstreamManager(admin);
    const filter = 'shequ.residents.>';
    const former = (name: string, deliver: DeliverPolicy) =>
      jsm.consumers.add(STREAM_NAME, {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: deliver,
        filter_subject: filter,
        ack_wait: 30_000_000_000,
        max_deliver: -1,
      });
    await former('cases__residents', DeliverPolicy.All);
    await former('cases__references__residents', DeliverPolicy.All);
    await publish(5);
    // the webhook feed started after the first five: it owes nothing for them
    await former('cases__webhooks__residents', DeliverPolicy.New);
    await publish(25);

    // the former layout, each purpose through its own durable, at different places
    const [domain, references, webhooks] = purposes(legacyBus);
    for (const message of await legacyFetch('cases__residents', 30)) await domain.process(message);
    const refs = await legacyFetch('cases__references__residents', 12);
    // 1–10 applied, 12 applied out of order, 11 fetched and never acknowledged (the process stopped)
    for (const message of [...refs.slice(0, 10), refs[11]]) await references.process(message);
    for (const message of await legacyFetch('cases__webhooks__residents', 15)) await webhooks.process(message);
    expect((await jsm.consumers.info(STREAM_NAME, 'cases__references__residents')).ack_floor.stream_seq).toBe(10);
    expect((await jsm.consumers.info(STREAM_NAME, 'cases__webhooks__residents')).ack_floor.stream_seq).toBe(20);
    expect(counts('cases__residents').size).toBe(30);
    expect(counts('cases__references__residents').size).toBe(11);
    expect(counts('cases__webhooks__residents').size).toBe(15);

    // published while nothing ran
    await publish(10);

    // the new layout, as the cases service (its NATS user: it may look at and delete its former durables)
    durables = startEventConsumers(purposes(casesBus));
    expect(durables.map((d) => d.durableName)).toEqual(['cases__from__residents']);
    const everything = idsOf(0, 40);
    const owedToWebhooks = idsOf(5, 40);
    await waitFor(
      async () =>
        counts('cases__residents').size === 40 &&
        counts('cases__references__residents').size === 40 &&
        counts('cases__webhooks__residents').size === 35,
      { timeoutMs: 15_000, what: 'every purpose caught up' },
    );
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(STREAM_NAME, 'cases__from__residents');
        return info.num_pending + info.num_ack_pending === 0;
      },
      { what: 'the durable has acknowledged everything' },
    );
    expect([...counts('cases__residents').keys()].sort()).toEqual([...everything].sort());
    expect([...counts('cases__references__residents').keys()].sort()).toEqual([...everything].sort());
    expect([...counts('cases__webhooks__residents').keys()].sort()).toEqual([...owedToWebhooks].sort());
    for (const name of FORMERS) expect([...counts(name).values()].every((n) => n === 1)).toBe(true);
    // the former durables are gone
    const names: string[] = [];
    for await (const info of jsm.consumers.list(STREAM_NAME)) names.push(info.name);
    expect(names.sort()).toEqual(['cases__from__residents']);

    // a restart and one more event: applied once by each purpose, nothing earlier again
    await Promise.all(durables.map((d) => d.stop()));
    await noPullWaiting('cases__from__residents');
    durables = startEventConsumers(purposes(casesBus));
    await publish(1);
    const last = published[published.length - 1].id;
    await waitFor(async () => FORMERS.every((name) => counts(name).get(last) === 1), { what: 'the new event' });
    for (const name of FORMERS) {
      expect(counts(name).size).toBe(name === 'cases__webhooks__residents' ? 36 : 41);
      expect([...counts(name).values()].every((n) => n === 1)).toBe(true);
    }
  });

  it('gives a purpose added later the whole stream, and the purpose already there nothing twice', async () => {
    const bus = new NatsBus({ servers: nats.url, name: 'events', credentials: nats.credentials.events });
    const seen = new Map<string, Map<string, number>>();
    const purpose = (name?: string) => {
      const consumer = new EventConsumer({
        service: 'events',
        source: 'residents',
        purpose: name,
        orm,
        bus,
        outbox: new Outbox('events'),
      });
      return consumer.on(ResidentDeceased, async (event) => {
        const counts = seen.get(consumer.name) ?? new Map<string, number>();
        seen.set(consumer.name, counts);
        counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
      });
    };
    const size = (name: string) => seen.get(name)?.size ?? 0;
    let started = startEventConsumers([purpose()]);
    await waitFor(async () => size('events__residents') === published.length, { what: 'the first purpose read all' });
    await Promise.all(started.map((d) => d.stop()));
    await noPullWaiting('events__from__residents');
    await publish(2);
    started = startEventConsumers([purpose(), purpose('references')]);
    await waitFor(
      async () =>
        size('events__residents') === published.length && size('events__references__residents') === published.length,
      { timeoutMs: 15_000, what: 'both purposes read all' },
    );
    for (const counts of seen.values()) expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await Promise.all(started.map((d) => d.stop()));
    await bus.close();
  });

  it('retries and dead-letters a failing event for its purpose alone; the other purposes apply it once', async () => {
    const bus = new NatsBus({ servers: nats.url, name: 'partybuilding', credentials: nats.credentials.partybuilding });
    await publish(1);
    const poison = published[published.length - 1];
    const seen = new Map<string, Map<string, number>>();
    const purpose = (name: string | undefined, fails: boolean) => {
      const consumer = new EventConsumer({
        service: 'partybuilding',
        source: 'residents',
        purpose: name,
        maxDeliver: 3,
        orm,
        bus,
        outbox: new Outbox('partybuilding'),
      });
      return consumer.on(ResidentDeceased, async (event) => {
        if (fails && event.id === poison.id) throw new Error('投影暂时无法写入');
        const counts = seen.get(consumer.name) ?? new Map<string, number>();
        seen.set(consumer.name, counts);
        counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
      });
    };
    const [domain, references] = [purpose(undefined, false), purpose('references', true)];
    const started = startEventConsumers([domain, references]);
    const letters = () => listDeadLetters(bus, { consumer: 'partybuilding__references__residents' });
    await waitFor(async () => (await letters()).length === 1, { timeoutMs: 20_000, what: 'the dead letter' });
    expect((await letters())[0]).toMatchObject({ eventId: poison.id, reason: '投影暂时无法写入', deliveries: 3 });
    expect(await listDeadLetters(bus, { consumer: 'partybuilding__residents' })).toEqual([]);
    expect(references.deadLettered.get('resident.deceased')).toBe(1);
    // the purpose that applied it did so once across the three deliveries (its inbox row; its handler also ran in the
    // batch transaction that the other purpose's failure rolled back), the failing purpose never
    const inbox = (consumer: string) => orm.em.fork().count(ProcessedEvent, { consumer, eventId: poison.id });
    expect(await inbox('partybuilding__residents')).toBe(1);
    expect(await inbox('partybuilding__references__residents')).toBe(0);
    expect(seen.get('partybuilding__references__residents')?.has(poison.id)).toBe(false);
    await waitFor(
      async () => {
        const info = await (await bus.jetstreamManager()).consumers.info(STREAM_NAME, 'partybuilding__from__residents');
        return info.num_pending + info.num_ack_pending === 0;
      },
      { what: 'the message done with' },
    );
    await publish(1);
    const next = published[published.length - 1].id;
    await waitFor(
      async () =>
        seen.get('partybuilding__residents')?.get(next) === 1 &&
        seen.get('partybuilding__references__residents')?.get(next) === 1,
      { what: 'the next event for both' },
    );
    expect(await orm.em.fork().count(ProcessedEvent, { eventId: next, consumer: { $like: 'partybuilding__%' } })).toBe(
      2,
    );
    await Promise.all(started.map((d) => d.stop()));
    await bus.close();
  });

  it('loses nothing when a start stops half way: after storing the positions, or before deleting the former durables', async () => {
    const jsm = await jetstreamManager(admin);
    for (const name of ['residents__cases', 'residents__audit_trail__cases'])
      await jsm.consumers.add(STREAM_NAME, {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: 'shequ.cases.>',
        ack_wait: 30_000_000_000,
        max_deliver: -1,
      });
    const casesEvents: string[] = [];
    const publishCases = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const event = envelopeFor(
          CaseResolved,
          {
            caseId: `case-${casesEvents.length}`,
            number: 'SQ-2026-000001',
            resolvedAt: '2026-12-01T08:00:00.000Z',
            onTime: true,
          },
          meta,
        );
        await casesBus.publish(event.subject, JSON.stringify(event), event.id);
        casesEvents.push(event.id);
      }
    };
    const seen = new Map<string, Map<string, number>>();
    const purposesOf = (bus: NatsBus) =>
      [undefined, 'audit_trail'].map((name) => {
        const consumer = new EventConsumer({
          service: 'residents',
          source: 'cases',
          purpose: name,
          orm,
          bus,
          outbox: new Outbox('residents'),
        });
        return consumer.on(CaseResolved, async (event) => {
          const counts = seen.get(consumer.name) ?? new Map<string, number>();
          seen.set(consumer.name, counts);
          counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
        });
      });
    await publishCases(10);
    const [domain, audit] = purposesOf(legacyBus);
    for (const message of await legacyFetch('residents__cases', 10)) await domain.process(message);
    for (const message of await legacyFetch('residents__audit_trail__cases', 4)) await audit.process(message);

    const setup = (failing: 'add' | 'delete') => ({
      service: 'residents' as const,
      source: 'cases' as const,
      durableName: 'residents__from__cases',
      purposes: [
        { name: 'residents__cases', startAt: 'all' as const },
        { name: 'residents__audit_trail__cases', startAt: 'all' as const },
      ],
      orm,
      jsm: stoppingAt(jsm, failing),
      logger: silentLogger,
    });
    // stopped after storing the positions, before making the durable
    await expect(ensureDurablePerSource(setup('add'))).rejects.toThrow('进程在此停止');
    const names = async () => {
      const found: string[] = [];
      for await (const info of jsm.consumers.list(STREAM_NAME)) found.push(info.name);
      return found.filter((name) => name.startsWith('residents__')).sort();
    };
    expect(await names()).toEqual(['residents__audit_trail__cases', 'residents__cases']);
    await publishCases(3);
    // stopped after making the durable, before deleting the former ones
    await ensureDurablePerSource(setup('delete'));
    expect(await names()).toEqual(['residents__audit_trail__cases', 'residents__cases', 'residents__from__cases']);
    await publishCases(2);

    const residentsBus = new NatsBus({ servers: nats.url, name: 'residents', credentials: nats.credentials.residents });
    const started = startEventConsumers(purposesOf(residentsBus));
    await waitFor(
      async () => seen.get('residents__cases')?.size === 15 && seen.get('residents__audit_trail__cases')?.size === 15,
      { timeoutMs: 15_000, what: 'both purposes caught up' },
    );
    for (const counts of seen.values()) {
      expect([...counts.keys()].sort()).toEqual([...casesEvents].sort());
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    }
    expect(await names()).toEqual(['residents__from__cases']);
    await Promise.all(started.map((d) => d.stop()));
    await residentsBus.close();
  });
});

/** `jsm` whose `consumers.<method>` fails, as if the process stopped there. */
function stoppingAt(jsm: JetStreamManager, method: 'add' | 'delete'): JetStreamManager {
  const bound = (target: object, key: string | symbol) => {
    const value: unknown = Reflect.get(target, key);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  };
  const consumers = new Proxy(jsm.consumers, {
    get: (target, key) =>
      key === method
        ? async () => {
            throw new Error('进程在此停止');
          }
        : bound(target, key),
  });
  return new Proxy(jsm, { get: (target, key) => (key === 'consumers' ? consumers : bound(target, key)) });
}
