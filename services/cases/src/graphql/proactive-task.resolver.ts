import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { communityWhere, connectionType, PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { GridProjection } from '../entities/grid-projection.js';
import { ProactiveTask } from '../entities/proactive-task.js';
import { ProactiveTaskClosingEnum, ProactiveTaskStatusEnum } from './enums.js';
import { GridReference, ResidentReference } from './entity-references.js';

@ObjectType('ProactiveTask', { description: '主动服务任务（由规则生成，走访或立案后关闭）' })
export class ProactiveTaskType {
  @Field(() => ID, { description: '任务编号' })
  id!: string;

  @Field({ description: '规则编码，如 ELDERLY_NO_CONTACT' })
  rule!: string;

  @Field({ description: '生成原因' })
  reason!: string;

  @Field(() => ResidentReference, {
    nullable: true,
    description: '服务对象（居民档案无法解析时为空，并在 errors 中说明）',
  })
  resident!: ResidentReference | null;

  @Field(() => GridReference, { nullable: true, description: '所属网格' })
  grid!: GridReference | null;

  @Field({ description: '应完成日期（YYYY-MM-DD）' })
  dueOn!: string;

  @Field(() => ProactiveTaskStatusEnum, { description: '状态' })
  status!: string;

  @Field({ description: '生成时间' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: '关闭时间' })
  closedAt!: Date | null;

  @Field(() => ProactiveTaskClosingEnum, { nullable: true, description: '关闭原因' })
  closedBy!: string | null;

  @Field(() => ID, { nullable: true, description: '关闭它的走访或事项编号' })
  closingRef!: string | null;
}

export const ProactiveTaskConnection = connectionType(ProactiveTaskType, 'ProactiveTask', '主动服务任务');

@InputType('ProactiveTaskFilter', { description: '主动服务任务筛选' })
class ProactiveTaskFilter {
  @Field(() => ProactiveTaskStatusEnum, { nullable: true, description: '状态' })
  status?: string | null;

  @Field(() => String, { nullable: true, description: '规则编码' })
  rule?: string | null;

  @Field(() => ID, { nullable: true, description: '居民编号' })
  residentId?: string | null;
}

@Resolver(() => ProactiveTaskType)
export class ProactiveTaskResolver {
  @Query(() => ProactiveTaskConnection, { description: '主动服务任务（需 cases:read；网格员只见本网格）' })
  async proactiveTasks(
    @Args() page: PageArgs,
    @Arg('filter', () => ProactiveTaskFilter, { nullable: true, description: '筛选条件' })
    filter: ProactiveTaskFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:read');
    const where: FilterQuery<ProactiveTask>[] = [communityWhere(ctx.access)];
    const gridCodes = ctx.access.gridCodes();
    if (gridCodes) {
      const grids = await ctx.em.find(GridProjection, { code: { $in: gridCodes } });
      where.push({ gridId: { $in: grids.map((g) => g.gridId) } });
    }
    if (filter?.status) where.push({ status: filter.status as ProactiveTask['status'] });
    if (filter?.rule) where.push({ rule: filter.rule });
    if (filter?.residentId) where.push({ residentId: filter.residentId });
    return paginate(ctx.em, ProactiveTask, { $and: where }, page);
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
