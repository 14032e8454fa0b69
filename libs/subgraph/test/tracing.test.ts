import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { SpanKind } from '@opentelemetry/api';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ResidentDeceased } from '@shequ/contracts';
import { ormConfig } from '@shequ/database';
import { EventConsumer, NatsBus, Outbox, messagingEntities } from '@shequ/messaging';
import { inMemorySpanExporter, REQUEST_ID_ATTRIBUTE, setupTracing, type ReadableSpan } from '@shequ/server';
import { startNatsServer, testDatabaseLocation, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { buildFederatedSchema, type SubgraphContext, type SubgraphServiceDefinition } from '../src/index.js';
import { authorizationFor, startTestSubgraph, type TestSubgraph } from '../src/testing/index.js';

// Registered before any subgraph starts: startSubgraphService's own setupTracing call then keeps this one.
const spans = inMemorySpanExporter();
setupTracing({ service: 'tracing-test', exporter: spans });

@Resolver()
class DeathRegisterResolver {
  @Query(() => String, { description: '探活' })
  ping(): string {
    return 'pong';
  }

  @Mutation(() => String, { description: '登记死亡并发布 resident.deceased 事件，返回事件编号' })
  async registerDeath(
    @Arg('residentId', { description: '居民编号' }) residentId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<string> {
    const envelope = await ctx.transaction(async ({ events }) =>
      events.record(ResidentDeceased, { residentId, diedOn: '2026-11-01' }),
    );
    return envelope.id;
  }
}

/** A one-resolver stand-in for the residents service: publishes resident.deceased through the outbox. */
const definition: SubgraphServiceDefinition = {
  name: 'residents',
  defaultPort: 0,
  entities: [],
  migrations: { sqlite: [], postgresql: [] },
  buildSchema: () => buildFederatedSchema({ resolvers: [DeathRegisterResolver] }),
  // no writes here
  communities: { isRegistered: async () => true, isRegisteredRegion: async () => true },
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const attribute = (span: ReadableSpan, name: string) => span.attributes[name];

describe.each(testDialects())('tracing gateway → subgraph → event (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let subgraph: TestSubgraph;
  let consumerOrm: MikroORM;
  let consumerBus: NatsBus;
  let consumer: EventConsumer;
  const handled: Array<{ id: string; traceparent?: string }> = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    subgraph = await startTestSubgraph(definition, { dialect, natsUrl: nats.url, registeredCommunities: [] });
    // The stand-in has no migrations of its own: create the outbox (and access) tables from the entities.
    await subgraph.orm.schema.updateSchema();
    consumerOrm = await MikroORM.init(
      ormConfig({
        location: testDatabaseLocation(dialect, 'trace_consumer'),
        entities: messagingEntities,
        migrations: { sqlite: [], postgresql: [] },
      }),
    );
    await consumerOrm.schema.createSchema();
    consumerBus = new NatsBus({ servers: nats.url, name: 'cases-trace-test' });
    consumer = new EventConsumer({
      service: 'cases',
      source: 'residents',
      orm: consumerOrm,
      bus: consumerBus,
      outbox: new Outbox('cases'),
    });
    consumer.on(ResidentDeceased, async (event) => {
      handled.push({ id: event.id, traceparent: event.traceparent });
    });
    consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await consumerBus?.close();
    await consumerOrm?.close(true);
    await subgraph?.stop();
    await nats?.dispose();
  });

  beforeEach(() => spans.reset());

  async function post(query: string, headers: Record<string, string>) {
    const response = await fetch(`http://127.0.0.1:${subgraph.http.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authorizationFor()), ...headers },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: any; errors?: unknown };
  }

  const serverSpans = () => spans.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER);

  it('makes the subgraph request span a child of the incoming traceparent, with the request id', async () => {
    const traceId = hex(16);
    const callerSpanId = hex(8);
    const result = await post('{ ping }', {
      traceparent: `00-${traceId}-${callerSpanId}-01`,
      'x-request-id': 'req-trace-a',
    });
    expect(result.data).toEqual({ ping: 'pong' });

    const [span] = serverSpans();
    expect(span).toBeDefined();
    expect(span.spanContext().traceId).toBe(traceId);
    expect(span.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(span.name).toBe('POST /graphql');
    expect(attribute(span, REQUEST_ID_ATTRIBUTE)).toBe('req-trace-a');
    expect(attribute(span, 'http.response.status_code')).toBe(200);
    expect(span.instrumentationScope.name).toBe('residents');
  });

  it('starts a new trace for a request without traceparent', async () => {
    await post('{ ping }', {});
    const [span] = serverSpans();
    expect(span).toBeDefined();
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('carries the trace through the outbox and NATS into the consumer span', async () => {
    const traceId = hex(16);
    const callerSpanId = hex(8);
    const result = await post('mutation { registerDeath(residentId: "r-trace-1") }', {
      traceparent: `00-${traceId}-${callerSpanId}-01`,
      'x-request-id': 'req-trace-b',
    });
    const eventId = result.data?.registerDeath as string;
    expect(eventId, JSON.stringify(result)).toBeTruthy();

    const consumed = await waitFor(
      () =>
        spans
          .getFinishedSpans()
          .find((s) => s.kind === SpanKind.CONSUMER && attribute(s, 'messaging.message.id') === eventId),
      { what: 'consumer span of the event' },
    );
    const server = serverSpans().find((s) => attribute(s, REQUEST_ID_ATTRIBUTE) === 'req-trace-b')!;
    expect(server.spanContext().traceId).toBe(traceId);

    // The envelope carries the request span as its traceparent; the consumer span is that span's child.
    const event = handled.find((h) => h.id === eventId)!;
    expect(event.traceparent).toBe(`00-${traceId}-${server.spanContext().spanId}-01`);
    expect(consumed.spanContext().traceId).toBe(traceId);
    expect(consumed.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(consumed.name).toBe('resident.deceased process');
    expect(consumed.instrumentationScope.name).toBe('cases');
    expect(attribute(consumed, REQUEST_ID_ATTRIBUTE)).toBe('req-trace-b');
    expect(attribute(consumed, 'messaging.consumer.group.name')).toBe('cases__residents');
    expect(attribute(consumed, 'shequ.outcome')).toBe('applied');
  });

  it('shows the messaging tables and dead letters in /metrics', async () => {
    const text = await (await fetch(subgraph.http.url.replace(/graphql$/, 'metrics'))).text();
    expect(text).toMatch(/shequ_messaging_rows\{table="outbox_sent",service="residents"\} \d+/);
    expect(text).toMatch(/shequ_messaging_oldest_age_seconds\{table="outbox_pending",service="residents"\} /);
    expect(text).toMatch(/# TYPE shequ_events_dead_lettered_total gauge/);
  });
});
