import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export type WebhookSubscriptionStatus = 'PENDING_APPROVAL' | 'ACTIVE' | 'DISABLED';
export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD';

/**
 * A district platform's webhook: the URL and event types its API key registered. Nothing is delivered until a
 * community admin approves it; the secret signs every delivery (it must be kept to sign, so it is stored as is and
 * shown to the platform once, at registration).
 */
@Entity({ tableName: 'webhook_subscription' })
@Index({ properties: ['communityId', 'status'] })
export class WebhookSubscription {
  [OptionalProps]?: 'status' | 'description' | 'approvedAt' | 'approvedBy' | 'disabledAt' | 'keyExpiresAt';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  /** The API key (its id) that registered it: deliveries follow that key's scopes. */
  @Index()
  @Property({ type: 'string', length: 80 })
  apiKeyId!: string;

  @Property({ type: 'string', length: 500 })
  url!: string;

  @Property({ type: 'json' })
  eventTypes!: string[];

  /** When the registering key expires: nothing is owed or sent after it (null: registered before this was kept). */
  @Property({ type: 'datetime', nullable: true })
  keyExpiresAt: Date | null = null;

  /** The key's scopes at registration: which event types it may receive. */
  @Property({ type: 'json' })
  scopes!: string[];

  @Property({ type: 'string', length: 100, lazy: true })
  secret!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  description: string | null = null;

  @Property({ type: 'string', length: 20 })
  status: WebhookSubscriptionStatus = 'PENDING_APPROVAL';

  @Property({ type: 'datetime' })
  registeredAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  approvedAt: Date | null = null;

  /** Who approved it (the admin's user id). */
  @Property({ type: 'string', length: 80, nullable: true })
  approvedBy: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;
}

/** One event owed to one subscription: sent until it succeeds or runs out of attempts (then DEAD). */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['subscriptionId', 'eventId'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['subscriptionId', 'createdAt'] })
export class WebhookDelivery {
  [OptionalProps]?: 'status' | 'attempts' | 'nextAttemptAt' | 'lockedUntil' | 'deliveredAt' | 'lastError';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 36 })
  subscriptionId!: string;

  @Property({ type: 'string', length: 36 })
  eventId!: string;

  @Property({ type: 'string', length: 80 })
  eventType!: string;

  /** The JSON body sent (the envelope as the key's scopes allow), signed anew at every attempt. */
  @Property({ type: 'text', lazy: true })
  body!: string;

  @Property({ type: 'string', length: 12 })
  status: WebhookDeliveryStatus = 'PENDING';

  /** Failed attempts since it was created or last redelivered on request. */
  @Property({ type: 'integer' })
  attempts: number = 0;

  /** When it is due (PENDING only). */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  /** A dispatcher has claimed it until then (another replica, or this one after a crash, takes it after). */
  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  lastError: string | null = null;
}

/** The log of a delivery: one row per attempt. */
@Entity({ tableName: 'webhook_delivery_attempt' })
@Index({ properties: ['deliveryId', 'number'] })
export class WebhookDeliveryAttempt {
  [OptionalProps]?: 'statusCode' | 'error';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  deliveryId!: string;

  /** 1, 2, … over the delivery's whole life (redeliveries continue the count). */
  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'datetime' })
  attemptedAt!: Date;

  @Property({ type: 'integer' })
  durationMs!: number;

  /** The receiver's HTTP status (null when no answer came: refused, timed out). */
  @Property({ type: 'integer', nullable: true })
  statusCode: number | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  error: string | null = null;

  @Property({ type: 'boolean' })
  succeeded!: boolean;
}

/** The tables a service that offers webhooks adds to its entity list (and generates migrations for). */
export const webhookEntities = [WebhookSubscription, WebhookDelivery, WebhookDeliveryAttempt];
