import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { DiscardPolicy, jetstreamManager } from '@nats-io/jetstream';
import { STREAM_NAME, SUBJECT_PREFIX } from '@shequ/contracts';
import { startNatsServer, type NatsServerHandle } from '@shequ/testing';
import { JetStreamPublisher, NatsBus, ensureStream } from '../src/index.js';

/** Publishes and resolves to JetStream's verdict: 'stored' or the error's message. */
const publishWith = (publisher: JetStreamPublisher, subject: string, payload: string, id: string) =>
  new Promise<string>((resolve) =>
    publisher.publish(subject, payload, id, (error) => resolve(error?.message ?? 'stored')),
  );

describe('JetStreamPublisher: core publishes, acknowledgements matched by reply subject (real nats-server)', () => {
  let nats: NatsServerHandle;
  let connection: NatsConnection;
  let publisher: JetStreamPublisher;

  beforeAll(async () => {
    nats = await startNatsServer();
    connection = await connect({ servers: nats.url });
    await ensureStream(await jetstreamManager(connection));
    const jsm = await jetstreamManager(connection);
    await jsm.streams.add({ name: 'PUBLISHER_FULL', subjects: ['full.>'], max_msgs: 1, discard: DiscardPolicy.New });
    publisher = new JetStreamPublisher(connection, undefined, 300);
  });

  afterAll(async () => {
    publisher?.close();
    await connection?.close();
    await nats?.stop();
  });

  it('stores a message with its Nats-Msg-Id once: a repeat of the id is acknowledged and dropped', async () => {
    const subject = `${SUBJECT_PREFIX}.residents.resident.registered`;
    const jsm = await jetstreamManager(connection);
    const before = (await jsm.streams.info(STREAM_NAME)).state.messages;
    expect(await publishWith(publisher, subject, '{"n":1}', 'evt-once')).toBe('stored');
    expect(await publishWith(publisher, subject, '{"n":1}', 'evt-once')).toBe('stored');
    expect(await publishWith(publisher, subject, '{"n":2}', 'evt-other')).toBe('stored');
    expect((await jsm.streams.info(STREAM_NAME)).state.messages).toBe(before + 2);
    const stored = await jsm.streams.getMessage(STREAM_NAME, { seq: before + 1 });
    expect(stored?.header.get('Nats-Msg-Id')).toBe('evt-once');
    expect(stored?.string()).toBe('{"n":1}');
    expect(publisher.waiting).toBe(0);
  });

  it('answers many publishes in flight at once, each with its own verdict', async () => {
    const subject = `${SUBJECT_PREFIX}.residents.resident.registered`;
    const verdicts = await Promise.all(
      Array.from({ length: 200 }, (_, i) => publishWith(publisher, subject, `{"i":${i}}`, `evt-many-${i}`)),
    );
    expect(verdicts.every((verdict) => verdict === 'stored')).toBe(true);
    expect(publisher.waiting).toBe(0);
  });

  it('fails a publish JetStream refuses, and only that one', async () => {
    expect(await publishWith(publisher, 'full.a', 'first', 'full-1')).toBe('stored');
    const [refused, elsewhere] = await Promise.all([
      publishWith(publisher, 'full.b', 'second', 'full-2'),
      publishWith(publisher, `${SUBJECT_PREFIX}.residents.resident.registered`, '{}', 'evt-beside-refusal'),
    ]);
    expect(refused).toMatch(/JetStream refused the message: maximum messages exceeded/);
    expect(elsewhere).toBe('stored');
  });

  it('fails a publish no stream takes (no responders) at once', async () => {
    // a publisher waiting a minute for acks: "at once" is then far from its timeout even on a loaded machine
    const patient = new JetStreamPublisher(connection, undefined, 60_000);
    const started = performance.now();
    expect(await publishWith(patient, 'nowhere.at.all', 'x', 'nowhere-1')).toMatch(/no responders/);
    expect(performance.now() - started).toBeLessThan(5_000);
    patient.close();
  });

  it('fails a publish nobody acknowledges after its timeout, and ignores a late answer', async () => {
    // a core subscriber takes the subject (so no "no responders") and never answers
    const silent = connection.subscribe('silent.subject');
    const started = performance.now();
    expect(await publishWith(publisher, 'silent.subject', 'x', 'silent-1')).toMatch(/did not acknowledge/);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(5_000);
    silent.unsubscribe();
    expect(publisher.waiting).toBe(0);
  });

  it('fails what waits when closed, and refuses further publishes', async () => {
    const own = new JetStreamPublisher(connection, undefined, 60_000);
    connection.subscribe('silent.closing');
    const verdict = publishWith(own, 'silent.closing', 'x', 'closing-1');
    own.close();
    expect(await verdict).toMatch(/closed/);
    expect(() => own.publish('silent.closing', 'x', 'closing-2', () => undefined)).toThrow(/closed/);
  });

  it('is the bus’s publish: a service user publishes on its own inbox prefix (permissions enforced)', async () => {
    const bus = new NatsBus({ servers: nats.url, name: 'residents', credentials: nats.credentials.residents });
    try {
      await bus.firstConnection;
      await expect(
        bus.publish(`${SUBJECT_PREFIX}.residents.resident.registered`, '{}', 'evt-through-bus'),
      ).resolves.toBeUndefined();
      // a subject the user may not publish on: the server's permission error fails the publish at once (regression:
      // it waited for the 5 s timeout, the error arrives on the connection, not on the reply subject)
      const started = performance.now();
      await expect(bus.publish(`${SUBJECT_PREFIX}.cases.case.opened`, '{}', 'evt-forbidden')).rejects.toThrow(
        /permission/i,
      );
      expect(performance.now() - started).toBeLessThan(2_000);
      // a message id with a line break would corrupt the header block: refused before anything is written
      await expect(bus.publish(`${SUBJECT_PREFIX}.residents.resident.registered`, '{}', 'evt\r\nX: y')).rejects.toThrow(
        /line break/,
      );
    } finally {
      await bus.close();
    }
  });
});
