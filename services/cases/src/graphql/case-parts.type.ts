import { Field, ID, ObjectType } from 'type-graphql';
import { CaseActionEnum, CaseStatusEnum, EvaluationGradeEnum, MediationOutcomeEnum, RaterKindEnum } from './enums.js';
import { ResidentReference } from './entity-references.js';

@ObjectType('CaseTimelineEntry', { description: '事项办理记录（每一步：谁、何时、状态变化、说明）' })
export class CaseTimelineEntryType {
  @Field(() => CaseActionEnum, { description: '办理动作' })
  action!: string;

  @Field(() => CaseStatusEnum, { nullable: true, description: '原状态（登记时为空）' })
  fromStatus!: string | null;

  @Field(() => CaseStatusEnum, { description: '新状态' })
  toStatus!: string;

  @Field({ description: '操作者类型：user 工作人员，machine 区级平台，system 系统' })
  actorKind!: string;

  @Field({ description: '操作者编号' })
  actorId!: string;

  @Field(() => String, { nullable: true, description: '说明' })
  note!: string | null;

  @Field({ description: '时间' })
  at!: Date;
}

@ObjectType('CaseEvaluation', { description: '居民评议（优/良/中/差）' })
export class CaseEvaluationType {
  @Field(() => ID, { description: '评议编号' })
  id!: string;

  @Field(() => EvaluationGradeEnum, { description: '评议等级' })
  grade!: string;

  @Field(() => String, { nullable: true, description: '评议理由' })
  reason!: string | null;

  @Field({ description: '是否有效（优、差未写理由的无效）' })
  valid!: boolean;

  @Field(() => String, { nullable: true, description: '无效原因' })
  invalidReason!: string | null;

  @Field(() => RaterKindEnum, { description: '评议人类型' })
  raterKind!: string;

  @Field({ description: '评议时间' })
  evaluatedAt!: Date;
}

@ObjectType('CaseMediationSession', { description: '调解会' })
export class MediationSessionType {
  @Field({ description: '召开时间' })
  heldAt!: Date;

  @Field({ description: '调解情况' })
  notes!: string;
}

@ObjectType('CaseMediationParty', { description: '调解当事人' })
export class MediationPartyType {
  @Field(() => ResidentReference, { nullable: true, description: '当事居民（社区居民时）' })
  resident!: ResidentReference | null;

  @Field(() => String, { nullable: true, description: '当事方说明（非本社区居民或单位）' })
  description!: string | null;
}

@ObjectType('CaseMediation', { description: '调解（纠纷类事项）' })
export class MediationType {
  @Field(() => ID, { description: '调解编号' })
  id!: string;

  @Field(() => ID, { description: '调解员（社区工作者编号）' })
  mediatorStaffId!: string;

  @Field(() => MediationOutcomeEnum, { description: '调解结果' })
  outcome!: string;

  @Field(() => String, { nullable: true, description: '调解协议内容' })
  agreement!: string | null;

  @Field({ description: '开始时间' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: '结束时间' })
  concludedAt!: Date | null;

  @Field(() => [MediationPartyType], { description: '当事人' })
  parties!: MediationPartyType[];

  @Field(() => [MediationSessionType], { description: '调解会记录' })
  sessions!: MediationSessionType[];
}
