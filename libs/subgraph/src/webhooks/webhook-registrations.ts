import type { FilterQuery } from '@mikro-orm/core';
import { labelOf } from '@shequ/contracts';
import { PERMISSIONS, type Permission } from '@shequ/auth';
import { newId } from '@shequ/database';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@shequ/errors';
import { communityWhere, inCommunityScope } from '../access/community-scope.js';
import type { SubgraphContext } from '../context.js';
import { scopeForWebhookEvent, webhookEvent } from './webhook-event-types.js';
import { WebhookDelivery, WebhookSubscription } from './webhook-entities.js';
import { webhookSettingsFromEnv } from './webhook-settings.js';
import { generateWebhookSecret } from './webhook-signature.js';
import { webhookUrlProblem } from './webhook-target.js';
import { WebhookDeliveryStatuses, WebhookSubscriptionStatuses } from './webhook-vocabularies.js';

export interface WebhookRegistration {
  url: string;
  eventTypes: string[];
  description?: string | null;
}

/** Checks a registration against the key's scopes; throws BAD_USER_INPUT naming the field. */
function checkRegistration(input: WebhookRegistration, scopes: readonly string[]): void {
  const problem = webhookUrlProblem(input.url.trim(), { allowPrivate: webhookSettingsFromEnv().allowPrivateTargets });
  if (problem) throw new InvalidInputError('url', problem);
  if (input.eventTypes.length === 0) throw new InvalidInputError('eventTypes', '请至少选择一种事件类型');
  if (input.eventTypes.length > 100) throw new InvalidInputError('eventTypes', '事件类型最多 100 种');
  for (const requested of input.eventTypes) {
    const event = webhookEvent(requested);
    if (!event)
      throw new InvalidInputError(
        'eventTypes',
        `未知的事件类型「${requested}」：可订阅的类型见 AsyncAPI 文档（如 case.opened、grid.registered）`,
      );
    const scope: Permission = scopeForWebhookEvent(event);
    if (!scopes.includes(scope))
      throw new InvalidInputError(
        'eventTypes',
        `事件类型「${requested}」（${event.description}）需要密钥范围 ${scope}（${PERMISSIONS[scope]}）`,
      );
  }
  if ((input.description ?? '').length > 200) throw new InvalidInputError('description', '说明不能超过 200 个字符');
}

/**
 * A district platform registers a webhook with its API key: checked (URL, event types against the key's scopes),
 * stored as waiting for approval, with a new secret returned once. Nothing is written on bad input.
 */
export async function registerWebhook(
  ctx: SubgraphContext,
  input: WebhookRegistration,
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const principal = ctx.principal;
  if (principal.kind !== 'machine')
    throw new ForbiddenError('apikey', '没有权限：Webhook 只能由区级平台用自己的 API 密钥登记');
  checkRegistration(input, principal.scopes);
  const secret = generateWebhookSecret();
  const subscription = await ctx.transaction(async ({ em }) => {
    const created = em.create(WebhookSubscription, {
      id: newId(),
      communityId: principal.communityId,
      apiKeyId: principal.id,
      url: input.url.trim(),
      eventTypes: [...new Set(input.eventTypes)],
      scopes: [...principal.scopes],
      keyExpiresAt: principal.expiresAt ?? null,
      secret,
      description: input.description?.trim() || null,
      registeredAt: ctx.clock.now(),
    });
    em.persist(created);
    return created;
  });
  return { subscription, secret };
}

/** Subscriptions the caller may see: a key its own, a community admin (apikeys:manage) those of its communities. */
export function webhookSubscriptionWhere(ctx: SubgraphContext): FilterQuery<WebhookSubscription> {
  if (ctx.principal.kind === 'machine') return { apiKeyId: ctx.principal.id };
  ctx.access.require('apikeys:manage');
  return communityWhere(ctx.access);
}

async function visibleSubscription(ctx: SubgraphContext, id: string, field: string): Promise<WebhookSubscription> {
  const found = await ctx.em.fork().findOne(WebhookSubscription, { $and: [{ id }, webhookSubscriptionWhere(ctx)] });
  if (!found) throw new NotFoundError('Webhook 订阅', id, `${field}：Webhook 订阅 ${id} 不存在或不在您的范围内`);
  return found;
}

/** A delivery of a subscription the caller may see; one refusal, naming only the id given, for any other. */
async function visibleDelivery(ctx: SubgraphContext, deliveryId: string): Promise<WebhookSubscription> {
  const delivery = await ctx.em.fork().findOne(WebhookDelivery, { id: deliveryId });
  const subscription =
    delivery &&
    (await ctx.em
      .fork()
      .findOne(WebhookSubscription, { $and: [{ id: delivery.subscriptionId }, webhookSubscriptionWhere(ctx)] }));
  if (!subscription)
    throw new NotFoundError('Webhook 推送', deliveryId, `deliveryId：推送 ${deliveryId} 不存在或不在您的范围内`);
  return subscription;
}

/** A community admin approves a registration of its community: deliveries start with the next events. */
export async function approveWebhook(ctx: SubgraphContext, id: string): Promise<WebhookSubscription> {
  ctx.access.require('apikeys:manage');
  if (ctx.principal.kind !== 'user')
    throw new ForbiddenError('apikeys:manage', '没有权限：Webhook 须由社区管理员本人批准');
  const principal = ctx.principal;
  return ctx.transaction(async ({ em }) => {
    const subscription = await em.findOne(WebhookSubscription, { id });
    if (!subscription || !inCommunityScope(ctx.access, subscription.communityId))
      throw new NotFoundError('Webhook 订阅', id, `id：Webhook 订阅 ${id} 不存在或不在您的范围内`);
    if (subscription.status !== 'PENDING_APPROVAL')
      throw new ConflictError(
        `只能批准待批准的订阅：当前状态为「${labelOf(WebhookSubscriptionStatuses, subscription.status)}」`,
      );
    subscription.status = 'ACTIVE';
    subscription.approvedAt = ctx.clock.now();
    subscription.approvedBy = principal.id;
    return subscription;
  });
}

/** The platform itself or a community admin stops a webhook: nothing more is sent, pending deliveries included. */
export async function disableWebhook(ctx: SubgraphContext, id: string): Promise<WebhookSubscription> {
  await visibleSubscription(ctx, id, 'id');
  return ctx.transaction(async ({ em }) => {
    const subscription = await em.findOneOrFail(WebhookSubscription, { id });
    if (subscription.status === 'DISABLED')
      throw new ConflictError(`订阅已是「${labelOf(WebhookSubscriptionStatuses, subscription.status)}」`);
    subscription.status = 'DISABLED';
    subscription.disabledAt = ctx.clock.now();
    return subscription;
  });
}

/**
 * Sends a delivery again on request (a dead letter once the receiver is fixed, or a delivered one the platform lost):
 * due at once, with a fresh count of attempts; its log continues.
 */
export async function redeliverWebhookDelivery(ctx: SubgraphContext, deliveryId: string): Promise<WebhookDelivery> {
  // a delivery of another community's subscription is refused as one that does not exist (no existence oracle)
  const subscription = await visibleDelivery(ctx, deliveryId);
  if (subscription.status !== 'ACTIVE')
    throw new ConflictError(`订阅当前为「${labelOf(WebhookSubscriptionStatuses, subscription.status)}」，不能重新推送`);
  return ctx.transaction(async ({ em }) => {
    const current = await em.findOneOrFail(WebhookDelivery, { id: deliveryId });
    if (current.status === 'PENDING')
      throw new ConflictError(`推送正「${labelOf(WebhookDeliveryStatuses, current.status)}」，无需重新推送`);
    current.status = 'PENDING';
    current.attempts = 0;
    current.nextAttemptAt = new Date();
    current.lockedUntil = null;
    return current;
  });
}
