import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CaseCategory, CaseChannel, CasePriority } from '@shequ/contracts';
import { PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { caseScope, caseVisible } from '../application/case-scope.js';
import { openCase } from '../application/open-case.js';
import { Case } from '../entities/case.js';
import { CaseFilter, OpenCaseInput, OpenCasePayload } from './case.inputs.js';
import { CaseType } from './case.type.js';
import { CaseConnection } from './connections.js';
import { GridReference, ResidentReference } from './entity-references.js';

@Resolver(() => CaseType)
export class CaseResolver {
  @Query(() => CaseType, { nullable: true, description: '按编号查询事项（需 cases:read；仅限可见范围）' })
  async case(@Arg('id', () => ID, { description: '事项编号' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Case | null> {
    ctx.access.require('cases:read');
    const found = await ctx.loaders.byId(Case).load(id);
    return found && (await caseVisible(ctx, found)) ? found : null;
  }

  @Query(() => CaseConnection, { description: '事项列表（需 cases:read；按受理先后；部门角色只见本部门事项，网格员只见本网格）' })
  async cases(@Args() page: PageArgs, @Arg('filter', () => CaseFilter, { nullable: true, description: '筛选条件' }) filter: CaseFilter | null, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('cases:read');
    const where: FilterQuery<Case>[] = await caseScope(ctx);
    if (filter?.status) where.push({ status: filter.status as Case['status'] });
    if (filter?.category) where.push({ category: filter.category as Case['category'] });
    if (filter?.gridId) where.push({ gridId: filter.gridId });
    return paginate(ctx.em, Case, { $and: where }, page);
  }

  @Mutation(() => OpenCasePayload, { description: '登记事项（需 cases:write）：按类别确定承办部门，按反映人住址分派网格；发布 case.opened' })
  async openCase(@Arg('input', () => OpenCaseInput, { description: '事项信息' }) input: OpenCaseInput, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('cases:write');
    const opened = await ctx.transaction((uow) =>
      openCase(
        uow,
        {
          reporterId: input.reporterId,
          category: input.category as CaseCategory,
          channel: input.channel as CaseChannel,
          description: input.description,
          priority: input.priority as CasePriority | null,
        },
        ctx.communityId,
        ctx.clock.now(),
      ),
    );
    return { case: opened };
  }

  @FieldResolver(() => ResidentReference, { nullable: true })
  reporter(@Root() record: Case): ResidentReference | null {
    return record.reporterId ? { id: record.reporterId } : null;
  }

  @FieldResolver(() => GridReference, { nullable: true })
  assignedGrid(@Root() record: Case): GridReference | null {
    return record.gridId ? { id: record.gridId } : null;
  }
}
