import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,100}$/;

/** The caller's request id when it looks like one (the gateway sends its own), otherwise a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return callerRequestId(header) ?? randomUUID();
}

/** The caller's `x-request-id` when it looks like one (at most 100 of `A–Z a–z 0–9 . _ : -`), else null. */
export function callerRequestId(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE.test(value) ? value : null;
}

/**
 * Which request id a server works under: `adopt` the caller's when it looks like one (subgraphs: the gateway sends
 * its own), or always its `own` (the gateway, which clients reach): a client's value then identifies nothing — not an
 * audit entry, not an event, not a file — and is only logged beside the request's own id (`clientRequestId`).
 */
export type RequestIdPolicy = 'adopt' | 'own';

export function requestIdsOf(
  header: string | string[] | undefined,
  policy: RequestIdPolicy,
): { requestId: string; clientRequestId: string | null } {
  const offered = callerRequestId(header);
  if (policy === 'adopt') return { requestId: offered ?? randomUUID(), clientRequestId: null };
  return { requestId: randomUUID(), clientRequestId: offered };
}
