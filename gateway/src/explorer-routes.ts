import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute } from '@shequ/server';
import type { SavedQuery } from './saved-queries.js';

/** Where the gateway's build bundles GraphiQL (gateway/explorer → dist/explorer). */
export const EXPLORER_DIR = fileURLToPath(new URL('../dist/explorer/', import.meta.url));

/**
 * The page may load and call only the gateway's own origin: a policy the browser enforces, so the explorer
 * works on an intranet with no internet and nothing it shows reaches anyone else.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

function serve(response: ServerResponse, body: Buffer | string, contentType: string, cacheSeconds = 0): void {
  response.writeHead(200, {
    'content-type': contentType,
    'cache-control': cacheSeconds ? `public, max-age=${cacheSeconds}` : 'no-cache',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

const wantsHtml = (request: IncomingMessage) => /text\/html/.test(request.headers.accept ?? '');

/**
 * The GraphiQL explorer, served by the gateway itself: `/explorer` (and `GET /graphql` from a browser), its
 * bundled script and styles, and the analysts' saved queries as ready examples. Introspection rules apply to
 * it as to any client: in production only community_admin sees the schema.
 */
export function explorerRoutes(savedQueries: readonly SavedQuery[], dir: string = EXPLORER_DIR): HttpRoute[] {
  if (!existsSync(`${dir}/index.html`))
    throw new Error(`the explorer is not built (${dir}): run npm run build, or set SHEQU_EXPLORER=off`);
  const html = readFileSync(`${dir}/index.html`);
  const script = readFileSync(`${dir}/explorer.js`);
  const styles = readFileSync(`${dir}/explorer.css`);
  const saved = JSON.stringify(
    savedQueries.map(({ name, title, description, document, variables }) => ({
      name,
      title,
      description,
      document,
      variables,
    })),
  );
  const page: HttpRoute['handle'] = (_request, response) => serve(response, html, 'text/html; charset=utf-8');
  return [
    { method: 'GET', path: '/explorer', handle: page },
    { method: 'GET', path: '/explorer/', handle: page },
    { method: 'GET', path: '/graphql', when: wantsHtml, handle: page },
    {
      method: 'GET',
      path: '/explorer/explorer.js',
      handle: (_request, response) => serve(response, script, 'text/javascript; charset=utf-8', 3600),
    },
    {
      method: 'GET',
      path: '/explorer/explorer.css',
      handle: (_request, response) => serve(response, styles, 'text/css; charset=utf-8', 3600),
    },
    {
      method: 'GET',
      path: '/explorer/saved-queries.json',
      handle: (_request, response) => serve(response, saved, 'application/json; charset=utf-8'),
    },
  ];
}
