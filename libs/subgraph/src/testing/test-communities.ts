import type { EntityManager } from '@mikro-orm/core';
import { applyReferenceFacts } from '../references/apply-reference.js';
import { referenceProjectionCommunities, type CommunityRegistry } from '../references/community-registry.js';

/** Registers a community directly in a test database, as its registration (社区入驻) would. */
export type TestCommunityRegistration = (em: EntityManager, communityId: string) => Promise<void>;

const registrations = new Map<CommunityRegistry, TestCommunityRegistration>([
  [
    referenceProjectionCommunities,
    // what residents' community.registered leaves in a service's reference projection
    async (em, communityId) => {
      await applyReferenceFacts(em, {
        kind: 'COMMUNITY',
        id: communityId,
        communityId,
        parentId: communityId.slice(0, 9),
        occurredAt: new Date(0),
      });
    },
  ],
]);

/**
 * Tests only: how `startTestSubgraph` registers its `registeredCommunities` in a service holding `registry`. The
 * services that learn communities from residents' events need nothing (the reference projection's registration is
 * here); residents, which holds the registry itself, declares its own in a test setup file. Production code has no
 * way to register a community but the real one (`registerCommunity`).
 */
export function useTestCommunityRegistration(registry: CommunityRegistry, register: TestCommunityRegistration): void {
  registrations.set(registry, register);
}

export function testCommunityRegistration(registry: CommunityRegistry): TestCommunityRegistration {
  const register = registrations.get(registry);
  if (!register)
    throw new Error(
      'No test registration of communities for this service’s registry: declare one with useTestCommunityRegistration ' +
        '(a test setup file), or pass registeredCommunities: [] to startTestSubgraph',
    );
  return register;
}
