import type { WebhookSubscription } from './webhook-entities.js';

/** True once the key that registered the subscription has expired. */
export const keyHasExpired = (subscription: WebhookSubscription, now: Date): boolean =>
  subscription.keyExpiresAt !== null && subscription.keyExpiresAt.getTime() <= now.getTime();

/** An expired key's webhooks stop with it, as a revoked key's do. */
export function disableExpired(subscription: WebhookSubscription, now: Date): void {
  subscription.status = 'DISABLED';
  subscription.disabledAt = now;
}
