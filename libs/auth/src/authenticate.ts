import { UnauthenticatedError } from '@shequ/errors';
import { looksLikeApiKey } from './api-key.js';
import type { JwtVerifier } from './jwt.js';
import { anonymous, type MachinePrincipal, type Principal } from './principal.js';

/** Verifies an API key and returns the machine principal it stands for (UNAUTHENTICATED when unknown or revoked). */
export interface ApiKeyVerifier {
  verify(key: string): Promise<MachinePrincipal>;
}

/**
 * The caller, from the `Authorization` header alone: `Bearer <JWT>` for users, `ApiKey shq_…` (or
 * `Bearer shq_…`) for machine clients, nothing for anonymous. Headers such as `x-user-id` or `x-roles` are
 * never read.
 */
export async function authenticate(
  authorization: string | undefined,
  verifiers: { jwt: JwtVerifier; apiKeys?: ApiKeyVerifier },
): Promise<Principal> {
  if (!authorization || authorization.trim() === '') return anonymous;
  const [scheme, ...rest] = authorization.trim().split(/\s+/);
  const credential = rest.join(' ');
  if (!credential)
    throw new UnauthenticatedError('未认证：Authorization 头格式应为 “Bearer <令牌>” 或 “ApiKey <密钥>”');
  const kind = scheme?.toLowerCase();
  if (kind === 'apikey' || (kind === 'bearer' && looksLikeApiKey(credential))) {
    if (!verifiers.apiKeys) throw new UnauthenticatedError('未认证：此服务不接受 API 密钥');
    return verifiers.apiKeys.verify(credential);
  }
  if (kind === 'bearer') return verifiers.jwt.verify(credential);
  throw new UnauthenticatedError(`未认证：不支持的认证方式 ${scheme}`);
}
