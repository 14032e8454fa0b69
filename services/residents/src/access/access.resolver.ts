import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ApiKeyIssued, ApiKeyRevoked } from '@shequ/contracts';
import { generateApiKey } from '@shequ/auth';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import {
  MAX_PAGE_SIZE,
  PageArgs,
  communityWhere,
  inCommunityScope,
  pageSize,
  type SubgraphContext,
} from '@shequ/subgraph';
import { ApiKey } from './api-key.entity.js';
import { checkScopes, expiryOf, keyStatus } from './api-key-rules.js';
import { auditRecordWhere, auditTrailPage, carePeriodsOf } from './audit-trail-query.js';
import {
  ApiKeyType,
  IssueApiKeyInput,
  IssueApiKeyPayload,
  PiiAuditTrailConnection,
  PiiAuditTrailFilter,
  type ApiKeyStatusEnum,
} from './access.types.js';

function present(key: ApiKey, now: Date): ApiKeyType {
  return {
    id: key.id,
    communityId: key.communityId,
    name: key.name,
    scopes: key.scopes.split(',').filter(Boolean),
    status: keyStatus(key, now) as ApiKeyStatusEnum,
    issuedAt: key.issuedAt,
    issuedBy: key.issuedBy,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  };
}

/** The API-key registry and the audit trail: community_admin only. */
@Resolver()
export class AccessResolver {
  @Query(() => [ApiKeyType], {
    description:
      '辖区内的区级平台 API 密钥（需 apikeys:manage；社区管理员本社区，街道、区级管理员辖区内各社区；不含密钥本身）',
  })
  async apiKeys(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, {
      nullable: true,
      description: `最多返回条数（默认 ${MAX_PAGE_SIZE}，最多 ${MAX_PAGE_SIZE}）`,
    })
    first: number | null,
  ): Promise<ApiKeyType[]> {
    ctx.access.require('apikeys:manage');
    // the caller's rows (a street admin: every community of its street), as webhookSubscriptions and revokeApiKey
    const keys = await ctx.em.find(ApiKey, communityWhere(ctx.access), {
      orderBy: { issuedAt: 'desc', id: 'asc' },
      limit: pageSize(first ?? MAX_PAGE_SIZE),
    });
    const now = ctx.clock.now();
    return keys.map((k) => present(k, now));
  }

  @Mutation(() => IssueApiKeyPayload, {
    description: '签发区级平台 API 密钥（需 apikeys:manage）：只存密钥哈希；发布 api_key.issued，各子图据此自行校验',
  })
  async issueApiKey(
    @Arg('input', () => IssueApiKeyInput, { description: '用途与权限范围' }) input: IssueApiKeyInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IssueApiKeyPayload> {
    ctx.access.require('apikeys:manage');
    if (input.name.trim() === '') throw new InvalidInputError('input.name', '用途名称不能为空');
    const scopes = checkScopes(input.scopes);
    const now = ctx.clock.now();
    const expiresAt = expiryOf(now, input.validDays);
    const { key, keyId, secretHash } = generateApiKey();
    const record = await ctx.transaction(async ({ em, events }) => {
      const entity = em.create(ApiKey, {
        id: keyId,
        communityId: ctx.communityId,
        name: input.name.trim(),
        scopes: scopes.join(','),
        secretHash,
        issuedAt: now,
        issuedBy: ctx.principal.kind === 'anonymous' ? 'anonymous' : ctx.principal.id,
        expiresAt,
      });
      events.record(ApiKeyIssued, { keyId, name: entity.name, scopes, secretHash, expiresAt: expiresAt.toISOString() });
      return entity;
    });
    return { key, apiKey: present(record, now) };
  }

  @Mutation(() => ApiKeyType, {
    description: '吊销 API 密钥（需 apikeys:manage）：发布 api_key.revoked，各子图随即拒绝该密钥',
  })
  async revokeApiKey(
    @Arg('id', () => ID, { description: '密钥编号' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApiKeyType> {
    ctx.access.require('apikeys:manage');
    const now = ctx.clock.now();
    const record = await ctx.transaction(async ({ em, events }) => {
      const key = await em.findOne(ApiKey, { id });
      if (!key || !inCommunityScope(ctx.access, key.communityId)) throw new NotFoundError('ApiKey', id);
      if (key.revokedAt) throw new ConflictError(`密钥 ${id} 当前状态为 REVOKED，不能再次吊销`, { state: 'REVOKED' });
      key.revokedAt = now;
      key.revokedBy = ctx.principal.kind === 'anonymous' ? 'anonymous' : ctx.principal.id;
      // the key's community, not the one a street admin acts in: whose key it was is what the event says
      events.record(ApiKeyRevoked, { keyId: id, revokedAt: now.toISOString() }, { communityId: key.communityId });
      return key;
    });
    return present(record, now);
  }

  @Query(() => PiiAuditTrailConnection, {
    description:
      '个人信息访问审计记录（需 audit:read）：汇总各服务的未脱敏读取，按被读取者所属社区归属（街道、区级账号或跨社区授权的部门读取本社区居民，本社区可见；其他社区居民的读取不可见），可按居民、调用方、时间段筛选，新的在前',
  })
  async piiAuditTrail(
    @Args() page: PageArgs,
    @Arg('filter', () => PiiAuditTrailFilter, { nullable: true, description: '筛选条件' })
    filter: PiiAuditTrailFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('audit:read');
    // by person: also the care-filtered lists that matched them, resolved against their care records' history —
    // only their records in the caller's communities (another community's person is not this caller's to see)
    const periods = filter?.residentId
      ? (await carePeriodsOf(ctx.em, filter.residentId)).filter((p) => inCommunityScope(ctx.access, p.communityId))
      : [];
    return auditTrailPage(ctx.em, auditRecordWhere(communityWhere(ctx.access), filter, periods), filter, page, periods);
  }
}
