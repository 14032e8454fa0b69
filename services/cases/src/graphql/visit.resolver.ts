import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { communityWhere, pageSize, type SubgraphContext } from '@shequ/subgraph';
import { caseValue } from '../application/care-revealing.js';
import { checkVisitScope, visibleHouseholdVisits } from '../application/case-scope.js';
import { logVisit } from '../application/visits.js';
import { Case } from '../entities/case.js';
import { Visit } from '../entities/visit.js';
import { HouseholdReference, ResidentReference, StaffReference } from './entity-references.js';
import { StaffVisitType } from './visit.type.js';
import { LogVisitInput, LogVisitPayload } from './visit.inputs.js';

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
    // the visitor is the caller in person (checked against the staff register in logVisit)
    const staffId = ctx.principal.kind === 'user' ? ctx.principal.id : null;
    await checkVisitScope(ctx, input);
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

  // A visit about a case of a care-revealing category (救助申请) ties its household to that case: the link and the
  // visit's texts (the case's step «走访：…») follow the case's care policy (see `caseValue`).
  @FieldResolver(() => ID, { nullable: true })
  async caseId(@Root() visit: Visit, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return linkedCaseValue(ctx, visit, visit.caseId);
  }

  @FieldResolver(() => String, { nullable: true })
  async notes(@Root() visit: Visit, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return linkedCaseValue(ctx, visit, visit.notes);
  }

  @FieldResolver(() => String, { nullable: true })
  async followUps(@Root() visit: Visit, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return linkedCaseValue(ctx, visit, visit.followUps);
  }
}

/** A value of a visit as the case it is linked to gives it (a visit linked to no case gives it as it is). */
async function linkedCaseValue<T>(ctx: SubgraphContext, visit: Visit, value: T): Promise<T | null> {
  if (!visit.caseId || value === null) return value;
  const linked = await ctx.loaders.byId(Case).load(visit.caseId);
  return linked ? caseValue(ctx, linked, value) : value;
}

@Resolver(() => HouseholdReference)
export class HouseholdVisitsResolver {
  @FieldResolver(() => [StaffVisitType], {
    nullable: true,
    description: '该住户的走访记录（最近的在前；需 cases:read，网格员只见本网格；案件服务不可用时为 null 并附错误）',
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
    return (await visibleHouseholdVisits(ctx, household.id, rows)).slice(0, limit);
  }
}
