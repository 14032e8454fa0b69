import type { EntityManager } from '@mikro-orm/core';
import { ReferenceProjection } from './reference-projection.js';

/**
 * Which communities are registered (社区入驻), as a service knows them: residents from its own `community` table,
 * the other services from their reference projection (`community.registered`, the demo seed). A write in a
 * community goes through `ctx.transaction`, which refuses one not registered: a street admin naming any 12-digit code
 * of its street in X-Shequ-Community, or a token for a community that was never onboarded, writes nothing.
 */
export interface CommunityRegistry {
  /** The service holds the registry itself (residents): an unknown community is final, never "not yet synced". */
  authoritative?: boolean;
  isRegistered(em: EntityManager, communityId: string): Promise<boolean>;
}

/** The registry of a service that learns communities from residents' events (its reference projection). */
export const referenceProjectionCommunities: CommunityRegistry = {
  async isRegistered(em, communityId) {
    return (await em.count(ReferenceProjection, { kind: 'COMMUNITY', id: communityId })) > 0;
  },
};

/**
 * `isRegistered` remembering the communities found (a community is never deleted), so a write asks the database
 * once per community and process.
 */
export function rememberRegisteredCommunities(registry: CommunityRegistry): {
  registered(em: EntityManager, communityId: string): Promise<boolean>;
  authoritative: boolean;
} {
  const known = new Set<string>();
  return {
    authoritative: registry.authoritative ?? false,
    async registered(em, communityId) {
      if (known.has(communityId)) return true;
      const registered = await registry.isRegistered(em, communityId);
      if (registered) known.add(communityId);
      return registered;
    },
  };
}
