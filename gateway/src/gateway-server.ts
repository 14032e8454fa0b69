import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway, type GatewayConfig as GatewayConfig_ } from '@apollo/gateway';
import { ApolloServer, type ApolloServerOptionsWithGateway, type ApolloServerPlugin } from '@apollo/server';
import { buildSchema, parse, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ACTING_COMMUNITY_HEADER, JwtVerifier, actingCommunityFrom, jwtSettingsFromEnv } from '@shequ/auth';
import {
  clientErrorOptions,
  clientMistake,
  CorsPolicy,
  createLogger,
  errorLogPlugin,
  withoutSuggestions,
  operationChecksPlugin,
  querySafetyCheck,
  type OperationCheck,
  carriedTraceHeaders,
  setupTracing,
  startHttpService,
  type Logger,
  type RunningHttpService,
} from '@shequ/server';
import { identifyCaller, VerifiedTokens } from './gateway-caller.js';
import { ApiKeyCheck } from './api-key-check.js';
import { ForwardingDataSource, type GatewayContext } from './forwarding-data-source.js';
import { API_SCHEMA_PATH, type GatewayConfig } from './gateway-config.js';
import { explorerRoutes } from './explorer-routes.js';
import { exportRoutes } from './exports/export-route.js';
import { open311Forwarding } from './open311-forwarding.js';
import { loadSavedQueries } from './saved-queries.js';
import { TrustedDocuments, trustedDocumentsCheck } from './trusted-documents.js';
import { subgraphUrls, type SubgraphName } from './subgraph-endpoints.js';
import { withoutAddresses } from './subgraph-outage.js';
import { SubgraphClient, type SubgraphClientFigures } from './subgraph-client.js';
import { SingleFetchPath } from './single-fetch.js';

/** The query-plan cache's approximate size: some thousands of distinct operations. */
export const QUERY_PLAN_CACHE_MIB = 30;

export interface RunningGateway {
  http: RunningHttpService;
  /** Requests sent to subgraphs, and fetches merged into one already in flight. */
  subgraphFetches(): SubgraphClientFigures;
  /** Requests answered with their one subgraph fetch's data as it came, and requests Apollo Gateway executed. */
  singleFetches(): { passed: number; planned: number; shortcut: number; forwarded: number };
  stop(): Promise<void>;
}

/** The Apollo gateway serving the supergraph composed at build time, with /health and /ready. */
export async function startGateway(
  config: GatewayConfig,
  options: {
    logger?: Logger;
    env?: NodeJS.ProcessEnv;
    /** Plugins after the gateway's own (tests: to observe the request pipeline). */
    plugins?: ApolloServerPlugin<GatewayContext>[];
  } = {},
): Promise<RunningGateway> {
  // Without recorded spans the gateway passes the caller's trace context on from the request itself (no
  // AsyncLocalStorage context manager: async hooks would cost every promise of every request).
  const tracing = setupTracing({ service: 'gateway', activeContext: false });
  const logger = options.logger ?? createLogger('gateway');
  const urls = subgraphUrls(options.env);
  const jwt = new JwtVerifier(jwtSettingsFromEnv(options.env));
  const apiKeys = new ApiKeyCheck(urls.residents);
  const verifiedTokens = new VerifiedTokens();
  const subgraphs = new SubgraphClient({ mergeIdenticalFetches: config.mergeIdenticalFetches ?? true });
  const savedQueries = loadSavedQueries();
  // The saved queries are reviewed documents too: a front-end role may run (and export) them.
  const trusted = TrustedDocuments.load(config.trustedDocumentsPath).including(savedQueries.map((q) => q.document));
  // with spans recorded, every request goes through Apollo Gateway's execution (its spans: plan, fetch, shaping)
  const singleFetch = new SingleFetchPath({
    enabled: () => !tracing.recording && config.singleFetchPath !== false,
    forwardBytes: config.forwardSubgraphBytes !== false,
    // front ends send their trusted documents by id: the shortcut finds the text as Apollo Server's cache does
    persistedText: (hash) => trusted.textOf(hash),
  });
  const gateway = supergraphGateway(readFileSync(config.supergraphPath, 'utf8'), {
    buildService: ({ name }) =>
      new ForwardingDataSource(name as SubgraphName, {
        url: urls[name as SubgraphName],
        client: subgraphs,
        singleFetch,
      }),
    // query plans are kept per document and operation name (LRU, sized in memory)
    experimental_approximateQueryPlanStoreMiB: QUERY_PLAN_CACHE_MIB,
    experimental_didResolveQueryPlan: singleFetch.didResolveQueryPlan,
  });
  // Apollo Server runs the gateway's executor behind the single-fetch path (the supergraph is fixed: one load)
  const served: ApolloServerOptionsWithGateway<GatewayContext>['gateway'] = {
    load: async (options) => {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: singleFetch.wrap(loaded.executor, loaded.schema) };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
  // every operation's checks before it runs: in Apollo Server's pipeline, and in the single-fetch shortcut
  const checks: OperationCheck<GatewayContext>[] = [
    querySafetyCheck<GatewayContext>({
      production: config.production,
      budgetOf: (context) => context.caller.budget,
      mayIntrospect: (context) => context.caller.mayIntrospect,
    }),
    ...(config.trustedDocumentsOnly
      ? [
          trustedDocumentsCheck<GatewayContext>({
            documents: trusted,
            mayRunAdHocQueries: (context) => context.caller.mayRunAdHocQueries,
          }),
        ]
      : []),
  ];
  const apollo = new ApolloServer<GatewayContext>({
    gateway: served,
    introspection: true,
    allowBatchedHttpRequests: true,
    // Front ends send their documents by id: the trusted documents are found in the persisted-query cache.
    persistedQueries: { cache: trusted.persistedQueryCache() },
    ...clientErrorOptions({
      production: config.production,
      format: (formatted, error) => {
        const shown = clientMistake(formatted, error) ?? withoutInternals(formatted);
        return config.production ? withoutSuggestions(shown) : shown;
      },
    }),
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      errorLogPlugin<GatewayContext>({ logger }),
      // Apollo's landing page loads its code from a CDN: the gateway serves its own explorer instead.
      ApolloServerPluginLandingPageDisabled(),
      operationChecksPlugin(checks),
      ...(options.plugins ?? []),
    ],
  });
  const context = async (request: IncomingMessage, requestId: string): Promise<GatewayContext> => ({
    requestId,
    authorization: request.headers.authorization,
    actingCommunity: actingCommunityFrom(request.headers[ACTING_COMMUNITY_HEADER]) ?? undefined,
    caller: await identifyCaller(request.headers.authorization, jwt, apiKeys, verifiedTokens),
    traceContext: tracing.recording ? undefined : carriedTraceHeaders(request.headers),
  });
  const http = await startHttpService<GatewayContext>({
    service: 'gateway',
    port: config.port,
    portVariable: 'GATEWAY_PORT',
    apollo,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    largeOperations: config.largeOperations,
    cors: new CorsPolicy(config.corsOrigins ?? []),
    metricsAccess: config.metricsAccess,
    // the gateway's own request id for every request and subgraph call: a client's x-request-id is only logged, so
    // a reused one cannot make two requests one (one audit entry, one event aggregate, one import report)
    requestIds: 'own',
    routes: [
      ...(config.explorer ? explorerRoutes(savedQueries) : []),
      ...exportRoutes({
        apollo,
        savedQueries,
        apiSchema: () => loadApiSchema(config.apiSchemaPath ?? API_SCHEMA_PATH),
        context,
        logger,
      }),
      ...open311Forwarding(urls.cases),
    ],
    context,
    // Known single-fetch documents are answered before Apollo Server's pipeline (see SingleFetchPath.shortcut);
    // not with plugins of a caller's own, which must see every request.
    graphqlShortcut: options.plugins?.length
      ? undefined
      : (request, body, requestId) =>
          singleFetch.shortcut(request.headers, body, () => context(request, requestId), checks),
    readiness: async () => {
      const checks: Record<string, boolean> = {};
      await Promise.all(
        Object.entries(urls).map(async ([name, url]) => {
          checks[name] = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2_000) })
            .then((r) => r.ok)
            .catch(() => false);
        }),
      );
      return checks;
    },
  });
  logger.info({ url: http.url }, 'gateway ready');
  return {
    http,
    subgraphFetches: () => subgraphs.counts(),
    singleFetches: () => singleFetch.counts(),
    stop: () =>
      http
        .close()
        .finally(() => subgraphs.close())
        .finally(() => tracing.flush().catch(() => undefined)),
  };
}

/**
 * The Apollo gateway of a supergraph SDL, without Apollo's telemetry and without the schema's source locations.
 * Apollo's gateway otherwise builds a meter provider when constructed (probing cloud metadata endpoints, loading
 * the OTLP exporter) and reports usage metrics to Apollo every hour: nothing of this system leaves the machine.
 */
export function supergraphGateway(
  supergraphSdl: string,
  options: Omit<Extract<GatewayConfig_, { supergraphSdl: string }>, 'supergraphSdl'>,
): ApolloGateway {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  // The supergraph was composed and validated at build time (compose-supergraph.ts: composition, then the
  // supergraph and each subgraph extracted from it validated): not validated again at every start, as Apollo's
  // gateway does in production (NODE_ENV=production) — ~0.25 s of CPU of the gateway's start.
  return withoutSchemaLocations(new ApolloGateway({ validateSupergraph: false, ...options, supergraphSdl }));
}

/** The API schema (for exports' column types), without source locations (they would be kept for nothing). */
export function loadApiSchema(path: string): GraphQLSchema {
  return buildSchema(readFileSync(path, 'utf8'), { noLocation: true });
}

/** The part of ApolloGateway that builds the supergraph from its SDL (not in its typings: a private method). */
interface SupergraphBuilder {
  createSchemaFromSupergraphSdl(sdl: string | DocumentNode): { supergraph: unknown; supergraphSdl: unknown };
}

/**
 * The gateway parses the supergraph SDL with source locations, and its schema elements keep their AST nodes: each
 * location links to the document's whole token list (~28,000 Token and Location objects, ~4 MB of the live heap,
 * kept only for error positions). The supergraph is parsed here without locations (`Supergraph.build` takes a
 * document as well as a string); the SDL string itself is still what the gateway hashes and reports.
 */
export function withoutSchemaLocations(gateway: ApolloGateway): ApolloGateway {
  const builder = gateway as unknown as SupergraphBuilder;
  const build = builder.createSchemaFromSupergraphSdl.bind(gateway);
  builder.createSchemaFromSupergraphSdl = (sdl) =>
    typeof sdl === 'string' ? { ...build(parse(sdl, { noLocation: true })), supergraphSdl: sdl } : build(sdl);
  return gateway;
}

/** A subgraph's address and raw answer are nobody's business but the log's. */
function withoutInternals(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = withoutAddresses(formatted.message);
  if (!formatted.extensions || !('response' in formatted.extensions)) return { ...formatted, message };
  const { response: _response, ...extensions } = formatted.extensions;
  return { ...formatted, message, extensions };
}
