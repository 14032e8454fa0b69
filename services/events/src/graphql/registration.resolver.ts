import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { communityWhere, pageSize, type SubgraphContext } from '@shequ/subgraph';
import { auditAudienceRegistrations } from '../application/audience-registrations.js';
import { cancelRegistration, checkIn, registerForEvent } from '../application/registrations.js';
import { residentInScope } from '../application/resident-scope.js';
import { volunteerHours } from '../application/volunteer-hours.js';
import { CommunityEvent } from '../entities/community-event.js';
import { Registration } from '../entities/registration.js';
import { CommunityEventType } from './community-event.type.js';
import { ResidentReference } from './entity-references.js';
import {
  CancelEventRegistrationInput,
  CheckInEventRegistrationInput,
  RegisterForEventInput,
  CancelEventRegistrationPayload,
  CheckInEventRegistrationPayload,
  RegisterForEventPayload,
} from './registration.inputs.js';
import { EventRegistrationType } from './registration.type.js';
import { EventVolunteerHoursSummaryType } from './volunteer.type.js';

@Resolver(() => EventRegistrationType)
export class RegistrationResolver {
  @Mutation(() => RegisterForEventPayload, {
    description:
      '报名活动（需 events:register）：核对面向人群的年龄；有名额则报名成功，名额已满则候补；发布 registration.created',
  })
  async registerForEvent(
    @Arg('input', () => RegisterForEventInput, { description: '报名信息' }) input: RegisterForEventInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:register');
    const registration = await ctx.transaction((uow) =>
      registerForEvent(uow, input, ctx.communityId, ctx.clock.now(), {
        pii: ctx.pii,
        readsBirthDate: ctx.access.fieldAccess('birthDate') === 'RAW',
      }),
    );
    return { registration };
  }

  @Mutation(() => CancelEventRegistrationPayload, {
    description: '取消报名（需 events:register）：空出的名额自动递补给第一位候补；发布 registration.cancelled',
  })
  async cancelEventRegistration(
    @Arg('input', () => CancelEventRegistrationInput, { description: '取消信息' }) input: CancelEventRegistrationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:register');
    return ctx.transaction((uow) => cancelRegistration(uow, input, ctx.communityId, ctx.clock.now()));
  }

  @Mutation(() => CheckInEventRegistrationPayload, {
    description: '活动签到（需 events:register）：进行中的活动；发布 registration.attended',
  })
  async checkInEventRegistration(
    @Arg('input', () => CheckInEventRegistrationInput, { description: '签到信息' })
    input: CheckInEventRegistrationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:register');
    return { registration: await ctx.transaction((uow) => checkIn(uow, input, ctx.communityId, ctx.clock.now())) };
  }

  @FieldResolver(() => CommunityEventType)
  async event(@Root() registration: Registration, @Ctx() ctx: SubgraphContext): Promise<CommunityEvent> {
    return (await ctx.loaders.byId(CommunityEvent).load(registration.event.id))!;
  }

  @FieldResolver(() => ResidentReference, { nullable: true })
  resident(@Root() registration: Registration): ResidentReference | null {
    return { id: registration.residentId };
  }
}

@Resolver(() => ResidentReference)
export class ResidentRegistrationsResolver {
  @FieldResolver(() => [EventRegistrationType], {
    nullable: true,
    description:
      '该居民的活动报名（最近的在前；无 events:read 权限或不在本人网格时为空；活动服务不可用时为 null 并附错误）',
  })
  async eventRegistrations(
    @Root() resident: ResidentReference,
    @Arg('first', () => Int, { nullable: true, description: '最多返回条数（默认 20，最多 100）' }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Registration[]> {
    if (!ctx.access.can('events:read') || !(await residentInScope(ctx, resident.id))) return [];
    // the latest `first` of each resident chosen by the database, not every registration they ever made
    const limit = pageSize(first);
    const shown = await ctx.loaders
      .manyBy(Registration, 'residentId', {
        name: `Registration.ofResident.${limit}`,
        where: communityWhere(ctx.access),
        orderBy: { registeredAt: 'desc', id: 'desc' },
        limitPerKey: limit,
      })
      .load(resident.id);
    // the person's registrations for events with an age audience tell their age band
    const events = await ctx.loaders.byId(CommunityEvent).loadMany(shown.map((r) => r.event.id));
    auditAudienceRegistrations(
      ctx.pii,
      shown.map((registration, i) => {
        const event = events[i];
        return { registration, audience: event && !(event instanceof Error) ? event.audience : null };
      }),
    );
    return shown;
  }

  @FieldResolver(() => EventVolunteerHoursSummaryType, {
    nullable: true,
    description: '该居民的志愿服务时长（无 events:read 权限或不在本人网格时为空）',
  })
  async volunteerHours(
    @Root() resident: ResidentReference,
    @Arg('year', () => Int, { nullable: true, description: '只统计这一年（为空表示全部）' }) year: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EventVolunteerHoursSummaryType | null> {
    if (!ctx.access.can('events:read') || !(await residentInScope(ctx, resident.id))) return null;
    const summary = await volunteerHours(ctx, year ?? null).load(resident.id);
    return {
      ...summary,
      recent: summary.recent.map((r) => ({
        id: r.id,
        resident: { id: r.residentId },
        minutes: r.minutes,
        servedOn: r.servedOn,
      })),
    };
  }
}
