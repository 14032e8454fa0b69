import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar } from '@shequ/subgraph';
import {
  GenderEnum,
  PartyAppraisalGradeEnum,
  MemberFollowUpReasonEnum,
  PartyMemberStageEnum,
  PartyMemberStatusEnum,
  PartyMemberTypeEnum,
} from './enums.js';
import { PartyAppraisalType, PartyMemberType } from './member.type.js';

@InputType('EnrolPartyMemberInput', { description: '党员建档：新的入党申请人，或连同以往各阶段日期登记的党员' })
export class EnrolPartyMemberInput {
  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @Field(() => ID, { description: '所在党支部编号' })
  branchId!: string;

  @Field(() => ID, { nullable: true, description: '所在党小组编号' })
  groupId?: string | null;

  @Field(() => PartyMemberStageEnum, { nullable: true, description: '当前阶段（默认入党申请人）' })
  stage?: string | null;

  @Field(() => PartyMemberTypeEnum, { nullable: true, description: '党员类型（默认社区党员）' })
  memberType?: string | null;

  @Field(() => GenderEnum, {
    nullable: true,
    description: '不再使用：性别取自居民档案（居民服务的登记信息）；填写的值须与居民档案一致，否则拒绝',
    deprecationReason: '性别取自居民档案（居民服务的登记信息），无需填写；与档案不一致的值被拒绝',
  })
  gender?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: '不再使用：出生日期取自居民档案（居民服务的登记信息）；填写的值须与居民档案一致，否则拒绝',
    deprecationReason:
      '出生日期取自居民档案（居民服务的登记信息），无需填写；与档案不一致的值被拒绝；不能查看出生日期原值的调用方（如党建）填写即被拒绝',
  })
  birthDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '递交入党申请日期' })
  appliedOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '确定为入党积极分子日期' })
  activistOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '列为发展对象日期' })
  developmentTargetOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '接收为预备党员日期' })
  probationaryOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '转为正式党员日期' })
  fullMemberOn?: string | null;
}

@InputType('AdvancePartyMemberStageInput', { description: '发展阶段推进（须依次进行）' })
export class AdvancePartyMemberStageInput {
  @Field(() => ID, { description: '党员编号' })
  memberId!: string;

  @Field(() => PartyMemberStageEnum, { description: '新阶段' })
  to!: string;

  @Field(() => DateScalar, { description: '日期（如 支部大会讨论通过日期）' })
  on!: string;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '说明' })
  note?: string | null;
}

@InputType('ExtendPartyProbationInput', { description: '延长预备期（只能一次，最长一年）' })
export class ExtendPartyProbationInput {
  @Field(() => ID, { description: '党员编号' })
  memberId!: string;

  @Field(() => DateScalar, { description: '延长后的预备期满日' })
  until!: string;

  @MaxLength(200)
  @Field({ description: '理由' })
  reason!: string;
}

@InputType('CancelPartyProbationInput', { description: '取消预备党员资格' })
export class CancelPartyProbationInput {
  @Field(() => ID, { description: '党员编号' })
  memberId!: string;

  @Field(() => DateScalar, { description: '日期' })
  on!: string;

  @MaxLength(200)
  @Field({ description: '理由' })
  reason!: string;
}

@InputType('MovePartyMemberInput', { description: '调整党员所在党支部/党小组' })
export class MovePartyMemberInput {
  @Field(() => ID, { description: '党员编号' })
  memberId!: string;

  @Field(() => ID, { description: '党支部编号' })
  branchId!: string;

  @Field(() => ID, { nullable: true, description: '党小组编号' })
  groupId?: string | null;
}

@ObjectType('PartyMemberPayload', { description: '党员操作结果' })
export class PartyMemberPayload {
  @Field(() => PartyMemberType, { description: '党员' })
  member!: PartyMemberType;
}

@InputType('RecordPartyAppraisalInput', { description: '登记民主评议党员结果' })
export class RecordPartyAppraisalInput {
  @Field(() => ID, { description: '党员编号' })
  memberId!: string;

  @Field(() => Int, { description: '评议年度' })
  year!: number;

  @Field(() => PartyAppraisalGradeEnum, { description: '等次' })
  grade!: string;
}

@ObjectType('PartyAppraisalPayload', { description: '民主评议登记结果' })
export class PartyAppraisalPayload {
  @Field(() => PartyAppraisalType, { description: '评议结果' })
  appraisal!: PartyAppraisalType;
}

@InputType('PartyMemberFilter', { description: '党员筛选条件' })
export class PartyMemberFilter {
  @Field(() => PartyMemberStageEnum, { nullable: true, description: '发展阶段' })
  stage?: string | null;

  @Field(() => PartyMemberTypeEnum, { nullable: true, description: '党员类型' })
  memberType?: string | null;

  @Field(() => PartyMemberStatusEnum, { nullable: true, description: '组织关系状态' })
  status?: string | null;

  @Field(() => ID, { nullable: true, description: '党支部编号' })
  branchId?: string | null;

  @Field(() => MemberFollowUpReasonEnum, { nullable: true, description: '待跟进原因' })
  followUpReason?: string | null;
}
