import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDateTime } from './schema-types.js';

export const ServiceNames = ['residents', 'cases', 'partybuilding', 'events'] as const;
export type ServiceName = (typeof ServiceNames)[number];

export const STREAM_NAME = 'SHEQU';
export const SUBJECT_PREFIX = 'shequ';

export const ActorSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('user'), Type.Literal('machine'), Type.Literal('system')], {
      description: '操作者类型：user 用户，machine 机器客户端（区级平台），system 系统（定时任务、种子数据）',
    }),
    id: Id('操作者编号'),
  },
  { description: '操作者（不含姓名等个人信息）' },
);
export type Actor = Static<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system' };

/** Envelope of every domain event (DESIGN §6); `data` is the event's own payload. */
export const EnvelopeSchema = Type.Object(
  {
    id: Id('事件编号（UUIDv7），也是 JetStream 消息去重编号 Nats-Msg-Id'),
    type: Type.String({ description: '事件类型，如 resident.registered' }),
    version: Type.Integer({ minimum: 1, description: '载荷模式版本' }),
    source: Type.Union(
      ServiceNames.map((s) => Type.Literal(s)),
      { description: '发布服务' },
    ),
    subject: Type.String({ description: 'NATS 主题：shequ.<服务>.<聚合>.<事件>' }),
    communityId: Type.String({ description: '社区编码（12 位统计用区划代码）' }),
    occurredAt: IsoDateTime('发生时间'),
    actor: ActorSchema,
    correlationId: Type.String({ description: '关联编号：发起请求的请求编号，贯穿网关→子图→事件' }),
    traceparent: Type.Optional(
      Type.String({
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
        description: '追踪上下文（W3C traceparent）：发布事件时所在的 OpenTelemetry 跨度；可缺省',
      }),
    ),
    aggregateId: Type.String({
      minLength: 1,
      description: '聚合编号：事件所描述的那条记录（如居民编号）；同一聚合的事件按 aggregateVersion 排序',
    }),
    aggregateVersion: Type.Integer({
      minimum: 1,
      description:
        '聚合版本：该记录每变更一次加一（发布方在写发件箱的同一事务中分配）；订阅方只应用比已持有版本更新的事件，' +
        '重投、乱序和重放因此不会让投影倒退',
    }),
    data: Type.Unknown({ description: '事件载荷' }),
  },
  {
    additionalProperties: false,
    description: '领域事件信封：不允许出现以下未列出的字段',
  },
);

export interface EventEnvelope<T = unknown> extends Omit<Static<typeof EnvelopeSchema>, 'data'> {
  data: T;
}
