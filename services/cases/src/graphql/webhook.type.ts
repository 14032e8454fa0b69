import { Field, ID, Int, ObjectType } from 'type-graphql';
import { WebhookDeliveryStatusEnum, WebhookSubscriptionStatusEnum } from './enums.js';

@ObjectType('WebhookSubscription', {
  description: '区级平台的 Webhook 订阅：回调地址与事件类型；社区管理员批准后才推送',
})
export class WebhookSubscriptionType {
  @Field(() => ID, { description: '订阅编号' })
  id!: string;

  @Field({ description: '社区编码' })
  communityId!: string;

  @Field({ description: '登记它的 API 密钥编号（推送内容按该密钥的范围）' })
  apiKeyId!: string;

  @Field({ description: '回调地址（http 或 https）' })
  url!: string;

  @Field(() => [String], { description: '订阅的事件类型，如 case.opened' })
  eventTypes!: string[];

  @Field(() => String, { nullable: true, description: '说明' })
  description!: string | null;

  @Field(() => WebhookSubscriptionStatusEnum, { description: '状态' })
  status!: string;

  @Field({ description: '登记时间' })
  registeredAt!: Date;

  @Field(() => Date, { nullable: true, description: '批准时间' })
  approvedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: '停用时间' })
  disabledAt!: Date | null;

  @Field(() => Date, { nullable: true, description: '登记它的 API 密钥的到期时间（到期后不再推送，订阅停用）' })
  keyExpiresAt!: Date | null;
}

@ObjectType('WebhookDelivery', { description: '一次事件推送：一个事件对一个订阅，失败按指数退避重试' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: '推送编号（请求头 X-Shequ-Delivery-Id）' })
  id!: string;

  @Field(() => ID, { description: '事件编号（请求头 X-Shequ-Event-Id，接收方据此去重）' })
  eventId!: string;

  @Field({ description: '事件类型' })
  eventType!: string;

  @Field(() => WebhookDeliveryStatusEnum, { description: '状态' })
  status!: string;

  @Field(() => Int, { description: '本轮已失败的次数（请求重新推送后从零计）' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: '下次尝试时间（待推送时）' })
  nextAttemptAt!: Date | null;

  @Field({ description: '产生时间' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: '送达时间' })
  deliveredAt!: Date | null;

  @Field(() => String, { nullable: true, description: '最近一次失败的原因' })
  lastError!: string | null;
}

@ObjectType('WebhookDeliveryAttempt', { description: '推送日志：一次尝试' })
export class WebhookDeliveryAttemptType {
  @Field(() => Int, { description: '第几次尝试（重新推送后接着计数）' })
  number!: number;

  @Field({ description: '尝试时间' })
  attemptedAt!: Date;

  @Field(() => Int, { description: '耗时（毫秒）' })
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: '接收方的 HTTP 状态码（无应答时为空）' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: '失败原因（超时、连接被拒、非 2xx 状态码）' })
  error!: string | null;

  @Field({ description: '是否成功（2xx）' })
  succeeded!: boolean;
}
