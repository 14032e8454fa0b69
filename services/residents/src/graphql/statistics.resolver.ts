import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@shequ/subgraph';
import { InvalidInputError } from '@shequ/errors';
import { residentScope } from '../application/resident-scope.js';
import { controlledResidentStatistics } from '../application/statistics-disclosure.js';
import { SENSITIVE_CATEGORIES } from '../domain/care-schedule.js';
import { isoDay } from '../domain/dates.js';
import {
  CareCategoryEnum,
  GenderEnum,
  ResidenceTypeEnum,
  ResidentStatisticsDimension,
  ResidentStatusEnum,
} from './enums.js';

@InputType('ResidentStatisticsFilter', { description: '人口统计的范围（各条件同时满足；不填则统计所有状态的居民）' })
export class ResidentStatisticsFilter {
  @Field(() => ID, { nullable: true, description: '网格编号' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: '楼栋编号' })
  buildingId?: string | null;

  @Field(() => CareCategoryEnum, { nullable: true, description: '关爱对象类别' })
  careCategory?: string | null;

  @Field(() => ResidenceTypeEnum, { nullable: true, description: '居住类型' })
  residenceType?: string | null;

  @Field(() => ResidentStatusEnum, { nullable: true, description: '状态（常用 ACTIVE 统计在册人口）' })
  status?: string | null;

  @Field(() => GenderEnum, { nullable: true, description: '性别' })
  gender?: string | null;

  @Field(() => Int, { nullable: true, description: '最小年龄（周岁，含）' })
  minAge?: number | null;

  @Field(() => Int, { nullable: true, description: '最大年龄（周岁，含）' })
  maxAge?: number | null;
}

@ObjectType('ResidentStatisticsKey', { description: '分组的一个维度取值' })
export class ResidentStatisticsKey {
  @Field(() => ResidentStatisticsDimension, { description: '维度' })
  dimension!: string;

  @Field({ description: '取值（网格/楼栋为编号，其余为枚举代码；未知为 UNKNOWN，无关爱类别为 NONE）' })
  value!: string;

  @Field({ description: '中文名称' })
  label!: string;
}

@ObjectType('ResidentStatisticsGroup', { description: '一个分组及其人数' })
export class ResidentStatisticsGroup {
  @Field(() => [ResidentStatisticsKey], { description: '各维度取值（顺序同 groupBy）' })
  keys!: ResidentStatisticsKey[];

  @Field(() => Int, {
    nullable: true,
    description: '人数（无权逐人查看的关爱类别：少于阈值或可由合计反推时为空，见 suppressed）',
  })
  count!: number | null;

  @Field(() => String, { nullable: true, description: '人数为空的原因（统计披露控制）；未抑制时为空' })
  suppressed!: string | null;
}

@ObjectType('ResidentStatistics', { description: '人口统计：只有计数，不含姓名或个人编号' })
export class ResidentStatisticsType {
  @Field(() => Int, {
    nullable: true,
    description: '范围内总人数（关爱类别分组时一人可计入多组；按无权查看的关爱类别筛选且少于阈值时为空）',
  })
  total!: number | null;

  @Field(() => String, { nullable: true, description: '总人数为空的原因（统计披露控制）；未抑制时为空' })
  totalSuppressed!: string | null;

  @Field(() => [ResidentStatisticsGroup], { description: '分组计数' })
  groups!: ResidentStatisticsGroup[];
}

@Resolver()
export class StatisticsResolver {
  @Query(() => ResidentStatisticsType, {
    description:
      '人口统计（需 residents:statistics）：按网格、楼栋、性别、年龄段、居住类型、关爱类别、状态分组计数；无权逐人查看的关爱类别按统计披露控制抑制小格',
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
    return controlledResidentStatistics(ctx.em, filter, residentScope(ctx), groupBy, isoDay(ctx.clock.now()), {
      includeSensitive,
      seesCategory: (category) => ctx.access.seesCare(SENSITIVE_CATEGORIES.includes(category)),
    });
  }
}
