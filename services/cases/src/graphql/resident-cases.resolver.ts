import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { pageSize, type SubgraphContext } from '@shequ/subgraph';
import { caseScope } from '../application/case-scope.js';
import { revealsCare } from '../domain/category-policy.js';
import { Case } from '../entities/case.js';
import { CaseType } from './case.type.js';
import { ResidentReference } from './entity-references.js';

@Resolver(() => ResidentReference)
export class ResidentCasesResolver {
  @FieldResolver(() => [CaseType], {
    nullable: true,
    description:
      '该居民反映的事项（最近的在前；无 cases:read 权限时为空；案件服务不可用时为 null 并附错误）。' +
      '救助申请等关爱/救助事项只对可查看关爱对象的调用方列出（其读取记入审计）：列出即说明该居民申请了救助',
  })
  async cases(
    @Root() resident: ResidentReference,
    @Arg('first', () => Int, { nullable: true, description: '最多返回条数（默认 20，最多 100）' }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case[]> {
    if (!ctx.access.can('cases:read')) return [];
    const limit = pageSize(first);
    const scope = await ctx.loaders.once('caseScope', () => caseScope(ctx));
    const all = await ctx.loaders
      .manyBy(Case, 'reporterId', { orderBy: { openedAt: 'desc', id: 'desc' }, where: { $and: scope } })
      .load(resident.id);
    // the list is the person's: a case of a care-revealing category (救助申请) in it tells their hardship, so it is
    // listed only to callers that see care categories, each audited as a care-category read of this resident
    const shown = all.filter((record) => !revealsCare(record.category) || ctx.access.seesCare()).slice(0, limit);
    for (const record of shown)
      if (revealsCare(record.category))
        ctx.pii.readList({ id: resident.id, communityId: record.communityId }, 'careCategories', [record.category]);
    return shown;
  }
}
