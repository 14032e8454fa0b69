import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  communityDay,
  labelOf,
  PartyOrganizationLevels,
  type PartyMeetingType as MeetingTypeCode,
} from '@shequ/contracts';
import { InvalidInputError, NotFoundError } from '@shequ/errors';
import { PageArgs, communityWhere, inCommunityScope, paginate, type SubgraphContext } from '@shequ/subgraph';
import { branchCompliance, recordMeeting } from '../application/meetings.js';
import { partyMeetingWhere } from '../application/party-query.js';
import type { MeetingAttendanceStatus } from '../domain/vocabularies.js';
import { PartyMeeting, PartyMeetingAttendance, PartyMember, PartyOrganization } from '../entities/index.js';
import { PartyMeetingConnection } from './connections.js';
import { PartyMeetingTypeEnum } from './enums.js';
import {
  PartyMeetingAttendanceRateType,
  PartyMeetingAttendanceType,
  PartyMeetingComplianceType,
  PartyMeetingType,
} from './meeting.type.js';
import { RecordPartyMeetingInput, RecordPartyMeetingPayload } from './meeting.inputs.js';
import { PartyMemberType } from './member.type.js';
import { PartyOrganizationType } from './organization.type.js';

@Resolver(() => PartyMeetingType)
export class PartyMeetingResolver {
  @Query(() => PartyMeetingConnection, { description: '组织生活会议列表（需 party:read），新的在前' })
  partyMeetings(
    @Args() page: PageArgs,
    @Arg('organizationId', () => ID, { nullable: true, description: '党组织编号' }) organizationId: string | null,
    @Arg('type', () => PartyMeetingTypeEnum, { nullable: true, description: '会议类型' }) type: string | null,
    @Arg('year', () => Int, { nullable: true, description: '年度' }) year: number | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:read');
    const where = partyMeetingWhere(communityWhere(ctx.access), { organizationId, type, year });
    return paginate(ctx.em, PartyMeeting, where, page, { heldOn: 'desc', id: 'desc' });
  }

  @Mutation(() => RecordPartyMeetingPayload, {
    description: '登记已召开的会议及参会情况（需 party:write），至少一名本组织党员出席；发布 meeting.held',
  })
  async recordPartyMeeting(
    @Arg('input', () => RecordPartyMeetingInput, { description: '会议信息' }) input: RecordPartyMeetingInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const meeting = await ctx.transaction((uow) =>
      recordMeeting(
        uow,
        {
          ...input,
          type: input.type as MeetingTypeCode,
          attendance: input.attendance.map((a) => ({
            memberId: a.memberId,
            status: a.status as MeetingAttendanceStatus,
          })),
        },
        ctx.communityId,
        communityDay(ctx.clock.now()),
      ),
    );
    return { meeting };
  }

  @Query(() => PartyMeetingComplianceType, {
    description: '三会一课落实情况（需 party:read）：各周期应开与实开、党员参会率',
  })
  async meetingCompliance(
    @Arg('organizationId', () => ID, { description: '党支部（或党小组）编号' }) organizationId: string,
    @Arg('year', () => Int, { description: '年度' }) year: number,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:read');
    if (year < 1921 || year > 2100) throw new InvalidInputError('year', `年度无效：${year}`);
    const organization = await ctx.em.findOne(PartyOrganization, { id: organizationId });
    if (!organization || !inCommunityScope(ctx.access, organization.communityId))
      throw new NotFoundError('PartyOrganization', organizationId);
    if (organization.level !== 'BRANCH' && organization.level !== 'GROUP')
      throw new InvalidInputError(
        'organizationId',
        `三会一课按党支部或党小组统计，所选组织层级为「${labelOf(PartyOrganizationLevels, organization.level)}」`,
      );
    return branchCompliance(ctx.em, organization, year, communityDay(ctx.clock.now()));
  }

  @FieldResolver(() => PartyOrganizationType)
  async organization(@Root() meeting: PartyMeeting, @Ctx() ctx: SubgraphContext): Promise<PartyOrganization> {
    return (await ctx.loaders.byId(PartyOrganization).load(meeting.organization.id))!;
  }

  @FieldResolver(() => [PartyMeetingAttendanceType])
  attendance(@Root() meeting: PartyMeeting, @Ctx() ctx: SubgraphContext): Promise<PartyMeetingAttendance[]> {
    return ctx.loaders.manyBy(PartyMeetingAttendance, 'meeting', { orderBy: { memberId: 'asc' } }).load(meeting.id);
  }
}

@Resolver(() => PartyMeetingAttendanceType)
export class PartyMeetingAttendanceResolver {
  @FieldResolver(() => PartyMemberType, { nullable: true })
  member(@Root() row: { memberId: string }, @Ctx() ctx: SubgraphContext): Promise<PartyMember | null> {
    return ctx.loaders.byId(PartyMember).load(row.memberId);
  }
}

@Resolver(() => PartyMeetingAttendanceRateType)
export class PartyMeetingAttendanceRateResolver {
  @FieldResolver(() => PartyMemberType, { nullable: true })
  member(@Root() row: { memberId: string }, @Ctx() ctx: SubgraphContext): Promise<PartyMember | null> {
    return ctx.loaders.byId(PartyMember).load(row.memberId);
  }
}
