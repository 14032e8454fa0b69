import { Type } from '@sinclair/typebox';
import { defineEvent, type EventDefinition } from '../define-event.js';
import { Id, IsoDateTime } from '../schema-types.js';
import { ServiceNames, type ServiceName } from '../envelope.js';

const PiiReadData = Type.Object({
  operation: Type.String({ description: 'GraphQL 操作名（匿名操作为 anonymous）' }),
  requestId: Type.String({ description: '请求编号' }),
  caller: Type.Object(
    {
      kind: Type.Union([Type.Literal('user'), Type.Literal('machine')], { description: '调用方类型' }),
      id: Id('调用方编号（用户主体或 API 密钥编号）'),
      roles: Type.Array(Type.String(), { description: '调用方角色' }),
      department: Type.Union([Type.String(), Type.Null()], { description: '调用方部门' }),
    },
    { description: '调用方' },
  ),
  reads: Type.Array(
    Type.Object({
      subjectType: Type.Union([Type.Literal('Resident'), Type.Literal('Household')], { description: '个人信息主体类型：居民或住户' }),
      subjectId: Id('居民编号或住户编号'),
      fields: Type.Array(Type.String(), { description: '未脱敏读取的字段' }),
    }),
    { description: '本次请求中未脱敏读取的个人信息' },
  ),
  readAt: IsoDateTime('读取时间'),
});

function piiRead(source: ServiceName) {
  return defineEvent({
    source,
    aggregate: 'audit',
    name: 'pii_read',
    description: `个人信息未脱敏读取审计（${source} 服务记录）`,
    data: PiiReadData,
  });
}

export type PiiReadEvent = ReturnType<typeof piiRead>;
export const PiiRead: Record<ServiceName, PiiReadEvent> = Object.fromEntries(
  ServiceNames.map((s) => [s, piiRead(s)]),
) as Record<ServiceName, PiiReadEvent>;
export const auditEvents: EventDefinition[] = Object.values(PiiRead);
