import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER, traceHeaders } from '@shequ/server';
import { ACTING_COMMUNITY_HEADER } from '@shequ/auth';
import type { GatewayCaller } from './gateway-caller.js';

export interface GatewayContext {
  requestId: string;
  /** The caller's `Authorization` header, forwarded untouched: every subgraph verifies it itself. */
  authorization?: string;
  /** The community a caller covering several works in (header X-Shequ-Community), forwarded untouched. */
  actingCommunity?: string;
  /** The caller's query budget and whether it may introspect (from its verified token). */
  caller: GatewayCaller;
}

/**
 * Calls a subgraph, passing on the caller's credential, the acting community (each subgraph checks it against
 * the caller's scope), the request id and the gateway's trace context
 * (W3C `traceparent`), and nothing else of the caller's.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!request.http) return;
    const { requestId, authorization, actingCommunity } = (context ?? {}) as Partial<GatewayContext>;
    if (requestId) request.http.headers.set(REQUEST_ID_HEADER, requestId);
    if (authorization) request.http.headers.set('authorization', authorization);
    if (actingCommunity) request.http.headers.set(ACTING_COMMUNITY_HEADER, actingCommunity);
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
