import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@shequ/subgraph';
import {
  MemberFollowUpReasonEnum,
  PartyAppraisalGradeEnum,
  PartyMemberStageEnum,
  PartyMemberStatusEnum,
  PartyMemberTypeEnum,
} from './enums.js';
import { ResidentReference } from './entity-references.js';
import { PartyOrganizationType } from './organization.type.js';

@ObjectType('PartyMemberStageChange', { description: '发展阶段变更记录（含延长预备期、取消预备党员资格）' })
export class PartyMemberStageChangeType {
  @Field({
    description:
      '记录类型：STAGE_CHANGED 阶段变更，PROBATION_EXTENDED 延长预备期，PROBATION_CANCELLED 取消预备党员资格',
  })
  kind!: string;

  @Field(() => PartyMemberStageEnum, { nullable: true, description: '原阶段（建档时为空）' })
  fromStage!: string | null;

  @Field(() => PartyMemberStageEnum, { description: '新阶段' })
  toStage!: string;

  @Field(() => DateScalar, { description: '日期' })
  changedOn!: string;

  @Field(() => String, { nullable: true, description: '说明' })
  note!: string | null;
}

@ObjectType('PartyAppraisal', { description: '民主评议党员结果（每年一次）' })
export class PartyAppraisalType {
  @Field(() => Int, { description: '评议年度' })
  year!: number;

  @Field(() => PartyAppraisalGradeEnum, { description: '等次' })
  grade!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('PartyMember', { description: '党员（含入党申请人、积极分子、发展对象、预备党员）' })
export class PartyMemberType {
  @Field(() => ID, { description: '党员编号' })
  id!: string;

  @Field(() => PartyMemberStageEnum, { description: '发展阶段' })
  stage!: string;

  @Field(() => DateScalar, { description: '进入当前阶段的日期' })
  stageSince!: string;

  @Field(() => PartyMemberTypeEnum, { description: '党员类型' })
  memberType!: string;

  @Field(() => PartyMemberStatusEnum, { description: '组织关系状态' })
  status!: string;

  @Field(() => PartyOrganizationType, { description: '所在党支部' })
  branch!: PartyOrganizationType;

  @Field(() => PartyOrganizationType, { nullable: true, description: '所在党小组' })
  group!: PartyOrganizationType | null;

  @Field(() => ResidentReference, {
    nullable: true,
    description: '对应的居民（居民档案无法解析时为空，并在 errors 中说明）',
  })
  resident!: ResidentReference | null;

  @Field(() => DateScalar, { nullable: true, description: '递交入党申请日期' })
  appliedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '确定为入党积极分子日期' })
  activistOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '列为发展对象日期' })
  developmentTargetOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '接收为预备党员日期（入党日期）' })
  probationaryOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '转为正式党员日期' })
  fullMemberOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '延长后的预备期满日' })
  probationExtendedUntil!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '预备期满日（最早可转正日期）' })
  probationEndsOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '取消预备党员资格日期' })
  probationCancelledOn!: string | null;

  @Field(() => MemberFollowUpReasonEnum, {
    nullable: true,
    description: '待跟进原因（居民死亡或迁出时标记，档案不删除）',
  })
  followUpReason!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '待跟进起始日期' })
  followUpSince!: string | null;

  @Field(() => [PartyMemberStageChangeType], { description: '发展阶段变更记录（最多 100 条）' })
  stageHistory!: PartyMemberStageChangeType[];

  @Field(() => [PartyAppraisalType], { description: '历年民主评议结果（最多 100 条）' })
  appraisals!: PartyAppraisalType[];

  @Field(() => Int, { description: '累计志愿服务时长（分钟），来自活动服务的志愿时长记录' })
  volunteerMinutes!: number;
}
