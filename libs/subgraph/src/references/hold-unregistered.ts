import { COMMUNITY_CODE } from '@shequ/auth';
import { CommunityRegistered, StreetRegistered } from '@shequ/contracts';
import type { EventConsumer } from '@shequ/messaging';
import type { RememberedRegistry } from './community-registry.js';

/**
 * Residents' events about a community this service does not know registered are held back, by every purpose that
 * reads them (the reference projection, the domain's projections, webhooks): not applied, delivered again after a
 * growing pause, and dead-lettered with the reason after the purpose's deliveries (then replayable). Residents writes
 * nothing in a community before registering it, and a durable reads residents' stream in order, so `community.registered`
 * normally comes first — also in the same batch, where the reference projection (the first purpose) applies it before
 * the events after it are asked. An event of an unknown community is therefore out of order (a partial replay, a
 * restored stream) or from no real registration: projecting it would make records the service refuses writes for and
 * that no caller's token can reach. A service holding the registry itself (residents) is not gated.
 */
export function holdEventsOfUnregisteredCommunities(
  consumers: readonly EventConsumer[],
  communities: Pick<RememberedRegistry, 'registered' | 'authoritative'>,
): void {
  if (communities.authoritative) return;
  const places = new Set([CommunityRegistered.type, StreetRegistered.type]);
  for (const consumer of consumers) {
    if (consumer.settings.source !== 'residents') continue;
    consumer.hold = async (em, event) => {
      if (places.has(event.type) || !COMMUNITY_CODE.test(event.communityId)) return undefined;
      if (await communities.registered(em, event.communityId)) return undefined;
      return `community ${event.communityId} is not registered here (community.registered not applied yet): held`;
    };
  }
}
