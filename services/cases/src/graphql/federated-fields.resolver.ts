import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { pageSize, type SubgraphContext } from '@shequ/subgraph';
import { caseScope } from '../application/case-scope.js';
import { OPEN_CASE_WHERE } from '../application/case-query.js';
import { workloadOf } from '../domain/time-limits.js';
import { Case } from '../entities/case.js';
import { CaseType } from './case.type.js';
import { GridReference, StaffReference } from './entity-references.js';
import { StaffCaseWorkloadType } from './federated-fields.type.js';

@Resolver(() => GridReference)
export class GridOpenCasesResolver {
  @FieldResolver(() => [CaseType], {
    nullable: true,
    description: '本网格在办事项（受理先后；需 cases:read，无权限时为空；案件服务不可用时为 null 并附错误）',
  })
  async openCases(
    @Root() grid: GridReference,
    @Arg('first', () => Int, { nullable: true, description: '最多返回条数（默认 20，最多 100）' }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case[]> {
    if (!ctx.access.can('cases:read')) return [];
    const limit = pageSize(first);
    const scope = await ctx.loaders.once('caseScope', () => caseScope(ctx));
    const rows = await ctx.loaders
      .manyBy(Case, 'gridId', {
        name: 'Case.gridId.open',
        orderBy: { openedAt: 'asc', id: 'asc' },
        where: { $and: [...scope, OPEN_CASE_WHERE] },
      })
      .load(grid.id);
    return rows.slice(0, limit);
  }
}

@Resolver(() => StaffReference)
export class StaffWorkloadResolver {
  @FieldResolver(() => StaffCaseWorkloadType, {
    nullable: true,
    description: '事项工作量（需 cases:read；无权限时为空）',
  })
  async workload(@Root() staff: StaffReference, @Ctx() ctx: SubgraphContext): Promise<StaffCaseWorkloadType | null> {
    if (!ctx.access.can('cases:read')) return null;
    const scope = await ctx.loaders.once('caseScope', () => caseScope(ctx));
    const rows = await ctx.loaders
      .manyBy(Case, 'assigneeStaffId', { name: 'Case.assignee.workload', where: { $and: scope } })
      .load(staff.id);
    return workloadOf(rows);
  }
}
