import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import type { CorsPolicy } from './cors.js';
import { createHttpMetrics, type HttpMetrics } from './metrics.js';
import { metricsRequestStatus, singleFlight, type MetricsAccess } from './metrics-access.js';
import { isAllowedLargeBody, type LargeOperations } from './large-operations.js';
import { PortInUseError } from './port-in-use.js';
import { MAX_BATCHED_OPERATIONS } from './query-limits.js';
import { REQUEST_ID_HEADER, requestIdsOf, type RequestIdPolicy } from './request-id.js';
import { withServerSpan } from './tracing.js';

export type ReadinessCheck = () => Promise<Record<string, boolean>>;

export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Serves every path under `path` (which then ends in `/`), e.g. `/open311/v2/` for `/open311/v2/requests/1.json`. */
  prefix?: boolean;
  /** Serves only the requests this accepts (e.g. a browser's `GET /graphql` asking for HTML); checked first. */
  when?(request: IncomingMessage): boolean;
  handle(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> | void;
}

export interface HttpServiceSettings<TContext extends BaseContext> {
  service: string;
  port: number;
  /** The environment variable that set the port, named in the "port in use" error. */
  portVariable?: string;
  host?: string;
  apollo: ApolloServer<TContext>;
  context(request: IncomingMessage, requestId: string): Promise<TContext>;
  readiness?: ReadinessCheck;
  logger: Logger;
  /** Largest request body accepted (bytes, default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Operations that alone may come with a larger body (the district import), up to their own limit. */
  largeOperations?: LargeOperations;
  /** Most operations one batched request (a JSON array body) may carry; Apollo must allow batches. */
  maxBatch?: number;
  routes?: HttpRoute[];
  /** Browser pages on other origins (CORS); without it, cross-origin requests get no CORS headers. */
  cors?: CorsPolicy;
  /** Who may scrape `/metrics` (`metricsAccessFrom(env)`); default open. */
  metricsAccess?: MetricsAccess;
  /**
   * Whose `x-request-id` the request runs under (default `adopt`: the caller's when it looks like one). The gateway
   * says `own`: a client's value is only logged (`clientRequestId`), never forwarded or used as an identity.
   */
  requestIds?: RequestIdPolicy;
  /**
   * Tried on every POST /graphql before Apollo Server, with the parsed body: answers what it can answer itself
   * (`answer`), or leaves the request to Apollo Server, with the context it already made (`context`) or without.
   */
  graphqlShortcut?(
    request: IncomingMessage,
    body: unknown,
    requestId: string,
  ): Promise<GraphQLShortcutOutcome<TContext>>;
}

/** What a `graphqlShortcut` did: answered the request, or left it to Apollo Server (with the context it made). */
export type GraphQLShortcutOutcome<TContext> =
  | { answer: { status: number; headers: Readonly<Record<string, string>>; body: string | Uint8Array } }
  | { context: TContext }
  | undefined;

export interface RunningHttpService {
  url: string;
  port: number;
  server: Server;
  metrics: HttpMetrics;
  /** Stops accepting requests, lets those under way finish (up to `graceMs`), stops Apollo. */
  close(graceMs?: number): Promise<void>;
}

export class RequestTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly size: number,
  ) {
    super(`request body of ${size} bytes exceeds the limit of ${limit} bytes (maxBodyBytes)`);
  }
}

/**
 * Apollo Server on plain node:http: `/graphql`, `/health` (alive), `/ready` (dependencies reachable),
 * `/metrics` (Prometheus). Every response carries `x-request-id`.
 */
export async function startHttpService<TContext extends BaseContext>(
  settings: HttpServiceSettings<TContext>,
): Promise<RunningHttpService> {
  const { apollo, logger } = settings;
  const metrics = createHttpMetrics(settings.service);
  const metricsAccess = settings.metricsAccess ?? { kind: 'open' };
  const metricsText = singleFlight(() => metrics.registry.metrics());
  const maxBodyBytes = settings.maxBodyBytes ?? 1024 * 1024;
  const maxBatch = settings.maxBatch ?? MAX_BATCHED_OPERATIONS;
  const routes = new Map(
    (settings.routes ?? []).filter((r) => r.when === undefined && !r.prefix).map((r) => [`${r.method} ${r.path}`, r]),
  );
  const prefixRoutes = (settings.routes ?? []).filter((r) => r.prefix);
  const conditionalRoutes = (settings.routes ?? []).filter((r) => r.when !== undefined);
  await apollo.start();

  // Every failure is answered inside handleRequest, so the promise it returns never rejects.
  const server = createServer((request, response) => void handleRequest(request, response));
  // Callers (the gateway's keep-alive agent) hold idle connections longer than Node's 5 s default: a server
  // that closes first races a request on the same socket (ECONNRESET). Keep idle connections for a minute.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const { requestId, clientRequestId } = requestIdsOf(
      request.headers[REQUEST_ID_HEADER],
      settings.requestIds ?? 'adopt',
    );
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    let route = 'other';
    try {
      const conditional = conditionalRoutes.find(
        (r) => r.method === request.method && r.path === path && r.when!(request),
      );
      const prefixed = prefixRoutes.find((r) => r.method === request.method && path.startsWith(r.path));
      if (settings.cors?.apply(request, response) === 'answered') {
        route = 'cors';
      } else if (conditional) {
        route = path;
        await conditional.handle(request, response, requestId);
      } else if (path === '/health' && request.method === 'GET') {
        route = 'health';
        sendJson(response, 200, { status: 'ok', service: settings.service });
      } else if (path === '/ready' && request.method === 'GET') {
        route = 'ready';
        const checks = settings.readiness ? await settings.readiness() : {};
        const ready = Object.values(checks).every(Boolean);
        sendJson(response, ready ? 200 : 503, {
          status: ready ? 'ready' : 'not ready',
          service: settings.service,
          checks,
        });
      } else if (path === '/metrics' && request.method === 'GET' && metricsAccess.kind !== 'closed') {
        route = 'metrics';
        if (metricsRequestStatus(metricsAccess, request) === 401) {
          response.setHeader('www-authenticate', 'Bearer realm="metrics"');
          sendJson(response, 401, { error: '未认证：/metrics 须带 Authorization: Bearer <SHEQU_METRICS_TOKEN>' });
        } else {
          // read before the status is sent: a metric that cannot be read answers 500 (logged), not an empty 200
          const text = await metricsText();
          response.writeHead(200, { 'content-type': metrics.registry.contentType });
          response.end(text);
        }
      } else if (path === '/graphql') {
        route = 'graphql';
        await withServerSpan(
          settings.service,
          request,
          requestId,
          () => serveGraphQL(request, response, requestId),
          () => response.statusCode,
        );
      } else if (routes.has(`${request.method} ${path}`)) {
        route = path;
        await routes.get(`${request.method} ${path}`)!.handle(request, response, requestId);
      } else if (prefixed) {
        route = prefixed.path;
        await prefixed.handle(request, response, requestId);
      } else {
        sendJson(response, 404, { error: `no route ${request.method} ${path}` });
      }
    } catch (error) {
      if (error instanceof RequestTooLargeError) {
        sendJson(response, 413, {
          errors: [
            {
              message: error.message,
              extensions: { code: 'REQUEST_TOO_LARGE', limit: 'maxBodyBytes', value: error.limit, actual: error.size },
            },
          ],
        });
      } else {
        logger.error({ err: error, requestId }, 'request failed');
        if (!response.headersSent)
          sendJson(response, 500, {
            errors: [{ message: '服务器内部错误', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
          });
        else response.end();
      }
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.requests.observe({ route, status: String(response.statusCode) }, seconds);
      // the access log: one line per request; the path without its query string, nothing from the body
      logger.info(
        {
          requestId,
          ...(clientRequestId ? { clientRequestId } : {}),
          method: request.method,
          path,
          status: response.statusCode,
          durationMs: Math.round(seconds * 1e4) / 10,
        },
        'request',
      );
    }
  }

  /** The ordinary limit for every request; a larger body only for an allowed large operation, up to its limit. */
  async function readLimitedBody(request: IncomingMessage): Promise<unknown> {
    const large = settings.largeOperations;
    if (!large || large.maxBodyBytes <= maxBodyBytes) return readJsonBody(request, maxBodyBytes);
    const read = await readJsonBodyWithSize(request, large.maxBodyBytes);
    if (read.size > maxBodyBytes && !isAllowedLargeBody(read.body, large))
      throw new RequestTooLargeError(maxBodyBytes, read.size);
    return read.body;
  }

  async function serveGraphQL(request: IncomingMessage, response: ServerResponse, requestId: string) {
    const body = request.method === 'POST' ? await readLimitedBody(request) : undefined;
    if (Array.isArray(body) && body.length > maxBatch) {
      sendJson(response, 400, {
        errors: [
          {
            message: `查询超出限制：批量操作数 ${body.length} 超过上限 ${maxBatch}（maxBatchedOperations）`,
            extensions: {
              code: 'QUERY_LIMIT_EXCEEDED',
              limit: 'maxBatchedOperations',
              value: maxBatch,
              actual: body.length,
            },
          },
        ],
      });
      return;
    }
    const shortcut =
      settings.graphqlShortcut && request.method === 'POST'
        ? await settings.graphqlShortcut(request, body, requestId)
        : undefined;
    if (shortcut && 'answer' in shortcut) {
      for (const [key, value] of Object.entries(shortcut.answer.headers)) response.setHeader(key, value);
      response.statusCode = shortcut.answer.status;
      response.end(shortcut.answer.body);
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: shortcut ? () => Promise.resolve(shortcut.context) : () => settings.context(request, requestId),
    });
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      // written as bytes: Apollo's body is the answer's JSON and a newline joined (a rope), which `end` with the text
      // flattened twice — once to measure it, once more joined to the head for the first write — each a copy of the
      // whole answer in the old generation (1.3 MB for a district's party table); `Buffer.from` reads it once
      response.end(Buffer.from(result.body.string));
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(settings.port, settings.portVariable) : error);
    });
    server.listen(settings.port, settings.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const url = `http://localhost:${port}/graphql`;

  return {
    url,
    port,
    server,
    metrics,
    async close(graceMs = 5_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(force);
      await apollo.stop();
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** Reads a JSON body up to `limit` bytes; a larger body is refused before it is all read. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  return (await readJsonBodyWithSize(request, limit)).body;
}

/** The request body as text (UTF-8), refused with 413 past `limit` bytes (form posts, e.g. Open311). */
export async function readTextBody(request: IncomingMessage, limit: number): Promise<string> {
  return (await readTextBodyWithSize(request, limit)).text;
}

async function readTextBodyWithSize(request: IncomingMessage, limit: number): Promise<{ text: string; size: number }> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) {
    request.resume();
    throw new RequestTooLargeError(limit, declared);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      request.resume();
      throw new RequestTooLargeError(limit, size);
    }
    chunks.push(chunk as Buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), size };
}

async function readJsonBodyWithSize(request: IncomingMessage, limit: number): Promise<{ body: unknown; size: number }> {
  const { text, size } = await readTextBodyWithSize(request, limit);
  if (size === 0) return { body: undefined, size };
  try {
    return { body: JSON.parse(text) as unknown, size };
  } catch {
    // Apollo answers a body it cannot use with a 400 of its own.
    return { body: text, size };
  }
}
