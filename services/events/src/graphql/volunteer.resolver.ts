import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { visibleResidentIds } from '../application/resident-scope.js';
import type { SubgraphContext } from '@shequ/subgraph';
import { createVolunteerShift, recordVolunteerHours } from '../application/volunteers.js';
import { CommunityEvent } from '../entities/community-event.js';
import { VolunteerService, VolunteerShift } from '../entities/volunteer-shift.js';
import { CommunityEventType } from './community-event.type.js';
import { ResidentReference } from './entity-references.js';
import {
  CreateVolunteerShiftInput,
  RecordVolunteerHoursInput,
  RecordVolunteerHoursPayload,
  VolunteerShiftPayload,
} from './volunteer.inputs.js';
import { VolunteerServiceRecordType, VolunteerShiftType } from './volunteer.type.js';

@Resolver(() => VolunteerShiftType)
export class VolunteerShiftResolver {
  @Mutation(() => VolunteerShiftPayload, { description: '安排志愿服务班次（需 events:write）' })
  async createVolunteerShift(
    @Arg('input', () => CreateVolunteerShiftInput, { description: '班次信息' }) input: CreateVolunteerShiftInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return {
      shift: await ctx.transaction((uow) => createVolunteerShift(uow, input, ctx.communityId, ctx.clock.now())),
    };
  }

  @Mutation(() => RecordVolunteerHoursPayload, {
    description: '记录志愿服务时长（需 events:write）：发布 volunteer_hours.recorded（党建服务为党员累计）',
  })
  async recordVolunteerHours(
    @Arg('input', () => RecordVolunteerHoursInput, { description: '时长信息' }) input: RecordVolunteerHoursInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return {
      record: await ctx.transaction((uow) => recordVolunteerHours(uow, input, ctx.communityId, ctx.clock.now())),
    };
  }

  @FieldResolver(() => CommunityEventType, { nullable: true, description: '所属活动' })
  event(@Root() shift: VolunteerShift, @Ctx() ctx: SubgraphContext): Promise<CommunityEvent | null> | null {
    return shift.event ? ctx.loaders.byId(CommunityEvent).load(shift.event.id) : null;
  }

  @FieldResolver(() => [VolunteerServiceRecordType], {
    description: '本班次的时长记录（网格员只见本人网格居民的记录）',
  })
  async records(@Root() shift: VolunteerShift, @Ctx() ctx: SubgraphContext): Promise<VolunteerService[]> {
    const [records, visible] = await Promise.all([
      ctx.loaders.manyBy(VolunteerService, 'shift', { orderBy: { id: 'asc' }, limitPerKey: 100 }).load(shift.id),
      visibleResidentIds(ctx),
    ]);
    return visible ? records.filter((r) => visible.has(r.residentId)) : records;
  }
}

@Resolver(() => VolunteerServiceRecordType)
export class VolunteerServiceRecordResolver {
  @FieldResolver(() => ResidentReference, {
    nullable: true,
    description: '志愿者（居民；无法解析时为空，并在 errors 中说明）',
  })
  resident(@Root() record: VolunteerService | VolunteerServiceRecordType): ResidentReference | null {
    return 'residentId' in record ? { id: record.residentId } : record.resident;
  }
}
