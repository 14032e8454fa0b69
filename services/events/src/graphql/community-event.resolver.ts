import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { auditAudienceRegistrations } from '../application/audience-registrations.js';
import { residentRowWhere } from '../application/resident-scope.js';
import type { CommunityEventType as EventTypeCode, Department } from '@shequ/contracts';
import { PageArgs, communityWhere, inCommunityScope, paginate, pageSize, type SubgraphContext } from '@shequ/subgraph';
import {
  addProgrammeItem,
  addSponsor,
  cancelEvent,
  completeEvent,
  planEvent,
  publishEvent,
  rescheduleEvent,
  startEvent,
} from '../application/event-planning.js';
import { galaPlanOf } from '../application/event-reports.js';
import type { EventAudience, OrganiserKind } from '../domain/vocabularies.js';
import { CommunityEvent } from '../entities/community-event.js';
import { EventSponsor, ProgrammeItem } from '../entities/gala-programme.js';
import { Registration } from '../entities/registration.js';
import { Team } from '../entities/team.js';
import { Venue } from '../entities/venue.js';
import { VolunteerShift } from '../entities/volunteer-shift.js';
import { CommunityEventType, EventSponsorshipType, GalaProgrammeItemType } from './community-event.type.js';
import { CommunityEventConnection, EventRegistrationConnection } from './connections.js';
import { OrganizationReference } from './entity-references.js';
import {
  AddEventSponsorInput,
  AddGalaProgrammeItemInput,
  CancelCommunityEventInput,
  CommunityEventActionInput,
  CommunityEventFilterInput,
  PlanCommunityEventInput,
  RescheduleCommunityEventInput,
  CommunityEventPayload,
  EventSponsorshipPayload,
  GalaProgrammeItemPayload,
} from './community-event.inputs.js';
import { communityEventWhere } from '../application/event-query.js';
import { seatCounts } from '../application/seat-counts.js';
import { GalaPlanMonthType } from './statistics.type.js';
import { TeamType } from './team.type.js';
import { VenueType } from './venue.type.js';
import { VolunteerShiftType } from './volunteer.type.js';

@Resolver(() => CommunityEventType)
export class CommunityEventResolver {
  @Query(() => CommunityEventType, { nullable: true, description: '按编号查询活动（需 events:read）' })
  async communityEvent(
    @Arg('id', () => ID, { description: '活动编号' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityEvent | null> {
    ctx.access.require('events:read');
    const event = await ctx.loaders.byId(CommunityEvent).load(id);
    return event && inCommunityScope(ctx.access, event.communityId) ? event : null;
  }

  @Query(() => CommunityEventConnection, { description: '活动列表（需 events:read；按开始时间）' })
  communityEvents(
    @Args() page: PageArgs,
    @Arg('filter', () => CommunityEventFilterInput, { nullable: true, description: '筛选条件' })
    filter: CommunityEventFilterInput | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:read');
    return paginate(ctx.em, CommunityEvent, communityEventWhere(communityWhere(ctx.access), filter), page, {
      startsAt: 'asc',
      id: 'asc',
    });
  }

  @Query(() => [GalaPlanMonthType], { description: '每月一台晚会：某年各月是否已计划或举办晚会（需 events:read）' })
  async galaPlan(@Arg('year', () => Int, { description: '年份' }) year: number, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('events:read');
    const months = await galaPlanOf(ctx.em, communityWhere(ctx.access), year);
    const loader = ctx.loaders.byId(CommunityEvent);
    return Promise.all(
      months.map(async (m) => ({
        month: m.month,
        status: m.status,
        events: (await loader.loadMany(m.eventIds)).filter((e) => e && !(e instanceof Error)),
      })),
    );
  }

  @Mutation(() => CommunityEventPayload, {
    description: '策划活动（需 events:write）：预订场地，同一场地时间重叠则 CONFLICT 并指明冲突活动；状态为筹备中',
  })
  async planCommunityEvent(
    @Arg('input', () => PlanCommunityEventInput, { description: '活动信息' }) input: PlanCommunityEventInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    const event = await ctx.transaction((uow) =>
      planEvent(
        uow,
        {
          ...input,
          type: input.type as EventTypeCode,
          audience: input.audience as EventAudience | null,
          organiserKind: input.organiserKind as OrganiserKind,
          organiserDepartment: input.organiserDepartment as Department | null,
        },
        ctx.communityId,
        ctx.clock.now(),
      ),
    );
    return { event };
  }

  @Mutation(() => CommunityEventPayload, {
    description: '活动改期或更换场地（需 events:write）：开始前可改；与同一场地其他活动重叠则 CONFLICT',
  })
  async rescheduleCommunityEvent(
    @Arg('input', () => RescheduleCommunityEventInput, { description: '新时间与场地' })
    input: RescheduleCommunityEventInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    const command = {
      eventId: input.eventId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      ...(input.venueId ? { venueId: input.venueId } : {}),
    };
    return {
      event: await ctx.transaction((uow) => rescheduleEvent(uow, command, ctx.communityId, ctx.clock.now(), ctx.pii)),
    };
  }

  @Mutation(() => CommunityEventPayload, {
    description: '发布活动、开放报名（需 events:write）：筹备中 → 报名中；发布 event.published',
  })
  async publishCommunityEvent(
    @Arg('input', () => CommunityEventActionInput, { description: '活动' }) input: CommunityEventActionInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return { event: await ctx.transaction((uow) => publishEvent(uow, input.eventId, ctx.communityId)) };
  }

  @Mutation(() => CommunityEventPayload, { description: '开始活动（需 events:write）：→ 进行中，开放签到' })
  async startCommunityEvent(
    @Arg('input', () => CommunityEventActionInput, { description: '活动' }) input: CommunityEventActionInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return { event: await ctx.transaction((uow) => startEvent(uow, input.eventId, ctx.communityId, ctx.clock.now())) };
  }

  @Mutation(() => CommunityEventPayload, {
    description: '结束活动（需 events:write）：进行中 → 已结束，未签到者记为未到场；发布 event.completed',
  })
  async completeCommunityEvent(
    @Arg('input', () => CommunityEventActionInput, { description: '活动' }) input: CommunityEventActionInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return {
      event: await ctx.transaction((uow) => completeEvent(uow, input.eventId, ctx.communityId, ctx.clock.now())),
    };
  }

  @Mutation(() => CommunityEventPayload, {
    description: '取消活动（需 events:write）：所有报名随之取消；发布 event.cancelled',
  })
  async cancelCommunityEvent(
    @Arg('input', () => CancelCommunityEventInput, { description: '活动与原因' }) input: CancelCommunityEventInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return { event: await ctx.transaction((uow) => cancelEvent(uow, input, ctx.communityId, ctx.clock.now())) };
  }

  @Mutation(() => GalaProgrammeItemPayload, { description: '为晚会添加节目（需 events:write）' })
  async addGalaProgrammeItem(
    @Arg('input', () => AddGalaProgrammeItemInput, { description: '节目' }) input: AddGalaProgrammeItemInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return { item: await ctx.transaction((uow) => addProgrammeItem(uow, input, ctx.communityId)) };
  }

  @Mutation(() => EventSponsorshipPayload, { description: '登记活动赞助（需 events:write）' })
  async addEventSponsor(
    @Arg('input', () => AddEventSponsorInput, { description: '赞助' }) input: AddEventSponsorInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return { sponsorship: await ctx.transaction((uow) => addSponsor(uow, input, ctx.communityId)) };
  }

  @FieldResolver(() => VenueType, { nullable: true, description: '场地' })
  venue(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<Venue | null> | null {
    return event.venue ? ctx.loaders.byId(Venue).load(event.venue.id) : null;
  }

  @FieldResolver(() => TeamType, { nullable: true, description: '主办团队（团队主办时）' })
  organiserTeam(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<Team | null> | null {
    return event.organiserTeamId ? ctx.loaders.byId(Team).load(event.organiserTeamId) : null;
  }

  @FieldResolver(() => OrganizationReference, { nullable: true, description: '主办单位（共建单位主办时）' })
  organiserOrganization(@Root() event: CommunityEvent): OrganizationReference | null {
    return event.organiserOrganizationId ? { id: event.organiserOrganizationId } : null;
  }

  @FieldResolver(() => CommunityEventType, { nullable: true, description: '排练所属的晚会' })
  rehearsalFor(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<CommunityEvent | null> | null {
    return event.rehearsalForId ? ctx.loaders.byId(CommunityEvent).load(event.rehearsalForId) : null;
  }

  @FieldResolver(() => [CommunityEventType], { description: '晚会的排练（按时间）' })
  rehearsals(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<CommunityEvent[]> {
    return ctx.loaders
      .manyBy(CommunityEvent, 'rehearsalForId', { orderBy: { startsAt: 'asc', id: 'asc' }, limitPerKey: 100 })
      .load(event.id);
  }

  @FieldResolver(() => [GalaProgrammeItemType], { description: '节目单（按顺序）' })
  programme(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<ProgrammeItem[]> {
    return ctx.loaders
      .manyBy(ProgrammeItem, 'event', { orderBy: { position: 'asc' }, limitPerKey: 100 })
      .load(event.id);
  }

  @FieldResolver(() => [EventSponsorshipType], { description: '赞助' })
  sponsors(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<EventSponsor[]> {
    return ctx.loaders.manyBy(EventSponsor, 'event', { orderBy: { id: 'asc' }, limitPerKey: 100 }).load(event.id);
  }

  @FieldResolver(() => Int, { description: '已占名额（已报名、已签到、未到场）' })
  async seatsTaken(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await seatCounts(ctx).load(event.id)).taken;
  }

  @FieldResolver(() => Int, { description: '候补人数' })
  async waitlisted(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await seatCounts(ctx).load(event.id)).waitlisted;
  }

  @FieldResolver(() => Int, { description: '签到人数' })
  async attended(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await seatCounts(ctx).load(event.id)).attended;
  }

  @FieldResolver(() => EventRegistrationConnection, {
    description: '报名名单（按报名时间，即候补顺序；网格员只见本人网格居民的报名）',
  })
  async registrations(@Root() event: CommunityEvent, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    const where = { event: event.id, ...(await residentRowWhere(ctx)) };
    const connection = await paginate(ctx.em, Registration, where, page, { registeredAt: 'asc', id: 'asc' });
    auditAudienceRegistrations(
      ctx.pii,
      connection.edges.map(({ node }) => ({ registration: node, audience: event.audience })),
    );
    return connection;
  }

  @FieldResolver(() => [VolunteerShiftType], { description: '志愿服务班次' })
  volunteerShifts(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<VolunteerShift[]> {
    return ctx.loaders
      .manyBy(VolunteerShift, 'event', { orderBy: { startsAt: 'asc', id: 'asc' }, limitPerKey: 100 })
      .load(event.id);
  }
}

@Resolver(() => EventSponsorshipType)
export class EventSponsorshipResolver {
  @FieldResolver(() => OrganizationReference, {
    nullable: true,
    description: '赞助单位（无法解析时为空，并在 errors 中说明）',
  })
  organization(@Root() sponsor: EventSponsor): OrganizationReference | null {
    return { id: sponsor.organizationId };
  }
}

@Resolver(() => GalaProgrammeItemType)
export class GalaProgrammeItemResolver {
  @FieldResolver(() => TeamType, { nullable: true, description: '表演团队' })
  team(@Root() item: ProgrammeItem, @Ctx() ctx: SubgraphContext): Promise<Team | null> | null {
    return item.team ? ctx.loaders.byId(Team).load(item.team.id) : null;
  }
}

@Resolver(() => OrganizationReference)
export class OrganizationSponsoredEventsResolver {
  @FieldResolver(() => [CommunityEventType], {
    nullable: true,
    description: '该单位赞助的活动（最近的在前；无 events:read 权限时为空；活动服务不可用时为 null 并附错误）',
  })
  async sponsoredEvents(
    @Root() organization: OrganizationReference,
    @Arg('first', () => Int, { nullable: true, description: '最多返回条数（默认 20，最多 100）' }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityEvent[]> {
    if (!ctx.access.can('events:read')) return [];
    const limit = pageSize(first);
    const sponsorships = await ctx.loaders
      .manyBy(EventSponsor, 'organizationId', { where: communityWhere(ctx.access), orderBy: { id: 'desc' } })
      .load(organization.id);
    const events = await ctx.loaders.byId(CommunityEvent).loadMany([...new Set(sponsorships.map((s) => s.event.id))]);
    return events
      .filter((e): e is CommunityEvent => !!e && !(e instanceof Error))
      .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())
      .slice(0, limit);
  }
}
