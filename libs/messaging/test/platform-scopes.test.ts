import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { ResidentRegistered, STREAM_NAME, type EventEnvelope } from '@shequ/contracts';
import { startNatsServer, type NatsServerHandle } from '@shequ/testing';
import { NatsBus, credentialOptions, envelopeFor } from '../src/index.js';

const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'test' }, correlationId: 'req-1' };
const registered = envelopeFor(
  ResidentRegistered,
  {
    residentId: 'res-born-1950',
    householdId: null,
    buildingId: null,
    gridId: null,
    gender: 'FEMALE',
    birthDate: '1950-03-08',
    residenceType: 'REGISTERED',
    residencePermitExpiresOn: null,
  },
  meta,
);

/** A nats-server whose platform user has these scopes, with resident.registered in the stream. */
async function serverGranting(platformScopes?: readonly string[]) {
  const nats = await startNatsServer({ platformScopes });
  const residents = new NatsBus({ servers: nats.url, name: 'residents', credentials: nats.credentials.residents });
  await residents.firstConnection;
  await residents.publish(registered.subject, JSON.stringify(registered), registered.id);
  await residents.close();
  const platform = await connect({ servers: nats.url, ...credentialOptions(nats.credentials.platform) });
  return { nats, platform };
}

/** The platform creates a consumer of resident.* and reads what it gives; or the server's refusal. */
async function readResidents(platform: NatsConnection): Promise<string[] | string> {
  try {
    await (
      await jetstreamManager(platform)
    ).consumers.add(STREAM_NAME, {
      durable_name: 'district_population',
      ack_policy: AckPolicy.Explicit,
      filter_subject: 'shequ.residents.resident.>',
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const consumer = await jetstream(platform).consumers.get(STREAM_NAME, 'district_population');
  const ids: string[] = [];
  for await (const message of await consumer.fetch({ max_messages: 10, expires: 2_000 })) {
    ids.push((JSON.parse(new TextDecoder().decode(message.data)) as EventEnvelope).id);
    message.ack();
  }
  return ids;
}

describe('the platform user reads only what its scopes read (real nats-server)', () => {
  const opened: { nats: NatsServerHandle; platform: NatsConnection }[] = [];
  afterAll(async () => {
    for (const { nats, platform } of opened) {
      await platform.close();
      await nats.dispose();
    }
  });

  it('by default cannot read resident.registered (it carries a birth date): the server refuses the consumer', async () => {
    const server = await serverGranting();
    opened.push(server);
    expect(await readResidents(server.platform)).toMatch(/permission|timeout/i);
  });

  it('reads resident.registered once granted residents:read, pii:read and floating:read (the 居住证 expiry), not with less', async () => {
    const alone = await serverGranting(['residents:read']);
    opened.push(alone);
    expect(await readResidents(alone.platform)).toMatch(/permission|timeout/i);
    const noFloating = await serverGranting(['residents:read', 'pii:read']);
    opened.push(noFloating);
    expect(await readResidents(noFloating.platform)).toMatch(/permission|timeout/i);

    const granted = await serverGranting(['residents:read', 'pii:read', 'floating:read']);
    opened.push(granted);
    expect(await readResidents(granted.platform)).toEqual([registered.id]);
  });
});
