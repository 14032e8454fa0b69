import { GraphQLError } from 'graphql';
import {
  JwtVerifier,
  looksLikeApiKey,
  mayIntrospect,
  mayRunAdHocQueries,
  queryBudgetOf,
  type Principal,
} from '@shequ/auth';
import { isDomainError } from '@shequ/errors';
import { decodeJwt } from 'jose';
import { LRUCache } from 'lru-cache';
import type { ApiKeyCheck } from './api-key-check.js';

/** What the gateway knows of a caller: enough to pick a query budget; the subgraphs decide access. */
export interface GatewayCaller {
  budget: 'frontEnd' | 'analyst';
  mayIntrospect: boolean;
  /** Whether it may send its own queries where only trusted documents run (not the front ends' roles). */
  mayRunAdHocQueries: boolean;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * The gateway checks a user's token itself (a bad or expired one stops here) to choose the query budget;
 * an API key is checked with the residents subgraph (which holds the key registry's projection) before
 * anything runs, and every subgraph verifies it again. Without a
 * credential nothing is forwarded. Identity headers (`x-user-id`, `x-roles`) are never read.
 */
export async function identifyCaller(
  authorization: string | undefined,
  jwt: JwtVerifier,
  apiKeys: ApiKeyCheck,
  verified?: VerifiedTokens,
): Promise<GatewayCaller> {
  if (!authorization || authorization.trim() === '') {
    throw unauthenticated('未认证：请在 Authorization 头中提供令牌（Bearer）或 API 密钥（ApiKey）');
  }
  const [scheme, ...rest] = authorization.trim().split(/\s+/);
  const credential = rest.join(' ');
  const kind = scheme?.toLowerCase();
  if (kind === 'apikey' || (kind === 'bearer' && looksLikeApiKey(credential))) {
    // an invalid key is refused here, before anything else (not even `{ __typename }` is answered)
    if (!(await apiKeys.isValid(credential))) throw unauthenticated('未认证：API 密钥无效、已过期或已吊销');
    return { budget: 'frontEnd', mayIntrospect: false, mayRunAdHocQueries: true };
  }
  if (kind !== 'bearer' || !credential)
    throw unauthenticated('未认证：Authorization 头格式应为 “Bearer <令牌>” 或 “ApiKey <密钥>”');
  const known = verified?.get(credential);
  if (known) return known;
  let principal: Principal;
  try {
    principal = await jwt.verify(credential);
  } catch (error) {
    throw unauthenticated(isDomainError(error) ? error.message : '未认证：令牌无效');
  }
  const caller = {
    budget: queryBudgetOf(principal),
    mayIntrospect: mayIntrospect(principal),
    mayRunAdHocQueries: mayRunAdHocQueries(principal),
  };
  verified?.remember(credential, caller);
  return caller;
}

/**
 * Tokens the gateway has verified, with what it concluded, until each token's `exp`: a front end sends the same
 * token with every request, and checking its signature again tells nothing new (a JWT cannot be revoked before
 * it expires; API keys, which can, are not kept here). Bounded: the least recently used tokens go first.
 */
export class VerifiedTokens {
  private readonly tokens: LRUCache<string, GatewayCaller>;

  constructor(max = 10_000) {
    this.tokens = new LRUCache<string, GatewayCaller>({ max });
  }

  get(token: string): GatewayCaller | undefined {
    return this.tokens.get(token);
  }

  remember(token: string, caller: GatewayCaller): void {
    const { exp } = decodeJwt(token);
    const ttl = typeof exp === 'number' ? exp * 1000 - Date.now() : 0;
    if (ttl > 0) this.tokens.set(token, caller, { ttl });
  }
}
