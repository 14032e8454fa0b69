import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySchema, MikroORM } from '@mikro-orm/core';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { ormConfig } from '@shequ/database';
import {
  ApiKeyIssued,
  BuildingRegistered,
  ResidentDeceased,
  STREAM_NAME,
  generateNatsCredentials,
  type EventEnvelope,
} from '@shequ/contracts';
import { startNatsServer, testDatabaseLocation, waitFor, type NatsServerHandle } from '@shequ/testing';
import { EventConsumer, NatsBus, Outbox, credentialOptions, envelopeFor, messagingEntities } from '../src/index.js';

class Obituary {
  id!: string;
  residentId!: string;
}
const ObituarySchema = new EntitySchema<Obituary>({
  class: Obituary,
  properties: { id: { type: 'string', primary: true }, residentId: { type: 'string' } },
});

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-1' };

/** A raw connection as one of the generated NATS users. */
async function connectAs(nats: NatsServerHandle, user: string): Promise<NatsConnection> {
  const credentials = nats.credentials[user];
  return connect({ servers: nats.url, ...credentialOptions(credentials) });
}

/** Publishes to JetStream as that connection; resolves to 'stored' or the error the server gave. */
async function publishAs(connection: NatsConnection, subject: string, payload: string): Promise<string> {
  try {
    await jetstream(connection).publish(subject, payload, { timeout: 2_000 });
    return 'stored';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('the bus is a trust boundary (real nats-server with generated users and permissions)', () => {
  let nats: NatsServerHandle;
  let orm: MikroORM;
  let residentsBus: NatsBus;
  let casesBus: NatsBus;
  let consumer: EventConsumer;
  const connections: NatsConnection[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    orm = await MikroORM.init(
      ormConfig({
        location: testDatabaseLocation('sqlite', 'bus-permissions'),
        entities: [...messagingEntities, ObituarySchema],
        migrations: { sqlite: [], postgresql: [] },
      }),
    );
    await orm.schema.createSchema();
    residentsBus = new NatsBus({ servers: nats.url, name: 'residents', credentials: nats.credentials.residents });
    casesBus = new NatsBus({ servers: nats.url, name: 'cases', credentials: nats.credentials.cases });
    await Promise.all([residentsBus.firstConnection, casesBus.firstConnection]);
    consumer = new EventConsumer({
      service: 'cases',
      source: 'residents',
      orm,
      bus: casesBus,
      outbox: new Outbox('cases'),
    });
    consumer.on(ResidentDeceased, async (event, { em }) => {
      em.persist(Object.assign(new Obituary(), { id: event.id, residentId: event.data.residentId }));
    });
    consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await Promise.all(connections.map((c) => c.close()));
    await Promise.all([residentsBus?.close(), casesBus?.close()]);
    await orm?.close(true);
    await nats?.dispose();
  });

  const obituaries = (residentId: string) => orm.em.fork().count(Obituary, { residentId });

  it('refuses a service publishing on another service’s subjects, and anyone connecting without a password', async () => {
    const cases = await connectAs(nats, 'cases');
    connections.push(cases);
    const forged = envelopeFor(
      ApiKeyIssued,
      {
        keyId: 'forged',
        name: '伪造',
        scopes: ['pii:read'],
        secretHash: 'a'.repeat(64),
        expiresAt: '2027-01-01T00:00:00.000Z',
      },
      meta,
    );
    expect(await publishAs(cases, forged.subject, JSON.stringify(forged))).toMatch(/permission/i);
    // its own subjects are fine
    expect(await publishAs(cases, 'shequ.cases.case.noted', '{}')).toBe('stored');

    await expect(
      connect({ servers: nats.url, user: 'residents', pass: 'not-the-password', maxReconnectAttempts: 0 }),
    ).rejects.toThrow(/authorization/i);
    // a key pair of its own making is nobody: the server knows each user only by its public key
    const impostor = { user: 'residents', seed: generateNatsCredentials().residents.seed };
    await expect(
      connect({ servers: nats.url, ...credentialOptions(impostor), maxReconnectAttempts: 0 }),
    ).rejects.toThrow(/authorization/i);
  });

  it('lets a service consume only its own durable consumers with their own filter', async () => {
    const events = await connectAs(nats, 'events');
    connections.push(events);
    const jsm = await jetstreamManager(events);
    // another service's durable name, or a filter the service does not read
    await expect(
      jsm.consumers.add(STREAM_NAME, {
        durable_name: 'cases__residents',
        ack_policy: AckPolicy.Explicit,
        filter_subject: 'shequ.residents.>',
      }),
    ).rejects.toThrow(/permission|timeout/i);
    await expect(
      jsm.consumers.add(STREAM_NAME, {
        durable_name: 'events__residents',
        ack_policy: AckPolicy.Explicit,
        filter_subject: 'shequ.cases.>',
      }),
    ).rejects.toThrow(/permission|timeout/i);
    // another service's durable per source, current or former
    for (const durable of ['cases__from__residents', 'cases__references__residents'])
      await expect(
        jsm.consumers.add(STREAM_NAME, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          filter_subject: 'shequ.residents.>',
        }),
      ).rejects.toThrow(/permission|timeout/i);
    // its own durable per source, with its own filter, is fine
    await jsm.consumers.add(STREAM_NAME, {
      durable_name: 'events__from__residents',
      ack_policy: AckPolicy.Explicit,
      filter_subject: 'shequ.residents.>',
    });
    await jsm.consumers.delete(STREAM_NAME, 'events__from__residents');
  });

  it('lets a service look at and delete its former per-purpose durables, never read them again', async () => {
    const events = await connectAs(nats, 'events');
    connections.push(events);
    const jsm = await jetstreamManager(events);
    // as the former layout made it (the tests' unrestricted user)
    const admin = await connect({ servers: nats.url });
    connections.push(admin);
    await (
      await jetstreamManager(admin)
    ).consumers.add(STREAM_NAME, {
      durable_name: 'events__references__residents',
      ack_policy: AckPolicy.Explicit,
      filter_subject: 'shequ.residents.>',
    });
    expect((await jsm.consumers.info(STREAM_NAME, 'events__references__residents')).name).toBe(
      'events__references__residents',
    );
    await expect(
      jetstream(events)
        .consumers.get(STREAM_NAME, 'events__references__residents')
        .then((c) => c.next({ expires: 1_000 })),
    ).rejects.toThrow();
    await expect(
      jsm.consumers.add(STREAM_NAME, {
        durable_name: 'events__residents',
        ack_policy: AckPolicy.Explicit,
        filter_subject: 'shequ.residents.>',
      }),
    ).rejects.toThrow(/permission|timeout/i);
    expect(await jsm.consumers.delete(STREAM_NAME, 'events__references__residents')).toBe(true);
  });

  it('drops an event whose envelope claims another source than its subject, counting it', async () => {
    // the cases user may publish on shequ.cases.>, but not pass it off as a residents event: the consumer
    // reads only shequ.residents.> (server-side filter) and checks the envelope of what it reads
    const forged: EventEnvelope = {
      ...envelopeFor(ResidentDeceased, { residentId: 'res-forged', diedOn: '2026-11-01' }, meta),
    };
    const honest = envelopeFor(ResidentDeceased, { residentId: 'res-honest', diedOn: '2026-11-01' }, meta);
    const wrongSource = { ...forged, source: 'cases' as const };
    await residentsBus.publish(forged.subject, JSON.stringify(wrongSource), forged.id);
    await residentsBus.publish(honest.subject, JSON.stringify(honest), honest.id);
    await waitFor(async () => (await obituaries('res-honest')) === 1, { what: 'the honest event' });
    expect(await obituaries('res-forged')).toBe(0);
    expect(consumer.rejected.get('source')).toBe(1);
  });

  it('gives district platforms a read-only user: consume what it is granted, never audit subjects, publish nothing', async () => {
    // by default the platform reads no aggregate naming a person (platform-scopes.test.ts): a building's is fine
    const event = envelopeFor(BuildingRegistered, { buildingId: 'bld-platform', gridId: 'grid-1' }, meta);
    await residentsBus.publish(event.subject, JSON.stringify(event), event.id);

    const platform = await connectAs(nats, 'platform');
    connections.push(platform);
    const jsm = await jetstreamManager(platform);
    await jsm.consumers.add(STREAM_NAME, {
      durable_name: 'hotline_12345',
      ack_policy: AckPolicy.Explicit,
      filter_subject: 'shequ.residents.building.>',
    });
    const consumerOfPlatform = await jetstream(platform).consumers.get(STREAM_NAME, 'hotline_12345');
    const batch = await consumerOfPlatform.fetch({ max_messages: 50, expires: 2_000 });
    const seen: string[] = [];
    for await (const message of batch) {
      seen.push((JSON.parse(new TextDecoder().decode(message.data)) as EventEnvelope).id);
      message.ack();
    }
    expect(seen).toContain(event.id);

    expect(await publishAs(platform, 'shequ.residents.resident.deceased', JSON.stringify(event))).toMatch(
      /permission/i,
    );
    for (const filter of [
      'shequ.residents.resident.>',
      'shequ.cases.audit.>',
      'shequ.cases.>',
      'shequ.>',
      'shequ.residents.api_key.>',
    ]) {
      await expect(
        jsm.consumers.add(STREAM_NAME, {
          durable_name: 'snoop',
          ack_policy: AckPolicy.Explicit,
          filter_subject: filter,
        }),
        filter,
      ).rejects.toThrow(/permission|timeout/i);
    }
    // nor may it read through a service's durable consumer of audit events
    await expect(
      jetstream(platform)
        .consumers.get(STREAM_NAME, 'residents__audit_trail__cases')
        .then((c) => c.next({ expires: 1_000 })),
    ).rejects.toThrow();
    await expect(jsm.streams.delete(STREAM_NAME)).rejects.toThrow(/permission|timeout/i);
  });

  it('refuses a service reading a message of the stream by sequence or subject (audit entries, events it does not consume)', async () => {
    // until 2026-12-06 every service's user could ask $JS.API.STREAM.MSG.GET (and DIRECT.GET): the message is named in
    // the request's body, so the permission let `events` read residents' audit entries and any other message
    const residents = await connectAs(nats, 'residents');
    connections.push(residents);
    expect(await publishAs(residents, 'shequ.residents.audit.pii_read', '{"fields":["idNumber"]}')).toBe('stored');
    const events = await connectAs(nats, 'events');
    connections.push(events);
    const jsm = await jetstreamManager(events);
    const info = await jsm.streams.info(STREAM_NAME);
    for (const query of [{ last_by_subj: 'shequ.residents.audit.pii_read' }, { seq: info.state.last_seq }]) {
      const answer = await jsm.streams.getMessage(STREAM_NAME, query).then(
        (message) => `read ${message?.subject ?? 'nothing'}`,
        (error: Error) => error.message,
      );
      expect(answer).toMatch(/permission/i);
    }
  });
});
