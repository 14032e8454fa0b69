import { request } from 'node:http';
import type { DestinationStream } from 'pino';
import {
  ACTING_COMMUNITY_HEADER,
  generateApiKey,
  jwtSettingsFromEnv,
  parseApiKey,
  secretMatches,
  signHs256Token,
  type ApiKeyVerifier,
  type MachinePrincipal,
  type Permission,
  type Role,
} from '@shequ/auth';
import { UnauthenticatedError } from '@shequ/errors';
import { DEFAULT_COMMUNITY_ID } from '../service-config.js';
import { testCommunityRegistration } from './test-communities.js';
import { testDatabaseLocation, type TestDialect } from '@shequ/testing';
import { createLogger } from '@shequ/server';
import type { Clock } from '../clock.js';
import { startSubgraphService, type RunningSubgraph, type SubgraphServiceDefinition } from '../subgraph-service.js';

// Tests read answers as untyped JSON unless they name a type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

/** Who calls: a development token for these roles (default community_admin of 莲秀社区), or nobody. */
export interface Caller {
  role?: Role | Role[];
  grids?: string[];
  community?: string;
  /** Further communities the role is granted for (JWT claim `communities`). */
  communities?: string[];
  /** The community a street/district caller works in (header X-Shequ-Community). */
  actingCommunity?: string;
  department?: string;
  subject?: string;
  /** Send no Authorization header at all. */
  anonymous?: boolean;
  /** Extra headers (e.g. forged x-user-id). */
  headers?: Record<string, string>;
  /** Use exactly this Authorization header. */
  authorization?: string;
}

/** A signed development token (HS256, the configured or development secret). */
export function devToken(caller: Caller = {}, expiresIn: string | number = '1h'): Promise<string> {
  const roles = ([] as Role[]).concat(caller.role ?? 'community_admin');
  return signHs256Token(
    {
      sub: caller.subject ?? `test-${roles.join('+')}`,
      name: `测试用户（${roles.join('、')}）`,
      community: caller.community ?? DEFAULT_COMMUNITY_ID,
      department: caller.department ?? null,
      roles,
      grids: caller.grids ?? [],
      communities: caller.communities ?? [],
    },
    jwtSettingsFromEnv(),
    expiresIn,
  );
}

export async function authorizationFor(caller: Caller = {}): Promise<Record<string, string>> {
  const acting: Record<string, string> = caller.actingCommunity
    ? { [ACTING_COMMUNITY_HEADER]: caller.actingCommunity }
    : {};
  if (caller.anonymous) return { ...acting, ...caller.headers };
  const authorization = caller.authorization ?? `Bearer ${await devToken(caller)}`;
  return { ...acting, ...caller.headers, authorization };
}

export interface TestSubgraph extends RunningSubgraph {
  /** POSTs a GraphQL operation to the running subgraph, as `caller` (default: community_admin). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  graphql<T = any>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResponse<T>>;
}

/**
 * A real subgraph for resolver and persistence tests: HTTP on a free port, a fresh SQLite file or
 * PostgreSQL database (migrations applied), NATS at `natsUrl` (or nowhere: events then wait in the outbox).
 */
export async function startTestSubgraph(
  definition: SubgraphServiceDefinition,
  options: {
    dialect?: TestDialect;
    natsUrl?: string;
    /** The NATS user the service connects as (`nats.credentials.<service>`); without it, the test user. */
    natsCredentials?: { user: string; seed: string };
    /** Run as with `NODE_ENV=production` (introspection for community_admin only, no suggestions …). */
    production?: boolean;
    clock?: Clock;
    seed?: boolean;
    logLevel?: string;
    /** Where the service's log lines go (default: standard output, silent unless `logLevel`). */
    logDestination?: DestinationStream;
    apiKeys?: ApiKeyVerifier;
    /**
     * Communities registered before the test (社区入驻; writes elsewhere are refused): default the demo community
     * 莲秀社区 (350203008006). A test onboarding communities itself passes [].
     */
    registeredCommunities?: string[];
  } = {},
): Promise<TestSubgraph> {
  const running = await startSubgraphService(definition, {
    config: {
      port: 0,
      natsUrl: options.natsUrl ?? 'nats://127.0.0.1:9',
      natsCredentials: options.natsCredentials,
      ...(options.production ? { production: true } : {}),
      seed: options.seed ? 'demo' : 'none',
    },
    location: testDatabaseLocation(options.dialect ?? 'sqlite', definition.name),
    clock: options.clock,
    apiKeys: options.apiKeys,
    logger: createLogger(definition.name, {
      level: options.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'silent',
      destination: options.logDestination,
    }),
  });
  const communities = options.registeredCommunities ?? [DEFAULT_COMMUNITY_ID];
  if (communities.length > 0) {
    const register = testCommunityRegistration(definition.communities);
    for (const communityId of communities) await running.orm.em.fork().transactional((em) => register(em, communityId));
  }
  const endpoint = `http://127.0.0.1:${running.http.port}/graphql`;
  return {
    ...running,
    async graphql(query, variables, caller) {
      const text = await postOnNewConnection(
        endpoint,
        { 'content-type': 'application/json', ...(await authorizationFor(caller)) },
        JSON.stringify({ query, variables }),
      );
      return JSON.parse(text) as GraphQLResponse;
    },
  };
}

/**
 * A POST on a connection of its own, closed after the answer (no keep-alive). A test's requests can be a minute apart
 * while the service in the same process writes to SQLite synchronously: a kept-alive socket idle past the server's
 * `keepAliveTimeout` (65 s) was closed by the server in the very tick the next request was sent on it («other side
 * closed», events' statistics tests on a loaded CI machine). A new connection on 127.0.0.1 costs a fraction of a
 * millisecond.
 */
function postOnNewConnection(url: string, headers: Record<string, string>, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** SQL that would still be needed to match the entities after all migrations ran ('' when in sync). */
export async function pendingSchemaChanges(service: RunningSubgraph): Promise<string> {
  return (await service.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();
}

/**
 * API keys held in memory, for tests of machine clients (district platforms) in one service. The
 * deployment's key registry verifies keys the same way: by key id, against a hash of the secret.
 */
export class InMemoryApiKeys implements ApiKeyVerifier {
  private readonly keys = new Map<string, { secretHash: string; principal: MachinePrincipal; revoked: boolean }>();

  /** Issues a key with these scopes; returns the `Authorization` header value to call with. */
  issue(
    scopes: Permission[],
    options: { name?: string; communityId?: string; expiresAt?: Date } = {},
  ): { authorization: string; keyId: string } {
    const { key, keyId, secretHash } = generateApiKey();
    this.keys.set(keyId, {
      secretHash,
      revoked: false,
      principal: {
        kind: 'machine',
        id: keyId,
        name: options.name ?? '区级平台（测试）',
        communityId: options.communityId ?? DEFAULT_COMMUNITY_ID,
        scopes,
        expiresAt: options.expiresAt ?? new Date(Date.now() + 365 * 86_400_000),
      },
    });
    return { authorization: `ApiKey ${key}`, keyId };
  }

  revoke(keyId: string): void {
    const entry = this.keys.get(keyId);
    if (entry) entry.revoked = true;
  }

  async verify(value: string): Promise<MachinePrincipal> {
    const parsed = parseApiKey(value);
    const entry = parsed && this.keys.get(parsed.keyId);
    if (
      !parsed ||
      !entry ||
      entry.revoked ||
      (entry.principal.expiresAt && entry.principal.expiresAt.getTime() <= Date.now()) ||
      !secretMatches(parsed.secret, entry.secretHash)
    ) {
      throw new UnauthenticatedError('未认证：API 密钥无效、已过期或已吊销');
    }
    return entry.principal;
  }
}
