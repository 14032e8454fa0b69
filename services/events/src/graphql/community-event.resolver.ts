import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, communityWhere, inCommunityScope, paginate, type SubgraphContext } from '@shequ/subgraph';
import { CommunityEvent } from '../entities/community-event.js';
import { Venue } from '../entities/venue.js';
import { CommunityEventType } from './community-event.type.js';
import { CommunityEventConnection } from './connections.js';
import { VenueType } from './venue.type.js';

@Resolver(() => CommunityEventType)
export class CommunityEventResolver {
  @Query(() => CommunityEventType, { nullable: true, description: '按编号查询活动（需 events:read）' })
  async communityEvent(@Arg('id', () => ID, { description: '活动编号' }) id: string, @Ctx() ctx: SubgraphContext): Promise<CommunityEvent | null> {
    ctx.access.require('events:read');
    const event = await ctx.loaders.byId(CommunityEvent).load(id);
    return event && inCommunityScope(ctx.access, event.communityId) ? event : null;
  }

  @Query(() => CommunityEventConnection, { description: '活动列表（需 events:read；按开始时间）' })
  communityEvents(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('events:read');
    return paginate(ctx.em, CommunityEvent, communityWhere(ctx.access), page, { startsAt: 'asc', id: 'asc' });
  }

  @FieldResolver(() => VenueType, { nullable: true })
  venue(@Root() event: CommunityEvent, @Ctx() ctx: SubgraphContext): Promise<Venue | null> | null {
    return event.venue ? ctx.loaders.byId(Venue).load(event.venue.id) : null;
  }
}
