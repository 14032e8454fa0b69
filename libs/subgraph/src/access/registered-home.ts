import type { EntityManager } from '@mikro-orm/core';
import type { Principal } from '@shequ/auth';
import { ReferenceNotSyncedError, UnauthenticatedError } from '@shequ/errors';
import type { RememberedRegistry } from '../references/community-registry.js';

/**
 * The places a credential names as its home that must be registered: a token's `community` claim and its further
 * `communities`, an API key's community. A district admin's district code is the one exception: the district comes
 * into being with its first street, which that admin registers (`registerStreet`), so it cannot be asked to exist
 * first.
 */
export function homePlacesOf(principal: Principal): string[] {
  if (principal.kind === 'anonymous') return [];
  if (principal.kind === 'machine') return [principal.communityId];
  const home =
    principal.communityId.length === 6 && principal.roles.includes('district_admin') ? [] : [principal.communityId];
  return [...home, ...(principal.communities ?? [])];
}

/**
 * Refuses a credential whose home is not a registered place (a token issued for a community never onboarded, or a
 * mistyped code): `UNAUTHENTICATED` — like a claim of the wrong shape (`HOME_CODE_DIGITS`), the credential names no
 * caller this platform has, and only a new one from the identity provider (or the place's registration) helps;
 * reading with it would find nothing and writing would fail later with a confusing error. A service learning places
 * from residents' events while it is still catching up answers `NOT_YET_SYNCED` instead (retryable), so a community
 * onboarded at 10:00 works at 10:01. Registered places are remembered: one look-up per place and process, and a
 * request for a remembered place forks no EntityManager (`em` is called only to look a place up).
 */
export async function requireRegisteredHome(
  principal: Principal,
  registry: RememberedRegistry,
  em: () => EntityManager,
  referenceSync?: { catchingUp(): Promise<boolean> },
): Promise<void> {
  for (const code of homePlacesOf(principal)) {
    if (await registry.placeRegistered(em, code)) continue;
    const what = code.length === 12 ? '社区' : code.length === 9 ? '街道' : '区';
    const claim = principal.kind === 'machine' ? 'API 密钥所属社区' : '令牌的 community/communities 声明';
    if (!registry.authoritative && (await referenceSync?.catchingUp()))
      throw new ReferenceNotSyncedError('community', `${claim}中的${what} ${code} 本服务尚未同步，请稍后重试`);
    throw new UnauthenticatedError(
      `未认证：${claim}中的${what} ${code} 尚未登记（须先由街道或区级管理员登记入驻），请向身份提供方核实账号所属辖区`,
    );
  }
}
