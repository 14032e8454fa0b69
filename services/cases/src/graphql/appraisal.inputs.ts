import { MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { CaseEvaluationType } from './case-parts.type.js';
import { EvaluationGradeEnum, RaterKindEnum } from './enums.js';

@InputType('EvaluateCaseInput', { description: '居民评议' })
export class EvaluateCaseInput {
  @Field(() => ID, { description: '事项编号' })
  caseId!: string;

  @Field(() => EvaluationGradeEnum, { description: '评议等级（优、差须写明理由，否则无效）' })
  grade!: string;

  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: '理由' })
  reason?: string | null;

  @Field(() => RaterKindEnum, { description: '评议人类型' })
  raterKind!: string;

  @Field(() => ID, { nullable: true, description: '评议居民编号（反映人本人或抽取的评议人）' })
  raterResidentId?: string | null;
}

@ObjectType('EvaluateCasePayload', { description: '居民评议的结果' })
export class EvaluateCasePayload {
  @Field(() => CaseEvaluationType, { description: '评议（含是否有效及原因）' })
  evaluation!: CaseEvaluationType;
}

@InputType('InvalidateCaseEvaluationInput', { description: '作废经查不实的居民评议' })
export class InvalidateCaseEvaluationInput {
  @Field(() => ID, { description: '评议编号' })
  evaluationId!: string;

  @Field({ description: '作废理由：经查不实的情况（至少 4 个字），记入事项办理记录' })
  reason!: string;
}

@ObjectType('InvalidateCaseEvaluationPayload', { description: '作废评议的结果' })
export class InvalidateCaseEvaluationPayload {
  @Field(() => CaseEvaluationType, { description: '评议（已无效，无效原因为经查不实及理由）' })
  evaluation!: CaseEvaluationType;
}
