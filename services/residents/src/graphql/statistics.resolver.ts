import { communityDay } from '@shequ/contracts';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@shequ/subgraph';
import { InvalidInputError } from '@shequ/errors';
import { residentStatisticsScope } from '../application/resident-scope.js';
import { controlledResidentStatistics } from '../application/statistics-disclosure.js';
import { orderResidentStatistics } from '../application/statistics.js';
import { SENSITIVE_CATEGORIES } from '../domain/care-schedule.js';
import { ResidentStatisticsDimension } from './enums.js';
import { ResidentStatisticsType } from './statistics.type.js';
import { ResidentStatisticsFilter } from './statistics.inputs.js';

/** A table grouped by age band or filtered by age: each count tells the age band of everyone it counts. */
const dependsOnAge = (
  groupBy: readonly ResidentStatisticsDimension[],
  filter: { minAge?: number | null; maxAge?: number | null } | null,
): boolean =>
  groupBy.includes(ResidentStatisticsDimension.AGE_BAND) || filter?.minAge != null || filter?.maxAge != null;

/**
 * Whether the caller reads birth dates raw. One who does not reads ages person by person only, each audited
 * (`Resident.age`, a list filtered by age): a statistic is audited for no one, so its table by age is controlled —
 * a building's residents aged 60 and over, a count of 1, would be that person's age band outside the trail.
 */
const readsBirthDates = (ctx: SubgraphContext): boolean => ctx.access.fieldAccess('birthDate') === 'RAW';

@Resolver()
export class StatisticsResolver {
  @Query(() => ResidentStatisticsType, {
    description:
      '人口统计（需 residents:statistics）：按网格、楼栋、性别、年龄段、居住类型、关爱类别、状态分组计数；无权逐人查看居民的角色（分析人员）所有计数按统计披露控制抑制小格，无权查看的关爱类别同样抑制；无权查看出生日期原值的角色（如计生）按年龄段分组或按年龄筛选时，所有计数同样受控',
  })
  async residentStatistics(
    @Arg('groupBy', () => [ResidentStatisticsDimension], { description: '分组维度（可多选，交叉分组）' })
    groupBy: ResidentStatisticsDimension[],
    @Arg('filter', () => ResidentStatisticsFilter, { nullable: true, description: '统计范围' })
    filter: ResidentStatisticsFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:statistics');
    const includeSensitive = ctx.access.can('sensitive:read');
    if (filter?.careCategory && SENSITIVE_CATEGORIES.includes(filter.careCategory as never) && !includeSensitive) {
      throw new InvalidInputError('filter.careCategory', '无权统计该关爱对象类别');
    }
    const statistics = await controlledResidentStatistics(
      ctx.em,
      filter,
      residentStatisticsScope(ctx),
      groupBy,
      communityDay(ctx.clock.now()),
      {
        includeSensitive,
        seesCategory: (category) => ctx.access.seesCare(SENSITIVE_CATEGORIES.includes(category)),
        // who may not read residents (analysts, a key with residents:statistics alone) sees every count controlled:
        // each is derived from gender, age, residence type or care categories it cannot read person by person; so
        // does a caller reading ages (each one audited) but not birth dates (计生, keys) for a table by age
        readsResidents: ctx.access.can('residents:read') && !(dependsOnAge(groupBy, filter) && !readsBirthDates(ctx)),
      },
    );
    // an analyst's table is listed in the natural order of the values in scope: not checked again group by group
    const { inNaturalOrder, ...answer } = statistics;
    return { ...answer, groups: inNaturalOrder ? statistics.groups : orderResidentStatistics(statistics.groups) };
  }
}
