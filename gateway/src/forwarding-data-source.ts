import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER, traceHeaders } from '@shequ/server';
import type { GatewayCaller } from './gateway-caller.js';
import type { SubgraphClient } from './subgraph-client.js';

export interface GatewayContext {
  requestId: string;
  /** The caller's `Authorization` header, forwarded untouched: every subgraph verifies it itself. */
  authorization?: string;
  /** The caller's query budget and whether it may introspect (from its verified token). */
  caller: GatewayCaller;
}

/**
 * Calls a subgraph, passing on the caller's credential, the request id and the gateway's trace context
 * (W3C `traceparent`), and nothing else of the caller's. Requests go through the gateway's `SubgraphClient`
 * (kept-alive connections; identical concurrent queries with the same credential merged into one request).
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(settings: { url: string; client: SubgraphClient }) {
    super({ url: settings.url, fetcher: settings.client.fetcher });
    // no HTTP caching of subgraph answers: every answer depends on the caller's credential
    this.honorSubgraphCacheControlHeader = false;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!request.http) return;
    const { requestId, authorization } = (context ?? {}) as Partial<GatewayContext>;
    if (requestId) request.http.headers.set(REQUEST_ID_HEADER, requestId);
    if (authorization) request.http.headers.set('authorization', authorization);
    for (const [name, value] of Object.entries(traceHeaders())) request.http.headers.set(name, value);
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
    return new GraphQLError('子图暂时无法处理请求', {
      extensions: { code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR' },
    });
  }
}
