import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { pageSize, type SubgraphContext } from '@shequ/subgraph';
import { caseScope } from '../application/case-scope.js';
import { FINISHED_STATUSES } from '../domain/case-workflow.js';
import { Case } from '../entities/case.js';
import { CaseType } from './case.type.js';
import { GridReference, StaffReference } from './entity-references.js';

@ObjectType('StaffCaseWorkload', { description: '社区工作者的事项工作量' })
class StaffCaseWorkloadType {
  @Field(() => Int, { description: '在办事项数' })
  openCases!: number;

  @Field(() => Int, { description: '其中超时的事项数' })
  overdueCases!: number;

  @Field(() => Int, { description: '累计办结事项数' })
  resolvedCases!: number;
}

const OPEN_WHERE = { status: { $nin: [...FINISHED_STATUSES] } };

@Resolver(() => GridReference)
export class GridOpenCasesResolver {
  @FieldResolver(() => [CaseType], { description: '本网格在办事项（受理先后；需 cases:read，无权限时为空）' })
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
        where: { $and: [...scope, OPEN_WHERE] },
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
    const open = rows.filter((c) => !FINISHED_STATUSES.includes(c.status));
    return {
      openCases: open.length,
      overdueCases: open.filter((c) => c.acknowledgeOverdueAt || c.resolveOverdueAt).length,
      resolvedCases: rows.filter((c) => c.resolvedAt).length,
    };
  }
}
