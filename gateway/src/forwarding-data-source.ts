import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER, traceHeaders } from '@shequ/server';
import type { GatewayCaller } from './gateway-caller.js';

export interface GatewayContext {
  requestId: string;
  /** The caller's `Authorization` header, forwarded untouched: every subgraph verifies it itself. */
  authorization?: string;
  /** The caller's query budget and whether it may introspect (from its verified token). */
  caller: GatewayCaller;
}

/**
 * Calls a subgraph, passing on the caller's credential, the request id and the gateway's trace context
 * (W3C `traceparent`), and nothing else of the caller's.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!request.http) return;
    const { requestId, authorization } = (context ?? {}) as Partial<GatewayContext>;
    if (requestId) request.http.headers.set(REQUEST_ID_HEADER, requestId);
    if (authorization) request.http.headers.set('authorization', authorization);
    for (const [name, value] of Object.entries(traceHeaders())) request.http.headers.set(name, value);
  }
}
