import { MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MediationType } from './case-parts.type.js';

@InputType('MediationPartyInput', { description: '调解当事人' })
export class MediationPartyInput {
  @Field(() => ID, { nullable: true, description: '居民编号（本社区居民）' })
  residentId?: string | null;

  @Field(() => String, { nullable: true, description: '当事方说明（非本社区居民或单位）' })
  description?: string | null;
}

@InputType('StartMediationInput', { description: '开始调解' })
export class StartMediationInput {
  @Field(() => ID, { description: '纠纷事项编号' })
  caseId!: string;

  @Field(() => ID, { description: '调解员（社区工作者编号）' })
  mediatorStaffId!: string;

  @Field(() => [MediationPartyInput], { description: '当事人（至少两方）' })
  parties!: MediationPartyInput[];
}

@InputType('RecordMediationSessionInput', { description: '记录调解会' })
export class RecordMediationSessionInput {
  @Field(() => ID, { description: '调解编号' })
  mediationId!: string;

  @Field({ description: '召开时间' })
  heldAt!: Date;

  @MaxLength(2000)
  @Field({ description: '调解情况' })
  notes!: string;
}

@InputType('ConcludeMediationInput', { description: '结束调解' })
export class ConcludeMediationInput {
  @Field(() => ID, { description: '调解编号' })
  mediationId!: string;

  @Field({ description: '是否达成协议' })
  agreementReached!: boolean;

  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: '协议内容（达成协议时必填）' })
  agreement?: string | null;
}

@ObjectType('MediationPayload', { description: '调解操作的结果' })
export class MediationPayload {
  @Field(() => MediationType, { description: '调解' })
  mediation!: MediationType;
}
