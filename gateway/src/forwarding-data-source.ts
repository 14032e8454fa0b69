import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, parse } from 'graphql';
import { EXPORT_PERMISSION_HEADER, REQUEST_ID_HEADER, traceHeaders } from '@shequ/server';
import { ACTING_COMMUNITY_HEADER } from '@shequ/auth';
import type { GatewayCaller } from './gateway-caller.js';
import { AnswerResponse, type SubgraphAnswer, type SubgraphClient } from './subgraph-client.js';
import { isDataOnlyAnswer } from './data-only-answer.js';
import type { SubgraphName } from './subgraph-endpoints.js';
import { outageErrors } from './subgraph-outage.js';
import type { SingleFetchPath } from './single-fetch.js';

export interface GatewayContext {
  requestId: string;
  /** The caller's `Authorization` header, forwarded untouched: every subgraph verifies it itself. */
  authorization?: string;
  /** The community a caller covering several works in (header X-Shequ-Community), forwarded untouched. */
  actingCommunity?: string;
  /** The caller's query budget and whether it may introspect (from its verified token). */
  caller: GatewayCaller;
  /** Set by `/exports` for a saved query that needs it: every subgraph then requires this permission. */
  exportPermission?: string | null;
  /**
   * The caller's trace context to pass on when the gateway records no spans (then no context manager carries it);
   * undefined when spans are recorded: the active span's context is sent instead.
   */
  traceContext?: Record<string, string>;
}

/**
 * Calls a subgraph, passing on the caller's credential, the acting community (each subgraph checks it against
 * the caller's scope), the request id and the gateway's trace context (W3C `traceparent`), and nothing else of
 * the caller's. Requests go through the gateway's `SubgraphClient` (kept-alive connections; identical concurrent
 * queries with the same credential merged into one request).
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly client: SubgraphClient;
  private readonly singleFetch: SingleFetchPath | undefined;

  constructor(
    private readonly service: SubgraphName,
    settings: { url: string; client: SubgraphClient; singleFetch?: SingleFetchPath },
  ) {
    super({ url: settings.url, fetcher: settings.client.fetcher });
    this.client = settings.client;
    this.singleFetch = settings.singleFetch;
    // no HTTP caching of subgraph answers: every answer depends on the caller's credential
    this.honorSubgraphCacheControlHeader = false;
  }

  /**
   * A subgraph that does not answer (down, unreachable, a proxy's 502–504) leaves its fields null with errors that
   * name the service and say where the data is missing — the rest of the answer still comes back (partial
   * answers). Refusals with a GraphQL body (400, 401, 413 …) are passed on as before.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource['process']> {
    // the answer the single-fetch path (or its shortcut) already has for this request: not asked twice
    const replayed = this.singleFetch?.replayed(
      this.service,
      'incomingRequestContext' in options ? options.incomingRequestContext : undefined,
      options.context,
    );
    if (replayed) return replayed;
    try {
      return await this.responseOf(await this.send(options));
    } catch (error) {
      return this.outage(options, error);
    }
  }

  /**
   * The single-fetch shortcut's request: the same request as `process` sends, but an answer that is exactly
   * `{"data":{…}}` (no errors, no extensions: `isDataOnlyAnswer`) with status 2xx and a JSON content type comes
   * back as its bytes, to be passed on unparsed; any other answer (or failure) as `process` returns (or throws) it.
   */
  async forwardOrProcess(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<{ bytes: Buffer } | { response: Awaited<ReturnType<RemoteGraphQLDataSource['process']>> }> {
    try {
      const answer = await this.send(options);
      if (answer.status >= 200 && answer.status <= 299 && isJson(answer.contentType) && isDataOnlyAnswer(answer.bytes))
        return { bytes: answer.bytes };
      return { response: await this.responseOf(answer) };
    } catch (error) {
      return { response: this.outage(options, error) };
    }
  }

  /**
   * A subgraph that does not answer (down, unreachable, a proxy's 502–504) leaves its fields null with errors that
   * name the service and say where the data is missing; any other failure is thrown.
   */
  private outage(options: GraphQLDataSourceProcessOptions<GatewayContext>, error: unknown) {
    // only a query of a client's request is answered with a partial result (not a health check)
    if (!('document' in options) || !isOutage(error)) throw error;
    // the fetch's document node is only exposed on request (exposeDocumentNodeInFetchNode): parse its text
    const document = options.document ?? (options.request.query ? parse(options.request.query) : undefined);
    return { errors: outageErrors(this.service, document, options.request.variables) };
  }

  /**
   * What `RemoteGraphQLDataSource.process` does for us (no APQ, no cache hints), without its per-fetch detours: it
   * copies the headers through two node-fetch `Headers` and builds a node-fetch `Request` (the body copied into a
   * Buffer) that only its error hooks would read. The body is the same: `{"query":…,"variables":…,…}`.
   */
  private send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphAnswer> {
    const { http, query, ...rest } = options.request;
    if (!query) throw new Error('Missing query');
    const headers = this.headersFor(options.context as Partial<GatewayContext> | undefined);
    // Apollo Gateway's own (only with federated tracing, which is off): added, never replacing the caller's
    for (const [name, value] of http?.headers ?? []) headers[name.toLowerCase()] ??= value;
    return this.client.postOperation(this.url, headers, JSON.stringify({ query, ...rest }));
  }

  /** The answer as Apollo Gateway's data source returns it: the parsed body, or the error of a refusal. */
  private async responseOf(answer: SubgraphAnswer): ReturnType<RemoteGraphQLDataSource['process']> {
    const response = new AnswerResponse(this.url, answer);
    if (!response.ok) throw await this.errorFromResponse(response);
    const body = await this.parseBody(response);
    if (typeof body !== 'object' || body === null)
      throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    return { ...body, http: response };
  }

  /** The caller's credential, acting community, export permission, request id and trace context; nothing else. */
  private headersFor(context: Partial<GatewayContext> | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const { requestId, authorization, exportPermission, actingCommunity, traceContext } = context ?? {};
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    if (exportPermission) headers[EXPORT_PERMISSION_HEADER] = exportPermission;
    if (authorization) headers.authorization = authorization;
    if (actingCommunity) headers[ACTING_COMMUNITY_HEADER] = actingCommunity;
    Object.assign(headers, traceContext ?? traceHeaders());
    return headers;
  }

  /**
   * A subgraph that refuses a request (400 for a client's mistake, 401, 413 …) answers with GraphQL errors of
   * its own: pass those on — message, code, field — never the subgraph's address, status line or raw body.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const body: unknown = await response.json().catch(() => undefined);
    const first = (body as { errors?: Array<{ message?: unknown; extensions?: Record<string, unknown> }> } | undefined)
      ?.errors?.[0];
    if (first && typeof first.message === 'string') {
      const { stacktrace: _s, response: _r, exception: _e, ...extensions } = first.extensions ?? {};
      return new GraphQLError(first.message, { extensions: { code: 'INTERNAL_SERVER_ERROR', ...extensions } });
    }
    if (response.status === 413)
      return new GraphQLError('请求体过大', { extensions: { code: 'REQUEST_TOO_LARGE', limit: 'maxBodyBytes' } });
    if (response.status === 502 || response.status === 503 || response.status === 504)
      return new SubgraphUnavailable(`status ${response.status}`);
    return new GraphQLError('子图暂时无法处理请求', {
      extensions: { code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR' },
    });
  }
}

class SubgraphUnavailable extends GraphQLError {}

/** The content types `parseBody` reads as JSON. */
function isJson(contentType: string | undefined): boolean {
  return (
    contentType !== undefined &&
    (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json'))
  );
}

/** No answer at all: a network error of the fetch (node-fetch `FetchError`, an abort) or a gateway status. */
/** Network failures as Node and undici name them: refused, reset or timed-out connections, unknown hosts. */
const NETWORK_ERROR_CODES = /^(ECONN|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|UND_ERR_)/;

function isOutage(error: unknown): boolean {
  if (error instanceof SubgraphUnavailable) return true;
  if (error instanceof GraphQLError) return false;
  const name = error instanceof Error ? error.name : '';
  if (name === 'FetchError' || name === 'AbortError' || name === 'TypeError') return true;
  // the gateway's undici client throws the socket's own error (connect ECONNREFUSED …), possibly as a cause
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_ERROR_CODES.test(code)) return true;
  }
  return false;
}
