import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@shequ/subgraph';
import { DepartmentEnum } from './enums.js';
import { StaffReference } from './entity-references.js';

@ObjectType('RedFlagNomination', { description: '流动红旗岗部门提名' })
export class RedFlagNominationType {
  @Field(() => DepartmentEnum, { description: '提名部门' })
  department!: string;

  @Field(() => ID, { description: '被提名的社区工作者编号（同 staff.id，保留以兼容）' })
  staffId!: string;

  @Field(() => StaffReference, {
    nullable: true,
    description: '被提名的社区工作者（居民服务中的社区工作者；无法解析时为空，并在 errors 中说明）',
  })
  staff!: StaffReference | null;

  @Field(() => String, { nullable: true, description: '提名理由' })
  reason!: string | null;
}

@ObjectType('RedFlagPeriod', { description: '流动红旗岗评选期（每月一期）' })
export class RedFlagPeriodType {
  @Field({ description: '评选期 YYYY-MM' })
  period!: string;

  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => [RedFlagNominationType], { description: '各部门提名（每部门一人）' })
  nominations!: RedFlagNominationType[];

  @Field(() => ID, { nullable: true, description: '获评社区工作者编号（评选后；同 winner.id，保留以兼容）' })
  winnerStaffId!: string | null;

  @Field(() => StaffReference, { nullable: true, description: '获评的社区工作者（评选后；居民服务中的社区工作者）' })
  winner!: StaffReference | null;

  @Field(() => DepartmentEnum, { nullable: true, description: '获评人所在部门' })
  winnerDepartment!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '评选日期' })
  decidedOn!: string | null;

  @Field(() => String, { nullable: true, description: '评议小组' })
  panel!: string | null;
}

@ObjectType('RedFlagYearWinners', { description: '某年度流动红旗岗获评名单' })
export class RedFlagYearWinnersType {
  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => [RedFlagPeriodType], { description: '已评选的各期（按月份）' })
  awards!: RedFlagPeriodType[];
}
