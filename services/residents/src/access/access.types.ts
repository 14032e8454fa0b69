import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, MaxLength } from 'class-validator';
import { DateTimeScalar, connectionType } from '@shequ/subgraph';

export enum ApiKeyStatusEnum {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(ApiKeyStatusEnum, {
  name: 'ApiKeyStatus',
  description: 'API 密钥状态',
  valuesConfig: {
    ACTIVE: { description: '有效' },
    REVOKED: { description: '已吊销' },
    EXPIRED: { description: '已过期' },
  },
});

@ObjectType('ApiKey', { description: '区级平台 API 密钥（不含密钥本身，仅在签发时显示一次）' })
export class ApiKeyType {
  @Field(() => ID, { description: '密钥编号（密钥 shq_<编号>_<秘密> 中的编号部分）' })
  id!: string;

  @Field({ description: '签发给哪个社区（12 位社区编码）：密钥只在该社区内有效' })
  communityId!: string;

  @Field({ description: '用途名称（哪个区级平台）' })
  name!: string;

  @Field(() => [String], { description: '权限范围，如 residents:import、cases:escalation、events:read' })
  scopes!: string[];

  @Field(() => ApiKeyStatusEnum, { description: '状态' })
  status!: ApiKeyStatusEnum;

  @Field(() => DateTimeScalar, { description: '签发时间' })
  issuedAt!: Date;

  @Field({ description: '签发人（用户编号）' })
  issuedBy!: string;

  @Field(() => DateTimeScalar, { description: '失效时间' })
  expiresAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: '吊销时间' })
  revokedAt!: Date | null;
}

@InputType('IssueApiKeyInput', { description: '签发 API 密钥' })
export class IssueApiKeyInput {
  @MaxLength(100)
  @Field({ description: '用途名称，如 “思明区社会治理平台”' })
  name!: string;

  @ArrayMaxSize(20)
  @Field(() => [String], {
    description: '权限范围（机器客户端可用的权限，如 residents:import、cases:escalation、events:read）',
  })
  scopes!: string[];

  @Field(() => Int, { nullable: true, description: '有效天数（1–365，默认 365）' })
  validDays?: number | null;
}

@ObjectType('IssueApiKeyPayload', { description: '签发结果：密钥只在此显示一次，请妥善保存' })
export class IssueApiKeyPayload {
  @Field({ description: '完整密钥（shq_<编号>_<秘密>），调用时放在 Authorization: ApiKey <密钥> 中；之后无法再次查看' })
  key!: string;

  @Field(() => ApiKeyType, { description: '密钥记录' })
  apiKey!: ApiKeyType;
}

@ObjectType('PiiAuditTrailEntry', { description: '个人信息未脱敏读取审计记录（来自任一服务）' })
export class PiiAuditTrailEntryType {
  @Field(() => ID, { description: '记录编号' })
  id!: string;

  @Field({ description: '提供数据的服务（residents、cases、partybuilding、events）' })
  service!: string;

  @Field({ description: '个人信息主体类型：Resident 居民或 Household 住户' })
  subjectType!: string;

  @Field(() => ID, { description: '居民编号或住户编号' })
  subjectId!: string;

  @Field(() => [String], { description: '未脱敏读取的字段（age 为由出生日期推出的周岁年龄）' })
  fields!: string[];

  @Field({ description: 'GraphQL 操作名' })
  operation!: string;

  @Field({ description: '请求编号（网关 x-request-id）' })
  requestId!: string;

  @Field({ description: '调用方类型：user 用户或 machine 区级平台' })
  callerKind!: string;

  @Field({ description: '调用方编号（用户编号或 API 密钥编号）' })
  callerId!: string;

  @Field(() => [String], { description: '调用方角色' })
  callerRoles!: string[];

  @Field(() => String, { nullable: true, description: '调用方部门' })
  callerDepartment!: string | null;

  @Field({
    description: '被读取者所属社区（12 位社区编码）；条件读取及 2026-12-06 之前的记录为调用方的社区声明',
  })
  communityId!: string;

  @Field(() => String, {
    nullable: true,
    description: '调用方所属社区、街道或区的编码（账号的社区声明）',
  })
  callerCommunityId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      '按条件读取（如按关爱对象类别筛选的名单）时的条件：该记录代表条件匹配到的全部居民，按居民查询时展开为本人',
  })
  predicate!: string | null;

  @Field(() => Int, { nullable: true, description: '条件读取匹配到的居民人数（读取时）' })
  predicateCount!: number | null;

  @Field(() => DateTimeScalar, { description: '读取时间' })
  readAt!: Date;
}

export const PiiAuditTrailConnection = connectionType(PiiAuditTrailEntryType, 'PiiAuditTrail', '个人信息访问审计记录');

@InputType('PiiAuditTrailFilter', { description: '审计记录筛选（各条件同时满足）' })
export class PiiAuditTrailFilter {
  @Field(() => ID, { nullable: true, description: '被读取的居民（或住户）编号' })
  residentId?: string | null;

  @MaxLength(100)
  @Field(() => String, { nullable: true, description: '调用方编号（用户编号或 API 密钥编号）' })
  callerId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '起始时间（含）' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '截止时间（不含）' })
  to?: Date | null;
}
