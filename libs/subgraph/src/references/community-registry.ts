import type { EntityManager } from '@mikro-orm/core';
import type { AfterCommit } from '@shequ/database';
import { ReferenceProjection } from './reference-projection.js';

/**
 * Which places are registered (社区入驻, 街道登记), as a service knows them: residents from its own `community`,
 * `street` and `district` tables, the other services from their reference projection (`street.registered`,
 * `community.registered`, the demo seed). A write in a community goes through `ctx.transaction`, which refuses one not
 * registered: a street admin naming any 12-digit code of its street in X-Shequ-Community writes nothing. A token or
 * API key whose home (`community` claim, `communities`) is not a registered place is refused before any resolver runs
 * (`requireRegisteredHome`).
 */
export interface CommunityRegistry {
  /** The service holds the registry itself (residents): an unknown community is final, never "not yet synced". */
  authoritative?: boolean;
  isRegistered(em: EntityManager, communityId: string): Promise<boolean>;
  /**
   * Whether a region is registered: a street (9 digits) registered, or a district (6) with a street registered in it
   * (a district exists from its first street on).
   */
  isRegisteredRegion(em: EntityManager, code: string): Promise<boolean>;
}

/** The registry of a service that learns communities from residents' events (its reference projection). */
export const referenceProjectionCommunities: CommunityRegistry = {
  async isRegistered(em, communityId) {
    return (await em.count(ReferenceProjection, { kind: 'COMMUNITY', id: communityId })) > 0;
  },
  async isRegisteredRegion(em, code) {
    // a street is known from its own event or from a community of it (seeds and projections kept before streets
    // were projected know the communities only); a district from a street or a community in it
    const known =
      code.length === 9
        ? await em.count(ReferenceProjection, {
            $or: [
              { kind: 'STREET', id: code },
              { kind: 'COMMUNITY', parentId: code },
            ],
          })
        : await em.count(ReferenceProjection, {
            $or: [
              { kind: 'STREET', parentId: code },
              { kind: 'COMMUNITY', id: { $like: `${code}%` } },
            ],
          });
    return known > 0;
  },
};

/** What a service asks of its registry, remembering the places found (a place is never deleted). */
export interface RememberedRegistry {
  /** Whether a community (12 digits) is registered. */
  registered(em: EntityManager, communityId: string): Promise<boolean>;
  /**
   * Whether a community (12 digits), street (9) or district (6) is registered; `em` is made only when the place is
   * not remembered yet (every request of every service asks: a remembered place costs no EntityManager).
   */
  placeRegistered(em: () => EntityManager, code: string): Promise<boolean>;
  authoritative: boolean;
}

/**
 * `isRegistered` and `isRegisteredRegion` remembering the places found (a place is never deleted), so a request asks
 * the database once per place and process. A place found inside a transaction (a consumer's batch that has just
 * applied `community.registered`, asking for the events after it) is remembered only once that transaction commits
 * (`afterCommit`): were the batch rolled back, the place would be remembered while no row of it exists, and writes in
 * a community this service does not hold would pass the check. Without `afterCommit` such a place is not remembered
 * (asked again next time).
 */
export function rememberRegisteredCommunities(
  registry: CommunityRegistry,
  afterCommit?: Pick<AfterCommit, 'run'>,
): RememberedRegistry {
  const known = new Set<string>();
  const learn = (code: string) => () => known.add(code);
  const remembered = async (code: string, ask: () => Promise<boolean>, em?: EntityManager) => {
    if (known.has(code)) return true;
    const registered = await ask();
    if (registered) {
      if (!em?.isInTransaction()) known.add(code);
      else afterCommit?.run(em, learn(code));
    }
    return registered;
  };
  return {
    authoritative: registry.authoritative ?? false,
    registered: (em, communityId) => remembered(communityId, () => registry.isRegistered(em, communityId), em),
    // `em` is made here, in no transaction: what it finds is committed
    placeRegistered: (em, code) =>
      remembered(code, () =>
        code.length === 12 ? registry.isRegistered(em(), code) : registry.isRegisteredRegion(em(), code),
      ),
  };
}
