import { Type } from '@sinclair/typebox';
import { defineEnvironment, type EnvironmentSchema } from './environment.js';

// Every environment variable of every process, declared once: the processes read their subset with
// `readEnvironment(pickVariables(ENVIRONMENT, [...]))`, and the README's configuration table is generated from
// this list (`npm run docs:config -w @shequ/server`; a test fails when the README differs).

const port = (what: string) =>
  Type.Integer({ minimum: 0, maximum: 65535, description: `a port number (0–65535) for ${what}` });
const url = (what: string) => Type.String({ minLength: 1, description: `a URL (${what})` });
const flag = Type.Union([Type.Literal('0'), Type.Literal('1')], { description: '0 or 1' });
const SUBGRAPHS = ['residents', 'cases', 'partybuilding', 'events'] as const;
const SUBGRAPH_PROCESSES: readonly string[] = SUBGRAPHS;

export const ENVIRONMENT = defineEnvironment({
  GATEWAY_PORT: { schema: port('the gateway'), default: 4000, meaning: 'gateway', usedBy: ['gateway', 'npm start'] },
  RESIDENTS_PORT: {
    schema: port('residents'),
    default: 4001,
    meaning: 'residents subgraph (the gateway reaches it on localhost at this port unless `RESIDENTS_URL` is set)',
    usedBy: ['residents', 'gateway', 'npm start'],
  },
  CASES_PORT: {
    schema: port('cases'),
    default: 4002,
    meaning: 'cases subgraph (the gateway reaches it on localhost at this port unless `CASES_URL` is set)',
    usedBy: ['cases', 'gateway', 'npm start'],
  },
  PARTYBUILDING_PORT: {
    schema: port('partybuilding'),
    default: 4003,
    meaning:
      'partybuilding subgraph (the gateway reaches it on localhost at this port unless `PARTYBUILDING_URL` is set)',
    usedBy: ['partybuilding', 'gateway', 'npm start'],
  },
  EVENTS_PORT: {
    schema: port('events'),
    default: 4004,
    meaning: 'events subgraph (the gateway reaches it on localhost at this port unless `EVENTS_URL` is set)',
    usedBy: ['events', 'gateway', 'npm start'],
  },
  RESIDENTS_URL: {
    schema: url('the residents subgraph'),
    meaning: 'where the gateway reaches residents (another host), e.g. `http://residents:4001/graphql`',
    usedBy: ['gateway'],
  },
  CASES_URL: { schema: url('the cases subgraph'), meaning: 'where the gateway reaches cases', usedBy: ['gateway'] },
  PARTYBUILDING_URL: {
    schema: url('the partybuilding subgraph'),
    meaning: 'where the gateway reaches partybuilding',
    usedBy: ['gateway'],
  },
  EVENTS_URL: { schema: url('the events subgraph'), meaning: 'where the gateway reaches events', usedBy: ['gateway'] },
  SHEQU_SUPERGRAPH: {
    schema: Type.String({ minLength: 1, description: 'a file path' }),
    defaultText: '`gateway/supergraph.graphql`',
    meaning: 'the composed supergraph the gateway serves',
    usedBy: ['gateway'],
  },
  SHEQU_CORS_ORIGINS: {
    schema: Type.String({ description: 'origins separated by commas, e.g. `https://jisheng.example`' }),
    defaultText: 'none in production; `http://localhost:5173`, `http://127.0.0.1:5173` otherwise',
    meaning: 'web pages (origins) allowed to call the gateway from a browser (CORS); `*` is refused in production',
    usedBy: ['gateway'],
  },
  SHEQU_EXPLORER: {
    schema: Type.String({ pattern: '^(1|0|true|false|on|off|yes|no)$', description: 'on or off (1/0, true/false)' }),
    defaultText: 'on, off in production',
    meaning: 'serve the GraphiQL explorer at `/explorer` (and to browsers at `GET /graphql`)',
    usedBy: ['gateway'],
  },
  SHEQU_TRUSTED_DOCUMENTS_ONLY: {
    schema: Type.String({ pattern: '^(1|0|true|false|on|off|yes|no)$', description: 'on or off (1/0, true/false)' }),
    defaultText: 'on in production, else off',
    meaning: "front-end roles may run only the trusted documents of @shequ/client's manifest",
    usedBy: ['gateway'],
  },
  SHEQU_TRUSTED_DOCUMENTS: {
    schema: Type.String({ minLength: 1, description: 'a file path' }),
    defaultText: "@shequ/client's `persisted-documents.json`",
    meaning: 'the trusted documents manifest (sha256 → document)',
    usedBy: ['gateway'],
  },
  NATS_PORT: {
    schema: port('nats-server'),
    default: 4222,
    meaning: 'nats-server started by `npm start`; services connect to it (`NATS_URL` overrides)',
    usedBy: [...SUBGRAPH_PROCESSES, 'npm start'],
  },
  NATS_URL: {
    schema: url('NATS'),
    defaultText: '`nats://127.0.0.1:<NATS_PORT>`',
    meaning: 'NATS server (or cluster) the services publish to and consume from',
    usedBy: SUBGRAPH_PROCESSES,
  },
  NATS_USER: {
    schema: Type.String({ minLength: 1, description: 'a NATS user name' }),
    defaultText: 'set by `npm start`',
    meaning: "the service's own NATS user (publishes only its own subjects); required with `NODE_ENV=production`",
    usedBy: SUBGRAPH_PROCESSES,
  },
  NATS_NKEY_SEED: {
    schema: Type.String({ minLength: 1, description: 'an NKey user seed (`SU…`)' }),
    defaultText: 'set by `npm start`',
    meaning:
      'the private NKey of `NATS_USER` (the server knows only its public key); required with `NODE_ENV=production`',
    usedBy: SUBGRAPH_PROCESSES,
  },
  SHEQU_NATS_PLATFORM_SCOPES: {
    schema: Type.String({
      pattern: '^\\s*[a-z]+:[a-z]+\\s*(,\\s*[a-z]+:[a-z]+\\s*)*$',
      description: 'API-key scopes separated by commas, e.g. `residents:read,pii:read`',
    }),
    defaultText: '`cases:read,events:read,floating:read,fund:read,organizations:read,party:read,residents:read`',
    meaning:
      "what the NATS `platform` user (district platforms reading the stream) is granted, in the API keys' vocabulary: it reads an aggregate's subjects only when every scope its events need is granted (libs/contracts aggregate-scopes.ts); the default reads no aggregate whose events name a person (those need `pii:read`, care categories also `care:read` and `sensitive:read`)",
    usedBy: ['npm start'],
  },
  SHEQU_DATA_DIR: {
    schema: Type.String({ minLength: 1, description: 'a folder path' }),
    default: '.data',
    meaning: 'SQLite files `<service>.sqlite` and the JetStream store',
    usedBy: [...SUBGRAPH_PROCESSES, 'npm start'],
  },
  DATABASE_URL: {
    schema: url('PostgreSQL'),
    meaning: 'PostgreSQL server: each service uses its own database `<name>_<service>`, created when missing',
    usedBy: SUBGRAPH_PROCESSES,
  },
  ...Object.fromEntries(
    SUBGRAPHS.map((s) => [
      `${s.toUpperCase()}_DATABASE_URL`,
      {
        schema: url(`the ${s} database`),
        meaning: `the ${s} service's PostgreSQL database, as given (overrides \`DATABASE_URL\`)`,
        usedBy: [s],
      },
    ]),
  ),
  SHEQU_SQL_DEBUG: { schema: flag, default: '0', meaning: '1: log every SQL statement', usedBy: SUBGRAPH_PROCESSES },
  SHEQU_SEED: {
    schema: Type.Union([Type.Literal('demo'), Type.Literal('none')], { description: 'demo or none' }),
    default: 'none',
    defaultText: '`demo` under `npm start`, else `none`',
    meaning: 'load the demo community into empty databases',
    usedBy: [...SUBGRAPH_PROCESSES, 'npm start'],
  },
  SHEQU_CASES_OVERDUE_SCAN_MS: {
    schema: Type.Integer({ minimum: 1000, description: 'an interval in milliseconds, at least 1000' }),
    default: 60_000,
    meaning: 'how often cases flags overdue cases',
    usedBy: ['cases'],
  },
  SHEQU_WEBHOOK_POLL_MS: {
    schema: Type.Integer({ minimum: 10, description: 'an interval in milliseconds, at least 10' }),
    default: 2_000,
    meaning: 'how often the webhook dispatcher looks for deliveries that are due',
    usedBy: ['cases'],
  },
  SHEQU_WEBHOOK_MAX_ATTEMPTS: {
    schema: Type.Integer({ minimum: 1, maximum: 50, description: 'a whole number from 1 to 50' }),
    default: 8,
    meaning: 'attempts of a webhook delivery before it is dead-lettered (redelivery on request starts again)',
    usedBy: ['cases'],
  },
  SHEQU_WEBHOOK_RETRY_BASE_MS: {
    schema: Type.Integer({ minimum: 10, description: 'a delay in milliseconds, at least 10' }),
    default: 30_000,
    meaning: 'back-off after the first failed webhook attempt; doubled after each further failure',
    usedBy: ['cases'],
  },
  SHEQU_WEBHOOK_RETRY_MAX_MS: {
    schema: Type.Integer({ minimum: 10, description: 'a delay in milliseconds, at least 10' }),
    default: 3_600_000,
    meaning: 'longest back-off between two webhook attempts',
    usedBy: ['cases'],
  },
  SHEQU_WEBHOOK_TIMEOUT_MS: {
    schema: Type.Integer({ minimum: 50, maximum: 120_000, description: 'milliseconds from 50 to 120000' }),
    default: 10_000,
    meaning: 'how long a webhook receiver has to answer before the attempt counts as failed',
    usedBy: ['cases'],
  },
  SHEQU_WEBHOOK_PRIVATE_TARGETS: {
    schema: flag,
    default: '0',
    meaning:
      '1 lets webhooks call localhost and private or link-local addresses (development and tests only; SSRF guard)',
    usedBy: ['cases'],
  },
  SHEQU_CASES_PROACTIVE_SCAN_MS: {
    schema: Type.Integer({ minimum: 1000, description: 'an interval in milliseconds, at least 1000' }),
    default: 3_600_000,
    meaning: 'how often cases runs the proactive-service rules',
    usedBy: ['cases'],
  },
  SHEQU_DISCLOSURE_THRESHOLD: {
    schema: Type.Integer({ minimum: 1, description: 'a whole number, at least 1' }),
    default: 5,
    meaning:
      'statistical disclosure control: protected counts (care categories, sensitive tags, party data) below it are suppressed',
    usedBy: [...SUBGRAPH_PROCESSES],
  },
  SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT: {
    schema: Type.Integer({ minimum: 1, description: 'a whole number, at least 1' }),
    default: 2000,
    meaning:
      'SQLite only: how many write transactions may wait for their turn on the service’s database connection; one more is refused at once with SERVICE_BUSY (服务繁忙, nothing written, retry shortly) instead of queueing without bound',
    usedBy: SUBGRAPH_PROCESSES,
  },
  SHEQU_OUTBOX_RETENTION_DAYS: {
    schema: Type.Number({ exclusiveMinimum: 0, description: 'a number of days, more than 0' }),
    default: 7,
    meaning: 'sent outbox rows are pruned after this many days (pending rows never)',
    usedBy: SUBGRAPH_PROCESSES,
  },
  SHEQU_TEST_RELAY_PAUSE_AFTER_PUBLISH_MS: {
    schema: Type.Integer({ minimum: 0, description: 'a number of milliseconds, 0 or more' }),
    default: 0,
    meaning:
      'tests only (ignored when `NODE_ENV=production`): the outbox relay waits this long after publishing a batch before marking it sent, so a test can kill the process in between',
    usedBy: SUBGRAPH_PROCESSES,
  },
  SHEQU_AUDIT_RETENTION_DAYS: {
    schema: Type.Number({ exclusiveMinimum: 0, description: 'a number of days, more than 0' }),
    default: 180,
    meaning:
      'the personal-data audit trail (`piiAuditTrail`, kept by residents) is pruned of reads older than this many days',
    usedBy: ['residents'],
  },
  SHEQU_IMPORT_REPORT_RETENTION_DAYS: {
    schema: Type.Number({ exclusiveMinimum: 0, description: 'a number of days, more than 0' }),
    default: 7,
    meaning:
      'per-row report files of API imports (`reportFile`, under `<SHEQU_DATA_DIR>/import-reports`) are deleted this many days after they were written',
    usedBy: ['residents'],
  },
  SHEQU_INBOX_RETENTION_DAYS: {
    schema: Type.Number({ exclusiveMinimum: 0, description: 'a number of days, more than 0' }),
    default: 7,
    meaning: 'processed-event (inbox) rows are pruned after this many days',
    usedBy: SUBGRAPH_PROCESSES,
  },
  SHEQU_JWT_MAX_LIFETIME: {
    schema: Type.Integer({ minimum: 1, description: 'a number of seconds, at least 1' }),
    default: 604_800,
    meaning: 'longest lifetime of a bearer token in seconds; tokens without `exp` or living longer are refused',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  SHEQU_JWT_SECRET: {
    schema: Type.String({ minLength: 1, description: 'a secret' }),
    defaultText: 'development secret (not in production)',
    meaning: 'HS256 key of bearer tokens (one of secret / public key / JWKS)',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  SHEQU_JWT_PUBLIC_KEY: {
    schema: Type.String({ minLength: 1, description: 'a PEM public key (`\\n` for line breaks)' }),
    meaning: 'RS256/ES256 public key of bearer tokens',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  SHEQU_JWT_JWKS: {
    schema: url('a JWKS'),
    meaning: 'JWKS URL of the identity provider issuing bearer tokens',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  SHEQU_JWT_ISSUER: {
    schema: Type.String({ minLength: 1, description: 'a token issuer' }),
    defaultText: '`shequ-graph`',
    meaning: '`iss` a bearer token must carry',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  SHEQU_JWT_AUDIENCE: {
    schema: Type.String({ minLength: 1, description: 'a token audience' }),
    defaultText: '`shequ-graph`',
    meaning: '`aud` a bearer token must carry',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  SHEQU_METRICS_TOKEN: {
    schema: Type.String({ minLength: 16, description: 'at least 16 characters' }),
    defaultText: 'none: `/metrics` open, not served in production',
    meaning:
      '`/metrics` answers only requests with `Authorization: Bearer <token>` (each scrape reads the database and the stream); without it `/metrics` is open, and with `NODE_ENV=production` not served (404)',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  NODE_ENV: {
    schema: Type.String({ description: 'a mode name' }),
    meaning: '`production`: the development JWT secret is refused, internal error details are hidden',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  LOG_LEVEL: {
    schema: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
      { description: 'fatal, error, warn, info, debug, trace or silent' },
    ),
    default: 'info',
    meaning: 'pino level; logs are JSON, `npm start` shows them one line per record',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    schema: url('an OTLP/HTTP collector'),
    meaning: 'OpenTelemetry collector (OTLP/HTTP, e.g. `http://localhost:4318`); unset: no spans are recorded',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {
    schema: url('an OTLP/HTTP traces endpoint'),
    defaultText: '`<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`',
    meaning: 'where spans are sent',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  SHEQU_DEMO_SEED_CHILD: {
    schema: flag,
    default: '0',
    meaning:
      'set by a service for the child process that runs its demo seed (1: only seed, then exit); not set by hand',
    usedBy: SUBGRAPH_PROCESSES,
  },
  SHEQU_PARENT_PID: {
    schema: Type.Integer({ minimum: 1, description: 'a process id' }),
    meaning: 'set by `npm start`: a process stops when this parent is gone',
    usedBy: ['gateway', ...SUBGRAPH_PROCESSES],
  },
  SHEQU_SKIP_INSTALL: {
    schema: flag,
    default: '0',
    meaning: '1: `npm start` skips the npm install check',
    usedBy: ['npm start'],
  },
  SHEQU_SKIP_BUILD: { schema: flag, default: '0', meaning: '1: `npm start` skips the build', usedBy: ['npm start'] },
  SHEQU_COMMUNITY: {
    schema: Type.String({ pattern: '^\\d{12}$', description: 'a 12-digit community code' }),
    default: '350203008006',
    meaning: 'community `npm run import` writes to (`--community` overrides)',
    usedBy: ['npm run import'],
  },
  // development and test tooling (not read by the running system)
  NATS_SERVER_BIN: {
    schema: Type.String({ minLength: 1, description: 'an executable path' }),
    defaultText: '`nats-server` on the PATH (installed when missing)',
    meaning: 'the nats-server binary `npm start` and the tests run',
    usedBy: ['npm start', 'npm test'],
  },
  SHEQU_TEST_POSTGRES_URL: {
    schema: url('a PostgreSQL server for tests'),
    defaultText: 'set by `with-postgres` under `npm test`',
    meaning: 'tests also run on PostgreSQL, in temporary databases on this server; unset: SQLite only',
    usedBy: ['npm test'],
  },
  SHEQU_MIGRATION_POSTGRES_URL: {
    schema: url('a PostgreSQL server for the migration generator'),
    defaultText: 'a throwaway PostgreSQL',
    meaning: 'where `npm run migration:create` diffs the PostgreSQL schema',
    usedBy: ['npm run migration:create'],
  },
  E2E_LOG_LEVEL: {
    schema: Type.String({ minLength: 1, description: 'a pino level' }),
    default: 'warn',
    meaning: 'log level of the processes the end-to-end tests start',
    usedBy: ['npm test'],
  },
  E2E_READY_TIMEOUT_MS: {
    schema: Type.Integer({ minimum: 1, description: 'milliseconds' }),
    default: 240_000,
    meaning:
      'how long the end-to-end tests and benchmarks wait for a service or the gateway they start to answer (a process that exits fails the wait at once); the 1M district benchmark needs `1800000`',
    usedBy: ['npm test', 'npm run bench'],
  },
  BENCH_ROWS: {
    schema: Type.Integer({ minimum: 1, description: 'a row count' }),
    default: 10_000,
    meaning: 'rows of the residents import benchmark (it runs this many and 4 × this many)',
    usedBy: ['npm run bench'],
  },
  BENCH_IMPORT_SIZES: {
    schema: Type.String({ pattern: '^\\d+(,\\d+)*$', description: 'row counts separated by commas, e.g. `1000000`' }),
    defaultText: '`BENCH_ROWS` and 4 × that',
    meaning: 'the sizes the residents import benchmark runs (e.g. `1000000` for the 1,000,000-row import alone)',
    usedBy: ['npm run bench'],
  },
  BENCH_READ_SECONDS: {
    schema: Type.Number({ exclusiveMinimum: 0, description: 'a number of seconds' }),
    default: 8,
    meaning: 'seconds of sequential requests per page in the residents read-path benchmark',
    usedBy: ['npm run bench'],
  },
  BENCH_BASELINE_DIR: {
    schema: Type.String({ minLength: 1, description: 'a folder' }),
    meaning:
      'a built checkout of earlier code: the residents read-path benchmark runs its residents side by side with this tree',
    usedBy: ['npm run bench'],
  },
  SHEQU_BENCH_RESIDENTS: {
    schema: Type.Integer({ minimum: 1, description: 'a number of residents' }),
    default: 5_000,
    meaning: "residents of the district benchmark (`e2e/bench/district.bench.ts`; the issue's size is 1000000)",
    usedBy: ['npm run bench'],
  },
  SHEQU_BENCH_CASES: {
    schema: Type.Integer({ minimum: 0, description: 'a number of cases' }),
    defaultText: 'one per five residents',
    meaning: 'cases of the district benchmark',
    usedBy: ['npm run bench'],
  },
  SHEQU_BENCH_RUNS: {
    schema: Type.Integer({ minimum: 1, description: 'a number of runs' }),
    default: 30,
    meaning: 'measured runs of each query in the district benchmark (after 3 warm-up runs)',
    usedBy: ['npm run bench'],
  },
  BENCH_CPU_PROF_DIR: {
    schema: Type.String({ minLength: 1, description: 'a folder' }),
    meaning: 'the events benchmark runs its processes with `node --cpu-prof` and writes their CPU profiles here',
    usedBy: ['npm run bench'],
  },
  BENCH_POSTGRES_URL: {
    schema: url('PostgreSQL'),
    meaning:
      'PostgreSQL server for the residents import and read-path benchmarks (a database per run is created); unset: SQLite only',
    usedBy: ['npm run bench'],
  },
});

export type EnvironmentVariableName = keyof typeof ENVIRONMENT;

/** The variables a process reads (`gateway`, a service name, `npm start`, `npm run import`). */
export function variablesUsedBy(process: string): EnvironmentSchema {
  return Object.fromEntries(Object.entries(ENVIRONMENT).filter(([, variable]) => variable.usedBy.includes(process)));
}
