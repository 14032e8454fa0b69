import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { connectionType, PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { proactiveTaskWhere } from '../application/case-query.js';
import { visibleTaskRules } from '../domain/proactive-rules/index.js';
import { ProactiveTask } from '../entities/proactive-task.js';
import { ResidentProjection } from '../entities/resident-projection.js';
import { GridReference, ResidentReference } from './entity-references.js';
import { ProactiveTaskType } from './proactive-task.type.js';
import { ProactiveTaskFilter } from './proactive-task.inputs.js';

/** Rules whose tasks exist only because of a care category (shown only to those who see care categories). */
const CARE_DERIVED_RULES = new Set(visibleTaskRules(true).filter((rule) => !visibleTaskRules(false).includes(rule)));

/**
 * The resident a list is narrowed to, with their community (whose audit trail the read goes to): from a task listed,
 * else the residents projection; a resident this service has never heard of counts in the caller's community.
 */
async function residentOf(
  ctx: SubgraphContext,
  residentId: string,
  edges: ReadonlyArray<{ node: ProactiveTask }>,
): Promise<{ id: string; communityId: string }> {
  const listed = edges.find(({ node }) => node.residentId === residentId)?.node.communityId;
  const known =
    listed ??
    (await ctx.em.findOne(ResidentProjection, { residentId }, { fields: ['communityId'], disableIdentityMap: true }))
      ?.communityId;
  return { id: residentId, communityId: known ?? ctx.communityId };
}

export const ProactiveTaskConnection = connectionType(ProactiveTaskType, 'ProactiveTask', '主动服务任务');

@Resolver(() => ProactiveTaskType)
export class ProactiveTaskResolver {
  @Query(() => ProactiveTaskConnection, {
    description:
      '主动服务任务（需 cases:read；网格员只见本网格；由关爱对象类别产生的任务只对可查看关爱对象的角色可见）',
  })
  async proactiveTasks(
    @Args() page: PageArgs,
    @Arg('filter', () => ProactiveTaskFilter, { nullable: true, description: '筛选条件' })
    filter: ProactiveTaskFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:read');
    const connection = await paginate(ctx.em, ProactiveTask, await proactiveTaskWhere(ctx, filter), page);
    // A task of a care-derived rule tells its resident's care category: the answer is audited for that person —
    // each such task listed, and the resident the list is narrowed to (its count alone can single them out).
    if (ctx.access.seesCare()) {
      if (filter?.residentId && (!filter.rule || CARE_DERIVED_RULES.has(filter.rule)))
        ctx.pii.readList(await residentOf(ctx, filter.residentId, connection.edges), 'careCategories', [
          filter.rule ?? 'ANY',
        ]);
      for (const { node } of connection.edges)
        if (CARE_DERIVED_RULES.has(node.rule))
          ctx.pii.readList({ id: node.residentId, communityId: node.communityId }, 'careCategories', [node.rule]);
    }
    return connection;
  }

  @FieldResolver(() => ResidentReference, { nullable: true })
  resident(@Root() task: ProactiveTask): ResidentReference | null {
    return { id: task.residentId };
  }

  @FieldResolver(() => GridReference, { nullable: true })
  grid(@Root() task: ProactiveTask): GridReference | null {
    return task.gridId ? { id: task.gridId } : null;
  }
}
