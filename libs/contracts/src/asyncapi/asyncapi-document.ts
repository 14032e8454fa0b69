import { EnvelopeSchema, STREAM_NAME } from '../envelope.js';
import type { EventDefinition } from '../define-event.js';

/** The event catalogue as an AsyncAPI 2.6 document, for district platforms that subscribe to the stream. */
export function asyncApiDocument(events: readonly EventDefinition[]): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  for (const event of events) {
    const { data: _data, ...envelopeProps } = EnvelopeSchema.properties;
    channels[event.subject] = {
      description: event.description,
      subscribe: {
        operationId: `on_${event.source}_${event.type.replace(/\./g, '_')}`,
        summary: event.description,
        message: {
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
        '载荷只含编号、地点和类别，不含姓名、身份证号、电话等个人信息。',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { url: 'nats://127.0.0.1:4222', protocol: 'nats', description: '本机 nats-server（npm start 启动）' },
    },
    channels,
  };
}
