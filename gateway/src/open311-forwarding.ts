import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody, REQUEST_ID_HEADER, type HttpRoute } from '@shequ/server';

const OPEN311_PATH = '/open311/v2/';
const MAX_FORM_BYTES = 64 * 1024;

/**
 * District platforms reach Open311 where they reach the graph: the gateway passes `/open311/v2/…` to the cases
 * service unchanged (path, query, `Authorization`, form body) and its answer back. The cases service checks the key.
 */
export function open311Forwarding(casesGraphqlUrl: string): HttpRoute[] {
  const casesOrigin = casesGraphqlUrl.replace(/\/graphql$/, '');
  async function forward(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> {
    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
    if (request.headers.authorization) headers.authorization = request.headers.authorization;
    if (request.headers['content-type']) headers['content-type'] = request.headers['content-type'];
    const body = request.method === 'POST' ? await readTextBody(request, MAX_FORM_BYTES) : undefined;
    let answer: Response;
    try {
      answer = await fetch(`${casesOrigin}${request.url ?? OPEN311_PATH}`, {
        method: request.method,
        headers,
        body,
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      response.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify([{ code: 503, description: '事项服务（cases）暂不可用，请稍后重试' }]));
      return;
    }
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await answer.arrayBuffer()));
  }
  return [
    { method: 'GET', path: OPEN311_PATH, prefix: true, handle: forward },
    { method: 'POST', path: OPEN311_PATH, prefix: true, handle: forward },
  ];
}
