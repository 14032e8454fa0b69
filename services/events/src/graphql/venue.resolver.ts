import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, communityWhere, inCommunityScope, paginate, pageSize, type SubgraphContext } from '@shequ/subgraph';
import { registerVenue } from '../application/venues.js';
import type { VenueKind } from '../domain/vocabularies.js';
import { CommunityEvent } from '../entities/community-event.js';
import { Venue } from '../entities/venue.js';
import { CommunityEventType } from './community-event.type.js';
import { VenueConnection } from './connections.js';
import { OrganizationReference } from './entity-references.js';
import { RegisterVenueInput, VenuePayload } from './venue.inputs.js';
import { VenueType } from './venue.type.js';
import { UPCOMING_EVENT_STATUSES, VENUE_USED_STATUSES } from '../domain/event-lifecycle.js';

@Resolver(() => VenueType)
export class VenueResolver {
  @Query(() => VenueType, { nullable: true, description: '按编号查询场地（需 events:read）' })
  async venue(
    @Arg('id', () => ID, { description: '场地编号' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Venue | null> {
    ctx.access.require('events:read');
    const venue = await ctx.loaders.byId(Venue).load(id);
    return venue && inCommunityScope(ctx.access, venue.communityId) ? venue : null;
  }

  @Query(() => VenueConnection, { description: '文体设施资源台账：场地列表（需 events:read；按名称）' })
  venues(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('events:read');
    return paginate(ctx.em, Venue, communityWhere(ctx.access), page, { name: 'asc', id: 'asc' });
  }

  @Mutation(() => VenuePayload, { description: '登记场地到文体设施资源台账（需 events:write）' })
  async registerVenue(
    @Arg('input', () => RegisterVenueInput, { description: '场地信息' }) input: RegisterVenueInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return {
      venue: await ctx.transaction((uow) =>
        registerVenue(uow, { ...input, kind: input.kind as VenueKind }, ctx.communityId),
      ),
    };
  }

  @FieldResolver(() => OrganizationReference, { nullable: true, description: '产权 / 管理单位' })
  owner(@Root() venue: Venue): OrganizationReference | null {
    return venue.ownerOrganizationId ? { id: venue.ownerOrganizationId } : null;
  }

  @FieldResolver(() => [String], { description: '存档照片地址' })
  photoUrls(@Root() venue: Venue): string[] {
    return venue.photoUrls ?? [];
  }

  @FieldResolver(() => [CommunityEventType], { description: '使用记录：已开始或已结束的活动（最近的在前）' })
  usageLog(
    @Root() venue: Venue,
    @Arg('first', () => Int, { nullable: true, description: '最多返回条数（默认 20，最多 100）' }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityEvent[]> {
    const limit = pageSize(first);
    return ctx.loaders
      .manyBy(CommunityEvent, 'venue', {
        name: `Venue.usageLog.${limit}`,
        where: { status: { $in: [...VENUE_USED_STATUSES] } },
        orderBy: { startsAt: 'desc', id: 'desc' },
        limitPerKey: limit,
      })
      .load(venue.id);
  }

  @FieldResolver(() => [CommunityEventType], { description: '预订：尚未开始的活动（按时间）' })
  bookings(
    @Root() venue: Venue,
    @Arg('first', () => Int, { nullable: true, description: '最多返回条数（默认 20，最多 100）' }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityEvent[]> {
    const limit = pageSize(first);
    return ctx.loaders
      .manyBy(CommunityEvent, 'venue', {
        name: `Venue.bookings.${limit}`,
        where: { status: { $in: [...UPCOMING_EVENT_STATUSES] } },
        orderBy: { startsAt: 'asc', id: 'asc' },
        limitPerKey: limit,
      })
      .load(venue.id);
  }
}
