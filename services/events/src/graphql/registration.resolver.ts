import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { communityWhere, pageSize, type SubgraphContext } from '@shequ/subgraph';
import { registerForEvent } from '../application/register-for-event.js';
import { CommunityEvent } from '../entities/community-event.js';
import { Registration } from '../entities/registration.js';
import { CommunityEventType } from './community-event.type.js';
import { ResidentReference } from './entity-references.js';
import { RegisterForEventInput, RegisterForEventPayload } from './inputs.js';
import { EventRegistrationType } from './registration.type.js';

@Resolver(() => EventRegistrationType)
export class RegistrationResolver {
  @Mutation(() => RegisterForEventPayload, { description: '报名活动（需 events:register）：有名额则报名成功，名额已满则候补；发布 registration.created' })
  async registerForEvent(@Arg('input', () => RegisterForEventInput, { description: '报名信息' }) input: RegisterForEventInput, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('events:register');
    const registration = await ctx.transaction((uow) => registerForEvent(uow, input, ctx.communityId, ctx.clock.now()));
    return { registration };
  }

  @FieldResolver(() => CommunityEventType)
  async event(@Root() registration: Registration, @Ctx() ctx: SubgraphContext): Promise<CommunityEvent> {
    return (await ctx.loaders.byId(CommunityEvent).load(registration.event.id))!;
  }

  @FieldResolver(() => ResidentReference)
  resident(@Root() registration: Registration): ResidentReference {
    return { id: registration.residentId };
  }
}

@Resolver(() => ResidentReference)
export class ResidentRegistrationsResolver {
  @FieldResolver(() => [EventRegistrationType], { description: '该居民的活动报名（最近的在前；无 events:read 权限时为空）' })
  async eventRegistrations(
    @Root() resident: ResidentReference,
    @Arg('first', () => Int, { nullable: true, description: '最多返回条数（默认 20，最多 100）' }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Registration[]> {
    if (!ctx.access.can('events:read')) return [];
    const all = await ctx.loaders
      .manyBy(Registration, 'residentId', { where: communityWhere(ctx.access), orderBy: { registeredAt: 'desc', id: 'desc' } })
      .load(resident.id);
    return all.slice(0, pageSize(first));
  }
}
