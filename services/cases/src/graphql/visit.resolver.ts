import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { InvalidInputError } from '@shequ/errors';
import { communityWhere, inCommunityScope, pageSize, type SubgraphContext } from '@shequ/subgraph';
import { visibleGridIds } from '../application/case-scope.js';
import { householdGrid, logVisit } from '../application/visits.js';
import { Visit } from '../entities/visit.js';
import { HouseholdReference, ResidentReference, StaffReference } from './entity-references.js';

@ObjectType('StaffVisit', { description: '走访记录（民情日记）' })
export class StaffVisitType {
  @Field(() => ID, { description: '走访编号' })
  id!: string;

  @Field(() => StaffReference, {
    nullable: true,
    description: '走访的社区工作者（无法解析时为空，并在 errors 中说明）',
  })
  staff!: StaffReference | null;

  @Field(() => HouseholdReference, { nullable: true, description: '走访住户' })
  household!: HouseholdReference | null;

  @Field(() => ResidentReference, { nullable: true, description: '走访居民' })
  resident!: ResidentReference | null;

  @Field(() => ID, { nullable: true, description: '关联事项编号' })
  caseId!: string | null;

  @Field({ description: '走访时间' })
  visitedAt!: Date;

  @Field({ description: '走访情况（民情日记）' })
  notes!: string;

  @Field(() => String, { nullable: true, description: '后续跟进事项' })
  followUps!: string | null;
}

@InputType('LogVisitInput', { description: '登记走访（民情日记）' })
export class LogVisitInput {
  @Field(() => ID, { nullable: true, description: '走访住户编号（住户或居民至少填一项）' })
  householdId?: string | null;

  @Field(() => ID, { nullable: true, description: '走访居民编号' })
  residentId?: string | null;

  @Field(() => ID, { nullable: true, description: '关联事项编号' })
  caseId?: string | null;

  @Field(() => Date, { nullable: true, description: '走访时间（默认当前时间）' })
  visitedAt?: Date | null;

  @Field({ description: '走访情况' })
  notes!: string;

  @Field(() => String, { nullable: true, description: '后续跟进事项' })
  followUps?: string | null;
}

@ObjectType('LogVisitPayload', { description: '登记走访的结果' })
export class LogVisitPayload {
  @Field(() => StaffVisitType, { description: '走访记录' })
  visit!: StaffVisitType;
}

@Resolver(() => StaffVisitType)
export class VisitResolver {
  @Mutation(() => LogVisitPayload, {
    description: '登记走访（需 visits:write）：记为对居民的一次联系，并关闭其待办主动服务任务',
  })
  async logVisit(
    @Arg('input', () => LogVisitInput, { description: '走访信息' }) input: LogVisitInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('visits:write');
    if (ctx.principal.kind !== 'user') throw new InvalidInputError('staffId', '走访须由社区工作者本人登记');
    const staffId = ctx.principal.id;
    const now = ctx.clock.now();
    const visit = await ctx.transaction((uow) =>
      logVisit(uow, { ...input, staffId, visitedAt: input.visitedAt ?? now, notes: input.notes }, ctx.communityId, now),
    );
    return { visit };
  }

  @FieldResolver(() => StaffReference, { nullable: true })
  staff(@Root() visit: Visit): StaffReference | null {
    return { id: visit.staffId };
  }

  @FieldResolver(() => HouseholdReference, { nullable: true })
  household(@Root() visit: Visit): HouseholdReference | null {
    return visit.householdId ? { id: visit.householdId } : null;
  }

  @FieldResolver(() => ResidentReference, { nullable: true })
  resident(@Root() visit: Visit): ResidentReference | null {
    return visit.residentId ? { id: visit.residentId } : null;
  }
}

@Resolver(() => HouseholdReference)
export class HouseholdVisitsResolver {
  @FieldResolver(() => [StaffVisitType], {
    description: '该住户的走访记录（最近的在前；需 cases:read，网格员只见本网格）',
  })
  async visits(
    @Root() household: HouseholdReference,
    @Arg('first', () => Int, { nullable: true, description: '最多返回条数（默认 20，最多 100）' }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Visit[]> {
    if (!ctx.access.can('cases:read')) return [];
    const limit = pageSize(first);
    const rows = await ctx.loaders
      .manyBy(Visit, 'householdId', {
        orderBy: { visitedAt: 'desc', id: 'desc' },
        where: communityWhere(ctx.access) as object,
      })
      .load(household.id);
    const inCommunity = rows.filter((v) => inCommunityScope(ctx.access, v.communityId));
    const grids = await visibleGridIds(ctx);
    if (!grids) return inCommunity.slice(0, limit);
    let currentGrid: string | null | undefined;
    const visible: Visit[] = [];
    for (const visit of inCommunity) {
      let gridId = visit.gridId;
      if (!gridId)
        gridId = currentGrid === undefined ? (currentGrid = await householdGrid(ctx.em, household.id)) : currentGrid;
      if (gridId && grids.has(gridId)) visible.push(visit);
    }
    return visible.slice(0, limit);
  }
}
