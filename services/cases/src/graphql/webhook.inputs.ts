import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { WebhookDeliveryType, WebhookSubscriptionType } from './webhook.type.js';

@InputType('RegisterWebhookInput', { description: '登记 Webhook（区级平台用 API 密钥调用）' })
export class RegisterWebhookInput {
  @Field({ description: '回调地址：只接受 http/https，不得含用户名密码，不得指向本机或内网' })
  url!: string;

  @Field(() => [String], {
    description: '要推送的事件类型（AsyncAPI 文档中的 type，如 case.opened）；每种须在密钥范围之内',
  })
  eventTypes!: string[];

  @Field(() => String, { nullable: true, description: '说明（如对接的系统）' })
  description?: string | null;
}

@InputType('WebhookSubscriptionIdInput', { description: '指定一个 Webhook 订阅' })
export class WebhookSubscriptionIdInput {
  @Field(() => ID, { description: '订阅编号' })
  id!: string;
}

@InputType('RedeliverWebhookDeliveryInput', { description: '请求重新推送' })
export class RedeliverWebhookDeliveryInput {
  @Field(() => ID, { description: '推送编号' })
  deliveryId!: string;
}

@ObjectType('RegisterWebhookPayload', { description: '登记 Webhook 的结果' })
export class RegisterWebhookPayload {
  @Field(() => WebhookSubscriptionType, { description: '订阅（待社区管理员批准）' })
  subscription!: WebhookSubscriptionType;

  @Field({ description: '签名密钥（whsec_…）：只在此显示一次，用来校验 X-Shequ-Signature，请妥善保存' })
  secret!: string;
}

@ObjectType('WebhookSubscriptionPayload', { description: '变更 Webhook 订阅的结果' })
export class WebhookSubscriptionPayload {
  @Field(() => WebhookSubscriptionType, { description: '订阅' })
  subscription!: WebhookSubscriptionType;
}

@ObjectType('RedeliverWebhookDeliveryPayload', { description: '请求重新推送的结果' })
export class RedeliverWebhookDeliveryPayload {
  @Field(() => WebhookDeliveryType, { description: '推送（待推送，立即到期）' })
  delivery!: WebhookDeliveryType;
}
