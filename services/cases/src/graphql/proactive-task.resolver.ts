import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { connectionType, PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { proactiveTaskWhere } from '../application/case-query.js';
import { ProactiveTask } from '../entities/proactive-task.js';
import { GridReference, ResidentReference } from './entity-references.js';
import { ProactiveTaskType } from './proactive-task.type.js';
import { ProactiveTaskFilter } from './proactive-task.inputs.js';

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
    return paginate(ctx.em, ProactiveTask, await proactiveTaskWhere(ctx, filter), page);
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
