import {
  SignJWT,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  importSPKI,
  jwtVerify,
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JSONWebKeySet,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { UnauthenticatedError } from '@shequ/errors';
import type { UserPrincipal } from './principal.js';
import { USER_ROLE_NAMES, isUserRole, type Role } from './roles.js';
import { COMMUNITY_CODE } from './access-control.js';
import { foreignGridClaims, homeCodeDigitsFor, homeCodeFits } from './home-code.js';

export const DEV_JWT_SECRET = 'shequ-graph-development-secret-not-for-production';
export const JWT_ISSUER = 'shequ-graph';
export const JWT_AUDIENCE = 'shequ-graph';

export interface JwtSettings {
  /** HS256 shared secret (the embedded default). */
  secret?: string;
  /** RS256: PEM public key. */
  publicKeyPem?: string;
  /** RS256: JWKS URL, or a JWKS document as JSON. */
  jwks?: string;
  issuer: string;
  audience: string;
  /** Longest lifetime (`exp` − `iat`, and `exp` − now) a token may have, in seconds; default 7 days. */
  maxLifetimeSeconds?: number;
  /**
   * How long a verified token is taken without checking it against the key again, and how old a fetched JWKS may
   * grow before it is fetched again, in seconds (default `VERIFIED_TOKEN_RECHECK_SECONDS`): a key the identity
   * provider rotates out or revokes stops every token it signed within about twice this.
   */
  recheckSeconds?: number;
}

/** Default of `JwtSettings.recheckSeconds`: five minutes. */
export const VERIFIED_TOKEN_RECHECK_SECONDS = 5 * 60;

/** Default for `SHEQU_JWT_MAX_LIFETIME` (seconds): a week, the longest a development token of `npm start` lives. */
export const DEFAULT_JWT_MAX_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

function maxLifetimeFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.SHEQU_JWT_MAX_LIFETIME;
  if (raw === undefined || raw === '') return DEFAULT_JWT_MAX_LIFETIME_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds <= 0)
    throw new Error(`SHEQU_JWT_MAX_LIFETIME=${raw}: expected a positive number of seconds`);
  return seconds;
}

/**
 * From the environment: `SHEQU_JWT_PUBLIC_KEY` (PEM) or `SHEQU_JWT_JWKS` (URL or JSON) for RS256 in
 * production; otherwise HS256 with `SHEQU_JWT_SECRET`, which defaults to a development secret except when
 * NODE_ENV=production (then a key must be configured).
 */
export function jwtSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): JwtSettings {
  const base = {
    issuer: env.SHEQU_JWT_ISSUER ?? JWT_ISSUER,
    audience: env.SHEQU_JWT_AUDIENCE ?? JWT_AUDIENCE,
    maxLifetimeSeconds: maxLifetimeFromEnv(env),
  };
  if (env.SHEQU_JWT_PUBLIC_KEY) return { ...base, publicKeyPem: env.SHEQU_JWT_PUBLIC_KEY.replace(/\\n/g, '\n') };
  if (env.SHEQU_JWT_JWKS) return { ...base, jwks: env.SHEQU_JWT_JWKS };
  if (env.SHEQU_JWT_SECRET) return { ...base, secret: env.SHEQU_JWT_SECRET };
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'NODE_ENV=production needs SHEQU_JWT_PUBLIC_KEY, SHEQU_JWT_JWKS or SHEQU_JWT_SECRET (the development secret is refused)',
    );
  }
  return { ...base, secret: DEV_JWT_SECRET };
}

/** How many verified tokens a process remembers (a front end's users each send the same token for hours). */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Verifies user tokens (signature, expiry, issuer, audience) and turns their claims into a principal. A token
 * that passed is remembered until its `exp`, at most `recheckSeconds` (bounded LRU, `VERIFIED_TOKEN_CACHE_SIZE`):
 * the next request with the same token skips the signature check and the claims parsing; a failed token is never
 * remembered. (Until 2026-12-04 a token was remembered until its `exp`, up to 7 days: a key rotated out of the JWKS
 * still let every token it had signed in, in every process that had seen it.)
 */
export class JwtVerifier {
  private key: Promise<Uint8Array | CryptoKey | JWTVerifyGetKey>;
  private readonly verified = new LRUCache<string, { principal: UserPrincipal; expiresAtMs: number }>({
    max: VERIFIED_TOKEN_CACHE_SIZE,
  });

  constructor(private readonly settings: JwtSettings) {
    this.key = keyFor(settings);
  }

  async verify(token: string): Promise<UserPrincipal> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.principal;
      this.verified.delete(token);
    }
    return this.verifyUncached(token);
  }

  private async verifyUncached(token: string): Promise<UserPrincipal> {
    let payload: JWTPayload;
    try {
      const key = await this.key;
      const options = {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: this.settings.secret ? ['HS256'] : ['RS256'],
        requiredClaims: ['exp'],
      };
      ({ payload } =
        typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('未认证：令牌已过期');
      if (error instanceof errors.JWSSignatureVerificationFailed)
        throw new UnauthenticatedError('未认证：令牌签名无效');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp')
        throw new UnauthenticatedError('未认证：令牌没有有效期（exp），不予接受');
      if (error instanceof errors.JWTClaimValidationFailed)
        throw new UnauthenticatedError(`未认证：令牌声明无效（${error.claim}）`);
      throw new UnauthenticatedError('未认证：令牌无效');
    }
    this.checkLifetime(payload);
    const principal = Object.freeze(principalFromClaims(payload)) as UserPrincipal;
    // `exp` is required above; jose refuses a token at or after it, so it is remembered until just before, and no
    // longer than the re-check interval (its key may be rotated out meanwhile)
    const recheckAtMs = Date.now() + 1000 * (this.settings.recheckSeconds ?? VERIFIED_TOKEN_RECHECK_SECONDS);
    if (typeof payload.exp === 'number')
      this.verified.set(token, { principal, expiresAtMs: Math.min(payload.exp * 1000, recheckAtMs) });
    return principal;
  }

  /** A token living longer than the configured maximum is refused, however validly signed. */
  private checkLifetime(payload: JWTPayload): void {
    const max = this.settings.maxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS;
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp ?? Number.POSITIVE_INFINITY;
    if (typeof payload.iat === 'number' && payload.iat > now + IAT_LEEWAY_SECONDS)
      throw new UnauthenticatedError('未认证：令牌的签发时间（iat）在将来，不予接受');
    const issued = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now;
    if (exp - issued > max || exp - now > max)
      throw new UnauthenticatedError(`未认证：令牌有效期超过上限（${Math.round(max / 3600)} 小时）`);
  }
}

/**
 * Longest `sub` a token may carry: the narrowest column an actor's id is written to (a case timeline's `actorId`).
 * A longer subject, or one that is not a string (a number, an object), was taken as the user's id and written as
 * such to events and audit rows.
 */
export const MAX_TOKEN_SUBJECT_LENGTH = 80;

/** How far in the future a token's `iat` may lie (clock skew between the identity provider and the gateway). */
export const IAT_LEEWAY_SECONDS = 60;

/** Printable text for a refusal naming a claim's value (never more than 40 characters of it). */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function principalFromClaims(payload: JWTPayload): UserPrincipal {
  if (payload.communities !== undefined) {
    const wrong = Array.isArray(payload.communities)
      ? payload.communities.filter((c) => typeof c !== 'string' || !COMMUNITY_CODE.test(c))
      : [payload.communities];
    if (wrong.length > 0)
      throw new UnauthenticatedError(
        `未认证：令牌的 communities 须为社区代码（12 位数字）的数组，其中「${wrong.map(shown).join('、')}」不是`,
      );
  }
  const communities = Array.isArray(payload.communities) ? [...new Set(payload.communities as string[])] : [];
  if (Array.isArray(payload.roles)) {
    const unknown = payload.roles.filter((r) => !isUserRole(r));
    if (unknown.length > 0)
      throw new UnauthenticatedError(
        `未认证：令牌的 roles 中「${unknown.map(shown).join('、')}」不是用户角色（可用：${USER_ROLE_NAMES.join('、')}）`,
      );
  }
  const roles = Array.isArray(payload.roles) ? [...new Set(payload.roles as Role[])] : [];
  if (!payload.sub || typeof payload.community !== 'string' || roles.length === 0) {
    throw new UnauthenticatedError('未认证：令牌缺少 sub、community 或 roles');
  }
  if (
    typeof payload.sub !== 'string' ||
    payload.sub.length > MAX_TOKEN_SUBJECT_LENGTH ||
    payload.sub.trim() !== payload.sub ||
    /\p{Cc}/u.test(payload.sub)
  )
    throw new UnauthenticatedError(
      `未认证：令牌的 sub 须为不超过 ${MAX_TOKEN_SUBJECT_LENGTH} 个字符的字符串（不含首尾空白和控制字符）`,
    );
  if (!homeCodeFits(roles, payload.community)) {
    const digits = homeCodeDigitsFor(roles);
    throw new UnauthenticatedError(
      `未认证：令牌的 community「${payload.community}」不是角色 ${roles.join('、')} 的辖区代码（${
        digits.length ? `须为 ${digits.join(' 或 ')} 位数字` : '这些角色不能同在一个令牌中'
      }）`,
    );
  }
  const grids = Array.isArray(payload.grids) ? payload.grids.filter((g): g is string => typeof g === 'string') : [];
  const foreign = foreignGridClaims(grids, [
    ...(COMMUNITY_CODE.test(payload.community) ? [payload.community] : []),
    ...communities,
  ]);
  if (foreign.length > 0)
    throw new UnauthenticatedError(
      `未认证：令牌的 grids 中「${foreign.join('、')}」不是本账号所在社区的网格编码（须为「社区代码-序号」，社区为 community 或 communities 中的社区）`,
    );
  return {
    kind: 'user',
    id: payload.sub,
    name: typeof payload.name === 'string' ? payload.name : payload.sub,
    communityId: payload.community,
    department: typeof payload.department === 'string' ? payload.department : null,
    roles,
    grids,
    ...(communities.length > 0 ? { communities } : {}),
  };
}

async function keyFor(settings: JwtSettings): Promise<Uint8Array | CryptoKey | JWTVerifyGetKey> {
  if (settings.secret) return new TextEncoder().encode(settings.secret);
  if (settings.publicKeyPem) return importSPKI(settings.publicKeyPem, 'RS256');
  if (settings.jwks?.trim().startsWith('{')) return createLocalJWKSet(JSON.parse(settings.jwks) as JSONWebKeySet);
  if (settings.jwks)
    return createRemoteJWKSet(new URL(settings.jwks), {
      cacheMaxAge: 1000 * (settings.recheckSeconds ?? VERIFIED_TOKEN_RECHECK_SECONDS),
    });
  throw new Error('no JWT key configured');
}

export interface TokenClaims {
  sub: string;
  name: string;
  community: string;
  department?: string | null;
  roles: Role[];
  grids?: string[];
  /** Further communities a community or department role is granted for (12-digit codes). */
  communities?: string[];
}

/** Signs an HS256 token (development, tests); production tokens come from the identity provider. */
export async function signHs256Token(
  claims: TokenClaims,
  settings: JwtSettings,
  expiresIn: string | number = '8h',
): Promise<string> {
  if (!settings.secret) throw new Error('signing needs an HS256 secret');
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(settings.secret));
}
