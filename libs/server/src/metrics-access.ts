import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may scrape `/metrics`. The page names no person or place, but every scrape reads the database and the stream
 * (table sizes, backlogs), so it is not left open to whoever reaches a port:
 * - `SHEQU_METRICS_TOKEN` set: only `Authorization: Bearer <token>` (compared in constant time);
 * - not set, `NODE_ENV=production`: not served at all (404, as any unknown path);
 * - not set elsewhere: open (development, `npm start`, tests).
 */
export type MetricsAccess = { kind: 'open' } | { kind: 'closed' } | { kind: 'token'; token: string };

export function metricsAccessFrom(env: NodeJS.ProcessEnv): MetricsAccess {
  const token = env.SHEQU_METRICS_TOKEN;
  if (token) return { kind: 'token', token };
  return env.NODE_ENV === 'production' ? { kind: 'closed' } : { kind: 'open' };
}

/** 200: serve; 401: a token is required and this request does not carry it; 404: not served here. */
export function metricsRequestStatus(access: MetricsAccess, request: IncomingMessage): 200 | 401 | 404 {
  if (access.kind === 'open') return 200;
  if (access.kind === 'closed') return 404;
  const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  const expected = Buffer.from(access.token);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? 200 : 401;
}

/**
 * One collection at a time: scrapes that arrive while one is being read share its text (each collection queries
 * the database and the stream; a burst of scrapes costs one).
 */
export function singleFlight(read: () => Promise<string>): () => Promise<string> {
  let running: Promise<string> | null = null;
  return () => {
    running ??= read().finally(() => {
      running = null;
    });
    return running;
  };
}
