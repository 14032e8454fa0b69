import { EnvelopeSchema, STREAM_NAME } from '../envelope.js';
import type { EventDefinition } from '../define-event.js';
import { PLATFORM_NATS_USER, inboxPrefixOf } from '../bus-access/nats-permissions.js';
import { AGGREGATE_SCOPES, DEFAULT_PLATFORM_SCOPES, scopesToRead } from '../bus-access/aggregate-scopes.js';

/** What a channel's description says the platform user must be granted to read it (aggregate-scopes.ts). */
function platformScopesNote(event: EventDefinition): string {
  if (!Object.hasOwn(AGGREGATE_SCOPES, event.aggregate)) return '（区级平台不可读取）';
  return `（区级平台读取须被授予范围：${scopesToRead(event.aggregate).join('、')}）`;
}

/** The publishing services, as the document's tags (each operation carries its service's tag). */
const SERVICE_TAGS = [
  { name: 'residents', description: '居民服务：一标三实（人、户、楼、网格、单位）' },
  { name: 'cases', description: '社情民意服务：事项登记、分派、办理、反馈与主动服务' },
  { name: 'partybuilding', description: '党建服务：党组织、党员、三会一课、流动红旗岗' },
  { name: 'events', description: '文化活动服务：场地、团队、活动、报名与志愿服务' },
] as const;

/** The key of an event's channel and operation: `<service>_<aggregate>_<name>` (AsyncAPI 3 ids are word characters). */
const channelIdOf = (event: EventDefinition) => `${event.source}_${event.type.replace(/\./g, '_')}`;

/**
 * The message id of an event: `<service>.<type>`, unique across services (the audit event pii_read has the same
 * type in all four); the key of the message in `components.messages`.
 */
export const messageIdOf = (event: EventDefinition) => `${event.source}.${event.type}`;

/** The envelope of one event as its message payload: the envelope schema with this event's constants and data. */
function payloadOf(event: EventDefinition): Record<string, unknown> {
  const { data: _data, ...envelopeProps } = EnvelopeSchema.properties;
  return {
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
  };
}

/**
 * The event catalogue as an AsyncAPI 3.1 document, for district platforms that subscribe to the stream: one
 * channel per subject, one `receive` operation per channel (what a subscriber does), the messages in
 * `components.messages` by message id, the NATS NKey security schemes on the server.
 * Validated by the official @asyncapi/parser in the tests: no errors and no warnings.
 */
export function asyncApiDocument(events: readonly EventDefinition[]): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const event of events) {
    const channelId = channelIdOf(event);
    const messageId = messageIdOf(event);
    messages[messageId] = {
      name: event.type,
      title: event.description,
      summary: event.description,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: { 'Nats-Msg-Id': { type: 'string', description: '与事件编号 id 相同，用于 JetStream 去重' } },
      },
      payload: payloadOf(event),
    };
    channels[channelId] = {
      address: event.subject,
      title: event.subject,
      description: `${event.description}${platformScopesNote(event)}`,
      messages: { [messageId]: { $ref: `#/components/messages/${messageId}` } },
    };
    operations[`on_${channelId}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channelId}` },
      summary: event.description,
      tags: [{ name: event.source }],
      messages: [{ $ref: `#/channels/${channelId}/messages/${messageId}` }],
    };
  }
  return {
    asyncapi: '3.1.0',
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
        `区级平台以只读用户 ${PLATFORM_NATS_USER} 连接（NKey 认证：服务器只保存公钥，连接时以私钥种子签名服务器的随机数；种子由部署方发放，npm start 写入 .data/nats-platform.json）：` +
        '可在本目录的主题（shequ.<服务>.<聚合>.>）上创建拉取消费者（JetStream API 主题中带过滤主题）、拉取并确认消息，' +
        '但只限部署方授予的范围（与 API 密钥同一套范围名称）可读的聚合：每个主题的说明列出读取它须被授予的全部范围；' +
        '服务器只能按主题放行或拒绝，不能对载荷脱敏，因此载荷点名居民（居民编号、出生日期等）的聚合还须 pii:read，' +
        '涉及关爱对象的还须 care:read（关爱对象类别另须 sensitive:read）。' +
        `部署方未授予时的默认范围为 ${DEFAULT_PLATFORM_SCOPES.join('、')}：只能读取不涉及个人的聚合（街道、社区、网格、楼栋、住户、工作者、组织、捐赠、会议、流动红旗岗、活动）；` +
        '不能发布任何消息，不能读取审计主题 shequ.*.audit.> 和密钥登记主题 shequ.residents.api_key.>。' +
        `回复收件箱前缀为 ${inboxPrefixOf(PLATFORM_NATS_USER)}（或 _INBOX）。`,
      // placeholders under the reserved .example domain: a deployment publishes its own contact
      contact: { name: '社区图谱维护组', url: 'https://shequ.example/events', email: 'events@shequ.example' },
      license: { name: '仅供部署方内部使用（未开源）' },
      tags: SERVICE_TAGS.map((tag) => ({ ...tag })),
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:4222',
        protocol: 'nats',
        description: '本机 nats-server（npm start 启动，需认证）',
        security: [
          { $ref: '#/components/securitySchemes/natsServiceUser' },
          { $ref: '#/components/securitySchemes/natsPlatformUser' },
        ],
      },
    },
    channels,
    operations,
    components: {
      messages,
      securitySchemes: {
        natsServiceUser: {
          type: 'asymmetricEncryption',
          description:
            'NATS NKey（Ed25519 密钥对，服务）：每个服务各有一个用户，服务器只保存其公钥，连接时以私钥种子签名服务器下发的随机数；只能发布本服务的主题、消费本服务声明的订阅',
        },
        natsPlatformUser: {
          type: 'asymmetricEncryption',
          description: `NATS NKey（Ed25519 密钥对，区级平台，只读）：用户 ${PLATFORM_NATS_USER}，私钥种子由部署方发放（npm start 写入 .data/nats-platform.json）；可在部署方授予的范围可读的主题上创建拉取消费者、拉取并确认（每个主题的说明列出所需范围），不能发布，不能读取审计与密钥主题`,
        },
      },
    },
  };
}
