import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar } from '@shequ/subgraph';
import { PartyTrainingSessionType } from './plan.type.js';

@InputType('SetPartyYearPlanInput', { description: '设定年度计划' })
export class SetPartyYearPlanInput {
  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => Int, { description: '发展党员目标' })
  recruitmentTarget!: number;

  @Field(() => Int, { description: '党校现场教学等培训人次目标' })
  trainingHeadcountTarget!: number;
}

@InputType('RecordPartyTrainingSessionInput', { description: '登记培训' })
export class RecordPartyTrainingSessionInput {
  @Field(() => DateScalar, { description: '日期' })
  heldOn!: string;

  @MaxLength(200)
  @Field({ description: '名称，如 党校现场教学' })
  title!: string;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '地点' })
  location?: string | null;

  @Field(() => Int, { description: '参训人数' })
  headCount!: number;
}

@ObjectType('PartyTrainingSessionPayload', { description: '登记培训结果' })
export class PartyTrainingSessionPayload {
  @Field(() => PartyTrainingSessionType, { description: '培训' })
  session!: PartyTrainingSessionType;
}
