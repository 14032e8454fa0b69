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
      communityId: Type.Optional(
        Type.String({
          description: '调用方所属社区、街道或区的编码（账号的社区声明；被读取居民所属社区见事件的 communityId）',
        }),
      ),
    },
    { description: '调用方' },
  ),
  reads: Type.Array(
    Type.Object({
      subjectType: Type.Union([Type.Literal('Resident'), Type.Literal('Household')], {
        description: '个人信息主体类型：居民或住户',
      }),
      subjectId: Id('居民编号或住户编号'),
      fields: Type.Array(Type.String(), { description: '未脱敏读取的字段' }),
    }),
    { description: '本次请求中未脱敏读取的、属于事件 communityId 所示社区的个人信息（每个社区一条事件）' },
  ),
  readAt: IsoDateTime('读取时间'),
});

/**
 * The service that keeps the one audit trail of personal-data reads (`piiAuditTrail`): it writes its own reads
 * straight into it; every other service publishes `audit.pii_read`, which it gathers.
 */
export const AUDIT_TRAIL_SERVICE: ServiceName = 'residents';

function piiRead(source: ServiceName) {
  return defineEvent({
    source,
    aggregate: 'audit',
    aggregateId: ['requestId'],
    name: 'pii_read',
    description: `个人信息未脱敏读取审计（${source} 服务记录）`,
    data: PiiReadData,
  });
}

export type PiiReadEvent = ReturnType<typeof piiRead>;
export const PiiRead: Record<ServiceName, PiiReadEvent> = Object.fromEntries(
  ServiceNames.map((s) => [s, piiRead(s)]),
) as Record<ServiceName, PiiReadEvent>;

/**
 * The API-key registry (kept by residents): every subgraph projects these to verify district platforms'
 * keys itself. Only a SHA-256 hash of the key's 256-bit secret travels, never the secret.
 */
export const ApiKeyIssued = defineEvent({
  source: 'residents',
  aggregate: 'api_key',
  aggregateId: ['keyId'],
  name: 'issued',
  description: '签发区级平台 API 密钥（仅含密钥哈希与权限范围）',
  data: Type.Object({
    keyId: Id('API 密钥编号'),
    name: Type.String({ description: '密钥用途名称（哪个区级平台）' }),
    scopes: Type.Array(Type.String(), { description: '权限范围，如 residents:import、cases:escalation、events:read' }),
    secretHash: Type.String({ pattern: '^[0-9a-f]{64}$', description: '密钥秘密部分的 SHA-256 哈希（十六进制）' }),
    expiresAt: IsoDateTime('失效时间（最长一年）'),
  }),
});

export const ApiKeyRevoked = defineEvent({
  source: 'residents',
  aggregate: 'api_key',
  aggregateId: ['keyId'],
  name: 'revoked',
  description: '吊销区级平台 API 密钥（各子图随即拒绝该密钥）',
  data: Type.Object({
    keyId: Id('API 密钥编号'),
    revokedAt: IsoDateTime('吊销时间'),
  }),
});

export const apiKeyEvents: EventDefinition[] = [ApiKeyIssued, ApiKeyRevoked];
export const auditEvents: EventDefinition[] = [...Object.values(PiiRead), ...apiKeyEvents];
