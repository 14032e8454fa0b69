import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { PlainAnswerCounts, plainAnswersPlugin } from './plain-answers.js';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import {
  afterCommitOf,
  databaseIsReachable,
  databaseLocation,
  ensureRollups,
  type DatabaseLocation,
  type EntityDefinition,
  type MigrationLists,
  type Orm,
  type RollupDefinition,
  transactionTurns,
} from '@shequ/database';
import {
  EventConsumer,
  startEventConsumers,
  type SourceConsumer,
  NatsBus,
  Outbox,
  OutboxRelay,
  deadLetterStats,
  messagingTableStats,
  pruneMessagingRows,
  retentionFromEnv,
} from '@shequ/messaging';
import {
  ACTING_COMMUNITY_HEADER,
  JwtVerifier,
  actingCommunityFrom,
  authenticate,
  isPermission,
  jwtSettingsFromEnv,
  PERMISSIONS,
  mayIntrospect,
  queryBudgetOf,
  type ApiKeyVerifier,
} from '@shequ/auth';
import { GraphQLError } from 'graphql';
import { isDomainError, UnauthenticatedError } from '@shequ/errors';
import {
  createLogger,
  ENVIRONMENT,
  errorLogPlugin,
  clientErrorOptions,
  EXPORT_PERMISSION_HEADER,
  isExportPermission,
  observeOnScrape,
  pickVariables,
  querySafetyPlugin,
  readEnvironment,
  registerRejectedEventsMetric,
  setupTracing,
  startHttpService,
  stopWhenParentExits,
  type HttpRoute,
  type LargeOperations,
  type Logger,
  type RunningHttpService,
} from '@shequ/server';
import type { ServiceName } from '@shequ/contracts';
import { systemClock, type Clock } from './clock.js';
import { createSubgraphContext, type SubgraphContext } from './context.js';
import type { UniqueConflictRule } from './unique-conflicts.js';
import type { FederatedSchema } from './federated-schema.js';
import { accessEntitiesOf } from './access/access-entities.js';
import { auditRetentionFromEnv, pruneAuditTrail } from './access/audit-retention.js';
import { piiAuditPlugin } from './access/audit-plugin.js';
import { ApiKeyProjection } from './access/api-key-projection.js';
import { referenceConsumerName, requireReferencesFirst } from './references/reference-consumer.js';
import { ReferenceSync } from './references/reference-sync.js';
import { rememberRegisteredCommunities, type CommunityRegistry } from './references/community-registry.js';
import { requireRegisteredHome } from './access/registered-home.js';
import { holdEventsOfUnregisteredCommunities } from './references/hold-unregistered.js';
import { formatGraphQLError, isExpectedError } from './graphql-errors.js';
import { PeriodicTask } from './periodic-task.js';
import { claimTaskPeriod } from './scheduled-task-lease.js';
import { openServiceDatabase } from './service-database.js';
import { serviceConfig, type ServiceConfig } from './service-config.js';
import {
  demoSeedDone,
  isDemoSeedChild,
  markDemoSeedDone,
  seedInChildProcess,
  type DemoSeedDependencies,
} from './demo-seed.js';

/** What a service's composition root hands the runtime. */
export interface SubgraphServiceDefinition {
  name: ServiceName;
  defaultPort: number;
  entities: EntityDefinition[];
  /** Statistics rollups kept with every write through the unit of work (and counted at start when new). */
  rollups?: RollupDefinition[];
  /** The generated lists, or (the services) a loader of them used only when a migration may be pending. */
  migrations: MigrationLists;
  buildSchema(): Promise<FederatedSchema>;
  /**
   * What the service does with other services' events, one purpose each (`EventConsumer`); they are read with one
   * durable consumer per source (`startEventConsumers`).
   */
  consumers?(deps: ServiceDependencies): EventConsumer[];
  /** Scheduled scans. */
  scheduledTasks?(deps: ServiceDependencies): PeriodicTask[];
  /**
   * Loads the demo community when the database is empty (called when `SHEQU_SEED=demo`). A service's `main.js` runs
   * it in a child process (`runSubgraphService`): import the seed modules inside it (`await import(…)`), so the
   * service process never loads them.
   */
  seedDemoData?(deps: DemoSeedDependencies): Promise<void>;
  /** Extra HTTP routes next to /graphql (e.g. cases' Open311 endpoints). */
  routes?(deps: ServiceDependencies, callers: RouteCallers): HttpRoute[];
  /** The one operation that may come with a body over 1 MiB (residents' district import), and its limit. */
  largeOperations?: LargeOperations;
  /**
   * Root query fields whose answer is plain data, read without side effects (statistics): answered without
   * graphql-js completing each field of a large answer (`plainAnswersPlugin`); graphql-js for anything else.
   */
  plainAnswers?: readonly string[];
  /** Which communities are registered: every write in a community checks it (`ctx.transaction`). */
  communities: CommunityRegistry;
  /**
   * The rules the service's unique indexes stand for (`UniqueConflictRule`): a write that hits one in
   * `ctx.transaction` (a concurrent request passed the same check first) gets that rule's Chinese message.
   */
  uniqueConflicts?: readonly UniqueConflictRule[];
}

export interface ServiceDependencies {
  config: ServiceConfig;
  /** Verifies district platforms' API keys: by default this service's projection of the key registry's events. */
  apiKeys?: ApiKeyVerifier;
  orm: Orm;
  bus: NatsBus;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
}

/** What an extra HTTP route needs to act as its caller, exactly as `/graphql` would. */
export interface RouteCallers {
  /**
   * The caller's context from an `Authorization` value (`Bearer <JWT>` or `ApiKey shq_…`) and, for callers covering
   * several communities, the acting community (`X-Shequ-Community`); throws UnauthenticatedError / ForbiddenError.
   */
  contextOf(
    authorization: string | undefined,
    requestId: string,
    actingCommunity?: string | string[],
  ): Promise<SubgraphContext>;
}

export interface RunningSubgraph extends ServiceDependencies {
  http: RunningHttpService;
  relay: OutboxRelay;
  consumers: EventConsumer[];
  /** The durable consumers the purposes are read through, one per source. */
  durables: SourceConsumer[];
  /**
   * The scheduled scans (the definition's and the messaging and audit retention): a test that runs a scan itself and
   * counts its pages stops the service's own (`stop` awaits a run under way), so none runs between its pages.
   */
  tasks: PeriodicTask[];
  /** The answers given by the plain path per root field (`plainAnswers` of the definition). */
  plainAnswers: PlainAnswerCounts;
  stop(): Promise<void>;
}

/**
 * Composition root shared by the four services: config → database (migrations) → NATS → demo seed →
 * schema → HTTP; then the outbox relay, consumers and scheduled scans. `stop()` undoes it in reverse:
 * stop taking requests, stop consumers and scans, flush the outbox if NATS is there, drain NATS, close the ORM.
 */
export async function startSubgraphService(
  definition: SubgraphServiceDefinition,
  overrides: {
    config?: Partial<ServiceConfig>;
    location?: DatabaseLocation;
    clock?: Clock;
    logger?: Logger;
    apiKeys?: ApiKeyVerifier;
    /**
     * Run the demo seed (when `seed` is `demo`) in a child process started from this process's entry script, and
     * only if the database has no mark of a finished seed (`runSubgraphService` does; tests seed in-process).
     */
    seedInChildProcess?: boolean;
  } = {},
): Promise<RunningSubgraph> {
  const config = { ...serviceConfig(definition.name, definition.defaultPort), ...overrides.config };
  const tracing = setupTracing({ service: definition.name });
  const logger = overrides.logger ?? createLogger(definition.name);
  const clock = overrides.clock ?? systemClock;
  const location = overrides.location ?? databaseLocation({ service: definition.name, dataDir: config.dataDir });
  const orm = await openServiceDatabase(definition, location, {
    log: (message) => logger.debug(message),
    maintainRollups: true,
  });
  if (location.dialect === 'sqlite')
    transactionTurns(orm.em.getConnection()).maxQueued = config.sqliteTransactionQueueLimit;
  if (definition.rollups?.length) await ensureRollups(orm.em, definition.rollups);
  const bus = new NatsBus({
    servers: config.natsUrl,
    name: definition.name,
    logger,
    credentials: config.natsCredentials,
  });
  const outbox = new Outbox(definition.name);
  const projection = overrides.apiKeys ? undefined : new ApiKeyProjection({ bus, clock, logger });
  const deps: ServiceDependencies = {
    config,
    orm,
    bus,
    outbox,
    clock,
    logger,
    apiKeys: overrides.apiKeys ?? projection,
  };
  const referenceSync = new ReferenceSync(bus, referenceConsumerName(definition.name));
  const communities = rememberRegisteredCommunities(definition.communities, afterCommitOf(orm));
  const jwt = new JwtVerifier(jwtSettingsFromEnv());
  try {
    if (config.seed === 'demo' && definition.seedDemoData) {
      if (!overrides.seedInChildProcess) {
        await definition.seedDemoData(deps);
        await markDemoSeedDone(orm.em.fork(), clock.now());
      } else if (!(await demoSeedDone(orm.em.fork()))) await seedInChildProcess(definition.name, logger);
    }

    const contextOf = async (
      authorization: string | undefined,
      requestId: string,
      actingCommunity?: string | string[],
    ) => {
      const principal = await authenticate(authorization, { jwt, apiKeys: deps.apiKeys });
      if (principal.kind === 'anonymous')
        throw new UnauthenticatedError('未认证：请在 Authorization 头中提供令牌（Bearer）或 API 密钥（ApiKey）');
      // a credential for a place never registered is refused before any resolver runs (every service alike)
      await requireRegisteredHome(principal, communities, () => orm.em.fork(), referenceSync);
      const actingCommunityId = actingCommunityFrom(actingCommunity);
      return createSubgraphContext({
        requestId,
        principal,
        actingCommunityId,
        em: orm.em,
        outbox,
        clock,
        logger,
        referenceSync,
        communities,
        uniqueConflicts: definition.uniqueConflicts,
      });
    };
    const { schema } = await definition.buildSchema();
    const plainAnswers = new PlainAnswerCounts();
    const apollo = new ApolloServer<SubgraphContext>({
      schema,
      introspection: true,
      allowBatchedHttpRequests: true,
      ...clientErrorOptions({ production: config.production, format: formatGraphQLError(config.production) }),
      plugins: [
        ApolloServerPluginInlineTraceDisabled(),
        // no cache hints are used: without this default plugin no field resolver is wrapped per request
        ApolloServerPluginCacheControlDisabled(),
        querySafetyPlugin<SubgraphContext>({
          production: config.production,
          budgetOf: (context) => queryBudgetOf(context.principal),
          mayIntrospect: (context) => mayIntrospect(context.principal),
        }),
        piiAuditPlugin({ service: definition.name, orm, outbox, logger }),
        errorLogPlugin<SubgraphContext>({ logger, isExpected: isExpectedError }),
        plainAnswersPlugin<SubgraphContext>(definition.plainAnswers ?? [], plainAnswers),
      ],
    });
    const http = await startHttpService<SubgraphContext>({
      service: definition.name,
      port: config.port,
      portVariable: config.portVariable,
      apollo,
      logger,
      largeOperations: definition.largeOperations,
      metricsAccess: config.metricsAccess,
      routes: definition.routes?.(deps, { contextOf }),
      context: async (request: IncomingMessage, requestId: string) => {
        const ctx = await contextOf(
          request.headers.authorization,
          requestId,
          request.headers[ACTING_COMMUNITY_HEADER],
        ).catch((error) => {
          if (!isDomainError(error)) throw error;
          if (error.code === 'NOT_YET_SYNCED')
            throw new GraphQLError(error.message, {
              extensions: { code: error.code, retryable: true, http: { status: 503 } },
            });
          throw error.code === 'UNAUTHENTICATED' ? unauthenticated(error.message) : forbidden(error.message);
        });
        requireExportPermission(ctx, request.headers[EXPORT_PERMISSION_HEADER]);
        return ctx;
      },
      readiness: async () => ({ database: await databaseIsReachable(orm), nats: bus.isConnected }),
    });

    projection?.start();
    const relay = new OutboxRelay({
      orm,
      bus,
      logger,
      lockRows: location.dialect === 'postgresql',
      pauseAfterPublishMs: config.production ? 0 : relayPauseAfterPublishMs(),
    });
    relay.start();
    const consumers = definition.consumers?.(deps) ?? [];
    requireReferencesFirst(consumers);
    holdEventsOfUnregisteredCommunities(consumers, communities);
    // one durable per source: a source's purposes (domain, references, webhooks, audit trail …) read it together
    const durables = startEventConsumers(consumers);
    registerRejectedEventsMetric(http.metrics.registry, () => rejectedEvents(consumers, projection));
    observeOnScrape(http.metrics.registry, {
      name: 'shequ_messaging_rows',
      help: 'Rows in the messaging tables: outbox pending / sent, inbox processed events',
      labelNames: ['table'],
      collect: async () =>
        (await messagingTableStats(orm, clock.now())).map((t) => ({ labels: { table: t.table }, value: t.rows })),
    });
    observeOnScrape(http.metrics.registry, {
      name: 'shequ_messaging_oldest_age_seconds',
      help: 'Age of the oldest row in each messaging table (0 when empty)',
      labelNames: ['table'],
      collect: async () =>
        (await messagingTableStats(orm, clock.now())).map((t) => ({
          labels: { table: t.table },
          value: t.oldestAgeSeconds,
        })),
    });
    observeOnScrape(http.metrics.registry, {
      name: 'shequ_dead_letters',
      help: 'Dead letters kept in the SHEQU_DEAD_LETTER stream for this service, by consumer (until replayed)',
      labelNames: ['consumer'],
      collect: async () =>
        bus.isConnected
          ? (await deadLetterStats(bus, definition.name, clock.now())).byConsumer.map((c) => ({
              labels: { consumer: c.consumer },
              value: c.letters,
            }))
          : [],
    });
    observeOnScrape(http.metrics.registry, {
      name: 'shequ_dead_letters_oldest_age_seconds',
      help: 'Age of the oldest dead letter in the SHEQU_DEAD_LETTER stream (any service; 0 when empty)',
      labelNames: [],
      collect: async () =>
        bus.isConnected
          ? [{ labels: {}, value: (await deadLetterStats(bus, definition.name, clock.now())).oldestAgeSeconds }]
          : [],
    });
    observeOnScrape(http.metrics.registry, {
      name: 'shequ_events_dead_lettered_total',
      help: 'Events sent to the dead-letter subject by this process, by consumer and event type',
      labelNames: ['consumer', 'type'],
      collect: () =>
        consumers.flatMap((consumer) =>
          [...consumer.deadLettered].map(([type, value]) => ({
            labels: { consumer: consumer.name, type },
            value,
          })),
        ),
    });
    const retention = retentionFromEnv();
    const auditRetention = auditRetentionFromEnv();
    const tasks = [
      ...(definition.scheduledTasks?.(deps) ?? []),
      // nothing kept forever by accident: sent outbox rows and inbox rows past their retention, hourly
      new PeriodicTask('messaging-retention', 3_600_000, () => pruneMessagingRows(orm, retention, clock.now())),
      // the audit trail, for its configured period (SHEQU_AUDIT_RETENTION_DAYS), in the service that keeps it
      ...(accessEntitiesOf(definition.name).length > 0
        ? [new PeriodicTask('audit-retention', 3_600_000, () => pruneAuditTrail(orm, auditRetention, clock.now()))]
        : []),
    ];
    // once per period across replicas: the first to tick in a period claims it in the shared database (periods
    // of real time, like the timers: a test's manual clock moves what a scan sees, not when it runs)
    const lease = (task: PeriodicTask) =>
      claimTaskPeriod(orm.em.fork(), { task: task.name, intervalMs: task.intervalMs, now: new Date() });
    for (const task of tasks) task.start(logger, lease);
    observeOnScrape(http.metrics.registry, {
      name: 'shequ_scheduled_task_ticks_total',
      help: 'Ticks of each scheduled task ended in this process, by outcome (ran, skipped: another replica has the period, failed)',
      labelNames: ['task', 'outcome'],
      collect: () =>
        tasks.flatMap((task) =>
          Object.entries(task.ticks).map(([outcome, value]) => ({ labels: { task: task.name, outcome }, value })),
        ),
    });
    observeOnScrape(http.metrics.registry, {
      name: 'shequ_events_consumer_backlog',
      help: 'Events a durable consumer of this process has still to apply, as the server counts them (0: caught up)',
      labelNames: ['consumer'],
      collect: () =>
        Promise.all(
          durables.map(async (durable) => ({
            labels: { consumer: durable.durableName },
            value: await durable.currentBacklog(),
          })),
        ),
    });
    observeOnScrape(http.metrics.registry, {
      name: 'shequ_scheduled_task_busy',
      help: 'Whether a tick of the scheduled task is under way in this process (1) or not (0)',
      labelNames: ['task'],
      collect: () => tasks.map((task) => ({ labels: { task: task.name }, value: task.busy ? 1 : 0 })),
    });
    logger.info({ url: http.url, database: location.dialect }, `${definition.name} subgraph ready`);

    let stopping: Promise<void> | undefined;
    return {
      ...deps,
      http,
      relay,
      consumers,
      durables,
      tasks,
      plainAnswers,
      stop: () =>
        (stopping ??= (async () => {
          await http.close();
          await Promise.all(durables.map((d) => d.stop()));
          await Promise.all(tasks.map((t) => t.stop()));
          await projection?.stop();
          await relay.stop();
          if (bus.isConnected) await relay.publishPending().catch(() => 0);
          await bus.close();
          await orm.close(true);
          await tracing.flush().catch(() => undefined);
          logger.info(`${definition.name} stopped`);
        })()),
    };
  } catch (error) {
    await projection?.stop().catch(() => undefined);
    await bus.close().catch(() => undefined);
    await orm.close(true).catch(() => undefined);
    throw error;
  }
}

/**
 * The child process of {@link seedInChildProcess}: opens the service's database (the parent has migrated it), runs
 * the demo seed, marks it done, exits. It stops if the service process goes away.
 */
async function runDemoSeedChild(definition: SubgraphServiceDefinition): Promise<never> {
  const logger = createLogger(definition.name).child({ process: 'demo-seed' });
  stopWhenParentExits(() => {
    logger.warn('service process gone: demo seed stopped');
    process.exit(1);
  });
  try {
    const config = serviceConfig(definition.name, definition.defaultPort);
    const location = databaseLocation({ service: definition.name, dataDir: config.dataDir });
    const orm = await openServiceDatabase(definition, location, {
      log: (message) => logger.debug(message),
      maintainRollups: true,
    });
    try {
      await definition.seedDemoData!({ config, orm, outbox: new Outbox(definition.name), clock: systemClock, logger });
      await markDemoSeedDone(orm.em.fork(), systemClock.now());
    } finally {
      await orm.close(true);
    }
  } catch (error) {
    logger.error({ err: error }, 'demo seed failed');
    process.exit(1);
  }
  process.exit(0);
}

/**
 * `main.ts` of a service: start, stop cleanly on SIGINT/SIGTERM, exit non-zero with a clear message on failure.
 * Started again as the demo seed's child process (`SHEQU_DEMO_SEED_CHILD=1`), it only seeds.
 */
export async function runSubgraphService(definition: SubgraphServiceDefinition): Promise<void> {
  if (isDemoSeedChild()) await runDemoSeedChild(definition);
  let running: RunningSubgraph;
  try {
    running = await startSubgraphService(definition, { seedInChildProcess: true });
  } catch (error) {
    console.error(`${definition.name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    running.logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (error) => {
        running.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  stopWhenParentExits(() => shutdown('parent exited'));
}

function* rejectedEvents(
  consumers: EventConsumer[],
  projection: ApiKeyProjection | undefined,
): Iterable<{ consumer: string; reason: string; count: number }> {
  for (const consumer of consumers)
    for (const [reason, count] of consumer.rejected) yield { consumer: consumer.name, reason, count };
  for (const [reason, count] of projection?.rejected ?? []) yield { consumer: 'api_key_registry', reason, count };
}

/** A bulk export through the gateway needs its `<area>:export` permission in every subgraph it reaches. */
function requireExportPermission(ctx: SubgraphContext, header: string | string[] | undefined): void {
  if (header === undefined) return;
  const permission = Array.isArray(header) ? header.join(',') : header;
  if (!isExportPermission(permission) || !isPermission(permission))
    throw new GraphQLError(`导出权限无效：${permission}`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  if (!ctx.access.can(permission))
    throw new GraphQLError(`没有权限：导出需要 ${permission}（${PERMISSIONS[permission]}）`, {
      extensions: { code: 'FORBIDDEN', permission, http: { status: 403 } },
    });
}

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** `SHEQU_TEST_RELAY_PAUSE_AFTER_PUBLISH_MS`: a test's pause between publishing a batch and marking it sent. */
function relayPauseAfterPublishMs(env: NodeJS.ProcessEnv = process.env): number {
  return readEnvironment(pickVariables(ENVIRONMENT, ['SHEQU_TEST_RELAY_PAUSE_AFTER_PUBLISH_MS']), env)
    .SHEQU_TEST_RELAY_PAUSE_AFTER_PUBLISH_MS;
}
