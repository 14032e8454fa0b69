import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar } from '@shequ/subgraph';
import { DepartmentEnum } from './enums.js';
import { RedFlagPeriodType } from './red-flag.type.js';

@InputType('NominateRedFlagInput', { description: '部门提名流动红旗岗人选' })
export class NominateRedFlagInput {
  @Field({ description: '评选期 YYYY-MM' })
  period!: string;

  @Field(() => DepartmentEnum, { description: '提名部门' })
  department!: string;

  @Field(() => ID, { description: '被提名的社区工作者编号' })
  staffId!: string;

  @MaxLength(300)
  @Field(() => String, { nullable: true, description: '提名理由' })
  reason?: string | null;
}

@InputType('DecideRedFlagInput', { description: '评议小组评定本期流动红旗岗' })
export class DecideRedFlagInput {
  @Field({ description: '评选期 YYYY-MM' })
  period!: string;

  @Field(() => ID, { description: '获评社区工作者编号（须为本期提名人）' })
  winnerStaffId!: string;

  @Field(() => DateScalar, { description: '评选日期' })
  decidedOn!: string;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '评议小组' })
  panel?: string | null;
}

@ObjectType('RedFlagPeriodPayload', { description: '流动红旗岗操作结果' })
export class RedFlagPeriodPayload {
  @Field(() => RedFlagPeriodType, { description: '评选期' })
  period!: RedFlagPeriodType;
}
