import { MACHINE_SCOPES, type Permission } from '@shequ/auth';
import { InvalidInputError } from '@shequ/errors';

/** Longest a key lives (the event stream keeps the registry's events a year). */
export const MAX_KEY_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Scopes a key may carry: known machine scopes, at least one, no duplicates. */
export function checkScopes(scopes: string[]): Permission[] {
  if (scopes.length === 0) throw new InvalidInputError('input.scopes', '至少需要一个权限范围');
  for (const scope of scopes) {
    if (!(MACHINE_SCOPES as readonly string[]).includes(scope)) {
      throw new InvalidInputError(
        'input.scopes',
        `未知或不允许的权限范围 ${scope}；可用：${MACHINE_SCOPES.join('、')}`,
      );
    }
  }
  return [...new Set(scopes)] as Permission[];
}

export function expiryOf(now: Date, validDays: number | null | undefined): Date {
  const days = validDays ?? MAX_KEY_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_KEY_DAYS) {
    throw new InvalidInputError('input.validDays', `有效天数须为 1 到 ${MAX_KEY_DAYS} 之间的整数，收到 ${days}`);
  }
  return new Date(now.getTime() + days * DAY_MS);
}

export type ApiKeyStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED';

export function keyStatus(key: { revokedAt: Date | null; expiresAt: Date }, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'REVOKED';
  return key.expiresAt <= now ? 'EXPIRED' : 'ACTIVE';
}
