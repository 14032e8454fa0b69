import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  communityDay,
  type Gender,
  type PartyMemberStage,
  type PartyMemberType as MemberTypeCode,
} from '@shequ/contracts';
import { PageArgs, communityWhere, inCommunityScope, paginate, type SubgraphContext } from '@shequ/subgraph';
import {
  advanceMemberStage,
  cancelProbation,
  enrolMember,
  extendProbation,
  moveMember,
} from '../application/members.js';
import { partyMemberWhere } from '../application/party-query.js';
import { recordAppraisal } from '../application/service-record.js';
import { volunteerMinutes } from '../application/volunteer-hours.js';
import { probationEndsOn } from '../domain/development-pipeline.js';
import type { PartyAppraisalGrade } from '../domain/vocabularies.js';
import { PartyAppraisal, PartyMember, PartyMemberStageChange, PartyOrganization } from '../entities/index.js';
import { PartyMemberConnection } from './connections.js';
import { ResidentReference } from './entity-references.js';
import {
  AdvancePartyMemberStageInput,
  CancelPartyProbationInput,
  EnrolPartyMemberInput,
  ExtendPartyProbationInput,
  MovePartyMemberInput,
  PartyAppraisalPayload,
  PartyMemberFilter,
  PartyMemberPayload,
  RecordPartyAppraisalInput,
} from './member.inputs.js';
import { PartyAppraisalType, PartyMemberStageChangeType, PartyMemberType } from './member.type.js';
import { PartyOrganizationType } from './organization.type.js';

@Resolver(() => PartyMemberType)
export class PartyMemberResolver {
  @Query(() => PartyMemberType, { nullable: true, description: '按编号查询党员（需 party:read）' })
  async partyMember(
    @Arg('id', () => ID, { description: '党员编号' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PartyMember | null> {
    ctx.access.require('party:read');
    const member = await ctx.loaders.byId(PartyMember).load(id);
    return member && inCommunityScope(ctx.access, member.communityId) ? member : null;
  }

  @Query(() => PartyMemberConnection, { description: '党员列表（需 party:read）' })
  partyMembers(
    @Args() page: PageArgs,
    @Arg('filter', () => PartyMemberFilter, { nullable: true, description: '筛选条件' })
    filter: PartyMemberFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:read');
    return paginate(ctx.em, PartyMember, partyMemberWhere(communityWhere(ctx.access), filter), page);
  }

  @Mutation(() => PartyMemberPayload, {
    description:
      '党员建档（需 party:write）：新的入党申请人须年满18岁；连同以往日期登记的按发展流程核对；发布 member.stage_changed',
  })
  async enrolPartyMember(
    @Arg('input', () => EnrolPartyMemberInput, { description: '建档信息' }) input: EnrolPartyMemberInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const member = await ctx.transaction((uow) =>
      enrolMember(
        uow,
        {
          ...input,
          stage: input.stage as PartyMemberStage | null,
          memberType: input.memberType as MemberTypeCode | null,
          gender: input.gender as Gender | null,
          callerReadsBirthDate: ctx.access.fieldAccess('birthDate') === 'RAW',
        },
        ctx.communityId,
        communityDay(ctx.clock.now()),
        { pii: ctx.pii },
      ),
    );
    return { member };
  }

  @Mutation(() => PartyMemberPayload, {
    description:
      '推进发展阶段（需 party:write）：依次进行，积极分子培养一年以上、预备期满一年方可；发布 member.stage_changed',
  })
  async advancePartyMemberStage(
    @Arg('input', () => AdvancePartyMemberStageInput, { description: '阶段变更' }) input: AdvancePartyMemberStageInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const member = await ctx.transaction((uow) =>
      advanceMemberStage(
        uow,
        { ...input, to: input.to as PartyMemberStage },
        ctx.communityId,
        communityDay(ctx.clock.now()),
      ),
    );
    return { member };
  }

  @Mutation(() => PartyMemberPayload, { description: '延长预备期（需 party:write）：只能一次，不超过一年' })
  async extendPartyProbation(
    @Arg('input', () => ExtendPartyProbationInput, { description: '延长信息' }) input: ExtendPartyProbationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const member = await ctx.transaction((uow) =>
      extendProbation(uow, input, ctx.communityId, communityDay(ctx.clock.now())),
    );
    return { member };
  }

  @Mutation(() => PartyMemberPayload, { description: '取消预备党员资格（需 party:write），记录保留' })
  async cancelPartyProbation(
    @Arg('input', () => CancelPartyProbationInput, { description: '取消信息' }) input: CancelPartyProbationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const member = await ctx.transaction((uow) =>
      cancelProbation(uow, input, ctx.communityId, communityDay(ctx.clock.now())),
    );
    return { member };
  }

  @Mutation(() => PartyMemberPayload, { description: '调整党员所在党支部/党小组（需 party:write）' })
  async movePartyMember(
    @Arg('input', () => MovePartyMemberInput, { description: '调整信息' }) input: MovePartyMemberInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const member = await ctx.transaction((uow) => moveMember(uow, input, ctx.communityId));
    return { member };
  }

  @Mutation(() => PartyAppraisalPayload, { description: '登记民主评议党员结果（需 party:write），每人每年一次' })
  async recordPartyAppraisal(
    @Arg('input', () => RecordPartyAppraisalInput, { description: '评议结果' }) input: RecordPartyAppraisalInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const appraisal = await ctx.transaction((uow) =>
      recordAppraisal(
        uow,
        { ...input, grade: input.grade as PartyAppraisalGrade },
        ctx.communityId,
        communityDay(ctx.clock.now()),
      ),
    );
    return { appraisal };
  }

  @FieldResolver(() => PartyOrganizationType)
  async branch(@Root() member: PartyMember, @Ctx() ctx: SubgraphContext): Promise<PartyOrganization> {
    return (await ctx.loaders.byId(PartyOrganization).load(member.branch.id))!;
  }

  @FieldResolver(() => PartyOrganizationType, { nullable: true })
  group(@Root() member: PartyMember, @Ctx() ctx: SubgraphContext): Promise<PartyOrganization | null> | null {
    return member.group ? ctx.loaders.byId(PartyOrganization).load(member.group.id) : null;
  }

  @FieldResolver(() => ResidentReference, { nullable: true })
  resident(@Root() member: PartyMember): ResidentReference | null {
    return { id: member.residentId };
  }

  @FieldResolver()
  probationEndsOn(@Root() member: PartyMember): string | null {
    return probationEndsOn(member);
  }

  @FieldResolver(() => [PartyMemberStageChangeType])
  stageHistory(@Root() member: PartyMember, @Ctx() ctx: SubgraphContext): Promise<PartyMemberStageChange[]> {
    return ctx.loaders
      .manyBy(PartyMemberStageChange, 'member', { orderBy: { changedOn: 'asc', id: 'asc' }, limitPerKey: 100 })
      .load(member.id);
  }

  @FieldResolver(() => [PartyAppraisalType])
  appraisals(@Root() member: PartyMember, @Ctx() ctx: SubgraphContext): Promise<PartyAppraisal[]> {
    return ctx.loaders
      .manyBy(PartyAppraisal, 'memberId', { orderBy: { year: 'asc' }, limitPerKey: 100 })
      .load(member.id);
  }

  @FieldResolver(() => Int)
  volunteerMinutes(
    @Root() member: PartyMember,
    @Arg('year', () => Int, { nullable: true, description: '年度（不填为累计）' }) year: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return ctx.loaders
      .custom<string, number>(`volunteerMinutes:${year ?? 'all'}`, async (residentIds) => {
        const totals = await volunteerMinutes(ctx.em, residentIds, year);
        return residentIds.map((id) => totals.get(id) ?? 0);
      })
      .load(member.residentId);
  }
}

@Resolver(() => ResidentReference)
export class ResidentPartyMemberResolver {
  @FieldResolver(() => PartyMemberType, {
    nullable: true,
    description: '党员信息（不是党员或申请人、或无 party:read 权限时为空）',
  })
  async partyMember(@Root() resident: ResidentReference, @Ctx() ctx: SubgraphContext): Promise<PartyMember | null> {
    if (!ctx.access.can('party:read')) return null;
    const members = await ctx.loaders
      .manyBy(PartyMember, 'residentId', { where: communityWhere(ctx.access) })
      .load(resident.id);
    return members[0] ?? null;
  }
}
