import { Field, ID, InputType, Int } from 'type-graphql';
import { CareCategoryEnum, GenderEnum, ResidenceTypeEnum, ResidentStatusEnum } from './enums.js';

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
