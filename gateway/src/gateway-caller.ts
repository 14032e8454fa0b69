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
 * API keys go on to the subgraphs, which hold the key registry's projection and verify them. Without a
 * credential nothing is forwarded. Identity headers (`x-user-id`, `x-roles`) are never read.
 */
export async function identifyCaller(authorization: string | undefined, jwt: JwtVerifier): Promise<GatewayCaller> {
  if (!authorization || authorization.trim() === '') {
    throw unauthenticated('未认证：请在 Authorization 头中提供令牌（Bearer）或 API 密钥（ApiKey）');
  }
  const [scheme, ...rest] = authorization.trim().split(/\s+/);
  const credential = rest.join(' ');
  const kind = scheme?.toLowerCase();
  if (kind === 'apikey' || (kind === 'bearer' && looksLikeApiKey(credential)))
    return { budget: 'frontEnd', mayIntrospect: false, mayRunAdHocQueries: true };
  if (kind !== 'bearer' || !credential)
    throw unauthenticated('未认证：Authorization 头格式应为 “Bearer <令牌>” 或 “ApiKey <密钥>”');
  let principal: Principal;
  try {
    principal = await jwt.verify(credential);
  } catch (error) {
    throw unauthenticated(isDomainError(error) ? error.message : '未认证：令牌无效');
  }
  return {
    budget: queryBudgetOf(principal),
    mayIntrospect: mayIntrospect(principal),
    mayRunAdHocQueries: mayRunAdHocQueries(principal),
  };
}
