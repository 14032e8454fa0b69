import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  approveWebhook,
  connectionType,
  disableWebhook,
  PageArgs,
  paginate,
  redeliverWebhookDelivery,
  registerWebhook,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookSubscription,
  webhookSubscriptionWhere,
  type SubgraphContext,
} from '@shequ/subgraph';
import {
  RedeliverWebhookDeliveryInput,
  RedeliverWebhookDeliveryPayload,
  RegisterWebhookInput,
  RegisterWebhookPayload,
  WebhookSubscriptionIdInput,
  WebhookSubscriptionPayload,
} from './webhook.inputs.js';
import { WebhookDeliveryAttemptType, WebhookDeliveryType, WebhookSubscriptionType } from './webhook.type.js';

export const WebhookSubscriptionConnection = connectionType(
  WebhookSubscriptionType,
  'WebhookSubscription',
  'Webhook 订阅',
);
export const WebhookDeliveryConnection = connectionType(WebhookDeliveryType, 'WebhookDelivery', 'Webhook 推送');

@Resolver(() => WebhookSubscriptionType)
export class WebhookSubscriptionResolver {
  @Query(() => WebhookSubscriptionConnection, {
    description: 'Webhook 订阅及其推送日志（区级平台的 API 密钥只见自己登记的；社区管理员需 apikeys:manage）',
  })
  async webhookSubscriptions(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return paginate(ctx.em, WebhookSubscription, webhookSubscriptionWhere(ctx), page);
  }

  @Mutation(() => RegisterWebhookPayload, {
    description:
      '登记 Webhook（区级平台用 API 密钥）：事件类型须在密钥范围内；返回只显示一次的签名密钥；社区管理员批准后才推送',
  })
  async registerWebhook(
    @Arg('input', () => RegisterWebhookInput, { description: '回调地址与事件类型' }) input: RegisterWebhookInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return registerWebhook(ctx, input);
  }

  @Mutation(() => WebhookSubscriptionPayload, {
    description: '批准 Webhook 订阅（社区管理员，需 apikeys:manage）：此后发生的事件开始推送',
  })
  async approveWebhook(
    @Arg('input', () => WebhookSubscriptionIdInput, { description: '订阅' }) input: WebhookSubscriptionIdInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return { subscription: await approveWebhook(ctx, input.id) };
  }

  @Mutation(() => WebhookSubscriptionPayload, {
    description: '停用 Webhook 订阅（登记它的密钥或社区管理员）：不再推送，待推送的也不再发出',
  })
  async disableWebhook(
    @Arg('input', () => WebhookSubscriptionIdInput, { description: '订阅' }) input: WebhookSubscriptionIdInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return { subscription: await disableWebhook(ctx, input.id) };
  }

  @Mutation(() => RedeliverWebhookDeliveryPayload, {
    description: '重新推送（死信或已送达的推送；登记它的密钥或社区管理员）：立即到期，重新计算尝试次数',
  })
  async redeliverWebhookDelivery(
    @Arg('input', () => RedeliverWebhookDeliveryInput, { description: '推送' }) input: RedeliverWebhookDeliveryInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return { delivery: await redeliverWebhookDelivery(ctx, input.deliveryId) };
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: '推送（最新的在前）' })
  async deliveries(@Root() subscription: WebhookSubscription, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return paginate(ctx.em, WebhookDelivery, { subscriptionId: subscription.id }, page, {
      createdAt: 'desc',
      id: 'desc',
    });
  }
}

@Resolver(() => WebhookDeliveryType)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookDeliveryAttemptType], { description: '推送日志：每次尝试（按次序，最多 first 条）' })
  async attemptLog(
    @Root() delivery: WebhookDelivery,
    @Arg('first', () => Int, { defaultValue: 20, description: '最多返回几次尝试（1–100）' }) first: number,
    @Ctx() ctx: SubgraphContext,
  ) {
    return ctx.loaders
      .manyBy(WebhookDeliveryAttempt, 'deliveryId', { orderBy: { number: 'asc' } })
      .load(delivery.id)
      .then((attempts) => attempts.slice(0, Math.min(Math.max(first, 1), 100)));
  }
}
