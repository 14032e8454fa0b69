import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers a browser page may send to the service and read from its answers. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-request-id',
  'x-shequ-community',
  'traceparent',
  'apollo-require-preflight',
];
const EXPOSED_HEADERS = ['x-request-id', 'content-disposition'];
const ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'];
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Cross-origin access for browser pages (CORS). Only the configured origins are answered; `*` allows every
 * origin but then never with credentials (cookies), as browsers require. A page on the service's own origin
 * needs no configuration. A request from any other origin is refused before anything runs.
 */
export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;
  private readonly anyOrigin: boolean;

  constructor(allowedOrigins: readonly string[]) {
    this.origins = new Set(allowedOrigins.filter((o) => o !== '*').map(normaliseOrigin));
    this.anyOrigin = allowedOrigins.includes('*');
  }

  get allowed(): readonly string[] {
    return [...this.origins, ...(this.anyOrigin ? ['*'] : [])];
  }

  /**
   * Sets the CORS headers of the answer. Returns 'answered' when the request was handled here (a preflight,
   * or an origin that is not allowed), 'continue' when the service should serve it.
   */
  apply(request: IncomingMessage, response: ServerResponse): 'answered' | 'continue' {
    const origin = request.headers.origin;
    response.setHeader('vary', 'Origin');
    if (!origin || isSameOrigin(origin, request)) return 'continue';
    const listed = this.origins.has(normaliseOrigin(origin));
    if (!listed && !this.anyOrigin) {
      response.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
      response.end(
        JSON.stringify({
          errors: [
            {
              message: `跨域请求被拒绝：来源 ${origin} 不在允许的来源列表中（SHEQU_CORS_ORIGINS）`,
              extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED', origin },
            },
          ],
        }),
      );
      return 'answered';
    }
    if (listed) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('access-control-allow-credentials', 'true');
    } else {
      response.setHeader('access-control-allow-origin', '*');
    }
    response.setHeader('access-control-expose-headers', EXPOSED_HEADERS.join(', '));
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-methods': ALLOWED_METHODS.join(', '),
        'access-control-allow-headers': ALLOWED_HEADERS.join(', '),
        'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
      });
      response.end();
      return 'answered';
    }
    return 'continue';
  }
}

function normaliseOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

function isSameOrigin(origin: string, request: IncomingMessage): boolean {
  try {
    return new URL(origin).host.toLowerCase() === (request.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Parses `SHEQU_CORS_ORIGINS` (comma-separated origins such as `https://jiezhi.example.gov.cn`). In production
 * `*` is refused: every origin a deployment serves is named.
 */
export function corsOriginsFrom(value: string | undefined, fallback: readonly string[], production: boolean): string[] {
  const origins =
    value === undefined
      ? [...fallback]
      : value
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') {
      if (production) throw new Error('SHEQU_CORS_ORIGINS=* is not allowed with NODE_ENV=production: name the origins');
      continue;
    }
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new Error(`SHEQU_CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port])`);
    }
    if (url.origin !== origin.replace(/\/+$/, '') || !/^https?:$/.test(url.protocol))
      throw new Error(`SHEQU_CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path)`);
  }
  return origins;
}
