import { EnvelopeSchema, STREAM_NAME } from '../envelope.js';
import type { EventDefinition } from '../define-event.js';
import { PLATFORM_NATS_USER, inboxPrefixOf } from '../bus-access/nats-permissions.js';

/** The publishing services, as the document's tags (each operation carries its service's tag). */
const SERVICE_TAGS = [
  { name: 'residents', description: '居民服务：一标三实（人、户、楼、网格、单位）' },
  { name: 'cases', description: '社情民意服务：事项登记、分派、办理、反馈与主动服务' },
  { name: 'partybuilding', description: '党建服务：党组织、党员、三会一课、流动红旗岗' },
  { name: 'events', description: '文化活动服务：场地、团队、活动、报名与志愿服务' },
] as const;

/**
 * The event catalogue as an AsyncAPI 2.6 document, for district platforms that subscribe to the stream.
 * Validated by the official @asyncapi/parser in the tests: no errors and no warnings but the version notice.
 */
export function asyncApiDocument(events: readonly EventDefinition[]): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  for (const event of events) {
    const { data: _data, ...envelopeProps } = EnvelopeSchema.properties;
    channels[event.subject] = {
      description: event.description,
      subscribe: {
        operationId: `on_${event.source}_${event.type.replace(/\./g, '_')}`,
        summary: event.description,
        tags: [{ name: event.source }],
        message: {
          // unique across services: the audit event pii_read has the same type in all four
          messageId: `${event.source}.${event.type}`,
          name: event.type,
          title: event.description,
          contentType: 'application/json',
          headers: {
            type: 'object',
            properties: { 'Nats-Msg-Id': { type: 'string', description: '与事件编号 id 相同，用于 JetStream 去重' } },
          },
          payload: {
            type: 'object',
            description: EnvelopeSchema.description,
            // the services reject an envelope with any other field; the document says the same
            additionalProperties: false,
            required: [...EnvelopeSchema.required],
            properties: {
              ...envelopeProps,
              type: { type: 'string', const: event.type, description: '事件类型' },
              version: { type: 'integer', const: event.version, description: '载荷模式版本' },
              source: { type: 'string', const: event.source, description: '发布服务' },
              subject: { type: 'string', const: event.subject, description: 'NATS 主题' },
              aggregateId: {
                ...EnvelopeSchema.properties.aggregateId,
                description: `${EnvelopeSchema.properties.aggregateId.description}；本事件取载荷中 ${event.aggregateIdFields.join('、')}（多个时以 : 连接）`,
              },
              data: event.data,
            },
          },
        },
      },
    };
  }
  return {
    asyncapi: '2.6.0',
    id: 'urn:shequ-graph:domain-events',
    info: {
      title: '社区图谱领域事件（Shequ Graph domain events）',
      version: '1.0.0',
      description:
        `所有服务通过发件箱把领域事件发布到 NATS JetStream 流 ${STREAM_NAME}（主题 shequ.>，文件存储）。` +
        '去重：每条消息的 Nats-Msg-Id 等于事件编号 id；服务器在两分钟去重窗口内丢弃重复发布，发布方重启或重连后先读取流中本服务已发布的消息、不再补发已在流中的事件（与故障时长无关）；' +
        '死信重放会以新的 Nats-Msg-Id 再次发布同一事件：订阅方应记录已处理的事件编号（信封 id），相同编号只处理一次。' +
        '顺序：同一条记录（aggregateId）的事件带递增的 aggregateVersion；JetStream 重投或重放时可能乱序到达，' +
        '订阅方为每条记录保存已应用的最大版本，只应用版本更大的事件（版本不连续是正常的：版本按记录计数，跨事件类型）。' +
        '信封不允许出现未列出的字段（additionalProperties: false）。' +
        '载荷只含编号、地点和类别，不含姓名、身份证号、电话等个人信息。' +
        `区级平台以只读用户 ${PLATFORM_NATS_USER} 连接（用户名与密码由部署方发放，npm start 写入 .data/nats-platform.json）：` +
        '可在本目录的主题（shequ.<服务>.<聚合>.>）上创建拉取消费者（JetStream API 主题中带过滤主题）、拉取并确认消息；' +
        '不能发布任何消息，不能读取审计主题 shequ.*.audit.> 和密钥登记主题 shequ.residents.api_key.>。' +
        `回复收件箱前缀为 ${inboxPrefixOf(PLATFORM_NATS_USER)}（或 _INBOX）。`,
      // placeholders under the reserved .example domain: a deployment publishes its own contact
      contact: { name: '社区图谱维护组', url: 'https://shequ.example/events', email: 'events@shequ.example' },
      license: { name: '仅供部署方内部使用（未开源）' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        url: 'nats://127.0.0.1:4222',
        protocol: 'nats',
        description: '本机 nats-server（npm start 启动，需认证）',
        security: [{ natsUser: [] }],
      },
    },
    components: {
      securitySchemes: {
        natsUser: {
          type: 'userPassword',
          description: `NATS 用户名与密码：每个服务各有一个只能发布本服务主题的用户；区级平台使用只读用户 ${PLATFORM_NATS_USER}`,
        },
      },
    },
    tags: SERVICE_TAGS.map((tag) => ({ ...tag })),
    channels,
  };
}
