import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar } from '@shequ/subgraph';
import {
  GenderEnum,
  PartyAppraisalGradeEnum,
  PartyMemberStageEnum,
  PartyMemberTypeEnum,
  PartyOrganizationLevelEnum,
} from './enums.js';
import { PartyAppraisalType, PartyMemberType } from './party-member.type.js';
import { PartyOrganizationType } from './party-organization.type.js';

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

  @Field(() => GenderEnum, { nullable: true, description: '性别（用于匿名统计）' })
  gender?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: '不再使用：出生日期取自居民档案（居民服务的登记信息），此处填写的值被忽略',
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

@InputType('CreatePartyOrganizationInput', { description: '成立党组织' })
export class CreatePartyOrganizationInput {
  @MaxLength(100)
  @Field({ description: '名称' })
  name!: string;

  @Field(() => PartyOrganizationLevelEnum, { description: '层级' })
  level!: string;

  @Field(() => ID, { nullable: true, description: '上级党组织编号（社区党委可空）' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: '书记（居民编号）' })
  secretaryResidentId?: string | null;

  @Field(() => DateScalar, { description: '成立日期' })
  establishedOn!: string;
}

@InputType('ChangePartyOrganizationInput', { description: '党组织调整（升格/降格、更名、书记变更），记入变更历史' })
export class ChangePartyOrganizationInput {
  @Field(() => ID, { description: '党组织编号' })
  organizationId!: string;

  @Field(() => PartyOrganizationLevelEnum, { nullable: true, description: '新层级（如 党总支升格为党委）' })
  level?: string | null;

  @MaxLength(100)
  @Field(() => String, { nullable: true, description: '新名称' })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: '新书记（居民编号）' })
  secretaryResidentId?: string | null;

  @Field(() => DateScalar, { description: '变更日期' })
  changedOn!: string;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '依据，如 批复文号' })
  note?: string | null;
}

@ObjectType('PartyOrganizationPayload', { description: '党组织操作结果' })
export class PartyOrganizationPayload {
  @Field(() => PartyOrganizationType, { description: '党组织' })
  organization!: PartyOrganizationType;
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
