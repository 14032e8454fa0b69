import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent } from 'undici';
import { REQUEST_ID_HEADER } from '@shequ/server';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * A subgraph's answer as received: status, content type and body bytes, shared by every waiter of a merged fetch
 * (never changed: each waiter that parses it parses its own copy; the single-fetch shortcut may pass the bytes on).
 */
export class SubgraphAnswer {
  private decoded: string | undefined;

  constructor(
    readonly status: number,
    readonly contentType: string | undefined,
    readonly bytes: Buffer,
  ) {}

  /** The body as text (decoded once, on first use). */
  get text(): string {
    return (this.decoded ??= this.bytes.toString('utf8'));
  }
}

export interface SubgraphClientFigures {
  /** HTTP requests sent to subgraphs. */
  sent: number;
  /** Fetches answered by a request already in flight (identical body, URL and credential). */
  merged: number;
}

/** Headers that differ per request without changing the answer: never part of what makes two fetches the same. */
const PER_REQUEST_HEADERS = new Set([REQUEST_ID_HEADER, 'traceparent', 'tracestate', 'baggage', 'content-length']);

/**
 * Everything of the caller a subgraph answers by — the credential, the acting community, an export's permission and
 * any header added later — so fetches are merged only when the subgraph would give each the same answer.
 */
function callerHeaders(headers: Record<string, string>): string {
  return (
    Object.entries(headers)
      .filter(([name]) => !PER_REQUEST_HEADERS.has(name))
      // header names are lower-case ASCII: code-unit order (localeCompare would load ICU's collation data, ~3 MB)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n')
  );
}

/**
 * How the gateway talks to its subgraphs: undici over kept-alive connections (no new TCP connection per
 * fetch; idle ones close after 60 s, below the subgraphs' 65 s `keepAliveTimeout`, so the gateway never reuses
 * a socket the server is closing), and identical concurrent fetches merged into one request — as Hive Gateway
 * and Apollo Router do — when they carry the same credential: same URL, same body (operation text and
 * variables) and the same caller headers (`Authorization`, acting community, export permission). The
 * subgraph then answers (and audits) once for them all; it sees the request id of the first. Only queries are merged, never mutations.
 */
export class SubgraphClient {
  private readonly agent = new Agent({
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 60_000,
    // subgraphs answer each request on its own connection (no pipelining): enough of them for bursts
    connections: 256,
  });
  private readonly inFlight = new Map<string, Promise<SubgraphAnswer>>();
  /** Each subgraph URL's origin and path (a handful of URLs, parsed once). */
  private readonly targets = new Map<string, { origin: string; path: string }>();
  private readonly figures: SubgraphClientFigures = { sent: 0, merged: 0 };

  constructor(private readonly settings: { mergeIdenticalFetches: boolean } = { mergeIdenticalFetches: true }) {}

  /** POSTs a GraphQL request; `mergeable` when it is a query (reads only). */
  post(url: string, headers: Record<string, string>, body: string, mergeable: boolean): Promise<SubgraphAnswer> {
    if (!mergeable || !this.settings.mergeIdenticalFetches) return this.send(url, headers, body);
    const key = `${url}\n${callerHeaders(headers)}\n${body}`;
    const pending = this.inFlight.get(key);
    if (pending) {
      this.figures.merged += 1;
      return pending;
    }
    const sent = this.send(url, headers, body).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, sent);
    return sent;
  }

  /**
   * The `fetcher` of the gateway's data sources: the operation is the body Apollo Gateway writes
   * (`{"query":"…","variables":…}`); a `query …` / `{ … }` operation may be merged, anything else is sent as is.
   */
  readonly fetcher: Fetcher = async (url, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(init?.headers ?? {})) headers[name.toLowerCase()] = value;
    return new AnswerResponse(url, await this.postOperation(url, headers, body));
  };

  /** POSTs a GraphQL request body (`{"query":…}`, headers in lower case); merged when its operation is a query. */
  postOperation(url: string, headers: Record<string, string>, body: string): Promise<SubgraphAnswer> {
    return this.post(url, headers, body, MERGEABLE_BODY.test(body));
  }

  counts(): SubgraphClientFigures {
    return { ...this.figures };
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /**
   * One request over the agent's kept-alive connections, through undici's `dispatch` with a handler that keeps the
   * body's chunks as they arrive: what `request()` does, without its per-request body stream (a `Readable`), async
   * resource and parsed header object — the answer is needed whole, as bytes.
   */
  private send(url: string, headers: Record<string, string>, body: string): Promise<SubgraphAnswer> {
    this.figures.sent += 1;
    const target = this.targetOf(url);
    return new Promise<SubgraphAnswer>((resolve, reject) => {
      let status = 0;
      let contentType: string | undefined;
      const chunks: Buffer[] = [];
      this.agent.dispatch(
        { origin: target.origin, path: target.path, method: 'POST', headers, body },
        {
          onConnect: () => undefined,
          onHeaders: (statusCode: number, rawHeaders: Buffer[]) => {
            status = statusCode;
            contentType = contentTypeOf(rawHeaders);
            return true;
          },
          onData: (chunk: Buffer) => {
            chunks.push(chunk);
            return true;
          },
          onComplete: () =>
            resolve(new SubgraphAnswer(status, contentType, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))),
          onError: (error: Error) => reject(error),
        },
      );
    });
  }

  private targetOf(url: string): { origin: string; path: string } {
    let target = this.targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      this.targets.set(url, target);
    }
    return target;
  }
}

/** The `content-type` of an answer's raw headers (name, value, name, value … as undici hands them over). */
function contentTypeOf(rawHeaders: Buffer[]): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (name.length === 12 && name.toString('latin1').toLowerCase() === 'content-type')
      return rawHeaders[i + 1].toString('latin1');
  }
  return undefined;
}

/** A body whose operation only reads: the gateway writes `query …` or `{ … }`; never merge a mutation. */
const MERGEABLE_BODY = /^\{"query":"\s*(query\b|\{)/;

/** One waiter's copy of an answer (each parses its own: the gateway merges entity answers into them). */
export class AnswerResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;
  readonly status: number;
  readonly statusText = '';
  readonly headers: Headers;

  constructor(
    readonly url: string,
    private readonly answer: SubgraphAnswer,
  ) {
    this.status = answer.status;
    this.ok = answer.status >= 200 && answer.status <= 299;
    this.headers = new Headers(answer.contentType ? { 'content-type': answer.contentType } : {});
  }

  text(): Promise<string> {
    return Promise.resolve(this.answer.text);
  }

  json(): Promise<unknown> {
    return Promise.resolve(JSON.parse(this.answer.text) as unknown);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const { bytes } = this.answer;
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }

  clone(): FetcherResponse {
    return new AnswerResponse(this.url, this.answer);
  }
}
