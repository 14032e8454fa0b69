import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@shequ/subgraph';
import {
  FundApplicationStatusEnum,
  FundDisbursementReasonEnum,
  FundDisbursementStatusEnum,
  FundDonationFormEnum,
  FundDonorKindEnum,
  FundProgrammeKindEnum,
} from './fund.enums.js';
import {
  FundApplicationType,
  FundDisbursementType,
  FundDonationType,
  FundDonorType,
  FundLedgerEntryType,
  FundProgrammeRoundType,
  FundProgrammeType,
} from './fund.type.js';

@InputType('RegisterFundDonorInput', { description: '登记捐赠人' })
export class RegisterFundDonorInput {
  @Field(() => FundDonorKindEnum, { description: '类别（匿名捐赠无需登记捐赠人）' })
  kind!: string;

  @Field(() => String, { nullable: true, description: '名称（选择居民或组织时可不填）' })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: '居民编号（居民、党员、楼组长、“五老”）' })
  residentId?: string | null;

  @Field(() => ID, { nullable: true, description: '组织编号（辖区单位、企业）' })
  organizationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '同意在年度报告中公开鸣谢（默认否）' })
  namedInReport?: boolean | null;
}

@ObjectType('RegisterFundDonorPayload', { description: '登记捐赠人的结果' })
export class RegisterFundDonorPayload {
  @Field(() => FundDonorType, { description: '捐赠人' })
  donor!: FundDonorType;
}

@InputType('RecordFundDonationInput', { description: '登记捐赠（开具收据）' })
export class RecordFundDonationInput {
  @Field(() => ID, { nullable: true, description: '捐赠人编号（不填为匿名捐赠，如晚会现场募捐箱）' })
  donorId?: string | null;

  @Field(() => FundDonationFormEnum, { description: '形式' })
  form!: string;

  @Field(() => Int, { description: '金额或物资估值（分，整数）' })
  amountFen!: number;

  @Field(() => String, { nullable: true, description: '物资说明（捐物时必填）' })
  itemDescription?: string | null;

  @Field({ description: '收据号（本社区唯一）' })
  receiptNumber!: string;

  @Field(() => DateScalar, { description: '收到日期' })
  receivedOn!: string;

  @Field(() => ID, { nullable: true, description: '募捐所在活动编号（文化部门登记活动募捐时必填）' })
  eventId?: string | null;

  @Field(() => ID, { nullable: true, description: '定向资助项目编号（企业定向捐赠）' })
  programmeId?: string | null;

  @Field(() => String, { nullable: true, description: '备注' })
  note?: string | null;
}

@ObjectType('RecordFundDonationPayload', { description: '登记捐赠的结果' })
export class RecordFundDonationPayload {
  @Field(() => FundDonationType, { description: '捐赠' })
  donation!: FundDonationType;
}

@InputType('ProposeFundDisbursementInput', { description: '提议救助（保障站）' })
export class ProposeFundDisbursementInput {
  @Field(() => ID, { description: '受助居民编号' })
  residentId!: string;

  @Field(() => ID, { nullable: true, description: '受助住户编号（默认居民所在住户）' })
  householdId?: string | null;

  @Field(() => FundDisbursementReasonEnum, { description: '救助事由' })
  reason!: string;

  @Field(() => Int, { description: '金额（分，整数）' })
  amountFen!: number;

  @Field({ description: '情况说明' })
  statement!: string;

  @Field(() => ID, { nullable: true, description: '关联的救助申请事项编号（社情民意服务）' })
  caseId?: string | null;
}

@InputType('ApproveFundDisbursementInput', { description: '两委审批救助' })
export class ApproveFundDisbursementInput {
  @Field(() => ID, { description: '救助编号' })
  disbursementId!: string;

  @Field(() => DateScalar, { description: '两委会议决定日期' })
  approvedOn!: string;

  @Field(() => [String], { description: '参会审批人姓名（至少两名）' })
  approvers!: string[];

  @Field(() => String, { nullable: true, description: '会议纪要编号' })
  decisionReference?: string | null;
}

@InputType('PublishFundDisbursementInput', { description: '公示救助（自今日起）' })
export class PublishFundDisbursementInput {
  @Field(() => ID, { description: '救助编号' })
  disbursementId!: string;

  @Field(() => Int, { nullable: true, description: '公示天数（默认 7 天）' })
  publicityDays?: number | null;
}

@InputType('ChallengeFundDisbursementInput', { description: '登记公示期内的异议' })
export class ChallengeFundDisbursementInput {
  @Field(() => ID, { description: '救助编号' })
  disbursementId!: string;

  @Field({ description: '异议内容' })
  note!: string;
}

@InputType('ResolveFundDisbursementChallengeInput', { description: '两委处理公示异议' })
export class ResolveFundDisbursementChallengeInput {
  @Field(() => ID, { description: '救助编号' })
  disbursementId!: string;

  @Field({ description: '异议是否成立（成立则撤回救助；不成立则重新公示）' })
  upheld!: boolean;

  @Field({ description: '处理意见' })
  resolution!: string;
}

@InputType('WithdrawFundDisbursementInput', { description: '撤回尚未发放的救助' })
export class WithdrawFundDisbursementInput {
  @Field(() => ID, { description: '救助编号' })
  disbursementId!: string;

  @Field({ description: '撤回原因' })
  reason!: string;
}

@InputType('PayFundDisbursementInput', { description: '发放救助（公示期满后）' })
export class PayFundDisbursementInput {
  @Field(() => ID, { description: '救助编号' })
  disbursementId!: string;
}

@ObjectType('FundDisbursementPayload', { description: '救助变更的结果' })
export class FundDisbursementPayload {
  @Field(() => FundDisbursementType, { description: '救助' })
  disbursement!: FundDisbursementType;
}

@InputType('ReverseFundLedgerEntryInput', { description: '冲正一条台账记录' })
export class ReverseFundLedgerEntryInput {
  @Field(() => ID, { description: '被冲正的记录编号' })
  entryId!: string;

  @Field({ description: '冲正原因' })
  reason!: string;
}

@ObjectType('ReverseFundLedgerEntryPayload', { description: '冲正的结果' })
export class ReverseFundLedgerEntryPayload {
  @Field(() => FundLedgerEntryType, { description: '新增的冲正记录' })
  reversal!: FundLedgerEntryType;

  @Field(() => FundLedgerEntryType, { description: '被冲正的记录' })
  original!: FundLedgerEntryType;
}

@InputType('FundDisbursementFilter', { description: '救助筛选条件' })
export class FundDisbursementFilter {
  @Field(() => FundDisbursementStatusEnum, { nullable: true, description: '状态' })
  status?: string | null;

  @Field(() => Int, { nullable: true, description: '提议年度' })
  year?: number | null;
}

@InputType('CreateFundProgrammeInput', { description: '设立资助项目' })
export class CreateFundProgrammeInput {
  @Field(() => FundProgrammeKindEnum, { description: '类别' })
  kind!: string;

  @Field({ description: '名称' })
  name!: string;

  @Field(() => ID, { nullable: true, description: '资助单位（组织编号）' })
  sponsorOrganizationId?: string | null;

  @Field(() => String, { nullable: true, description: '资助方或受理机构名称' })
  sponsorName?: string | null;

  @Field(() => String, { nullable: true, description: '资助条件' })
  eligibility?: string | null;
}

@ObjectType('FundProgrammePayload', { description: '资助项目变更的结果' })
export class FundProgrammePayload {
  @Field(() => FundProgrammeType, { description: '项目' })
  programme!: FundProgrammeType;
}

@InputType('OpenFundProgrammeRoundInput', { description: '开展定向资助项目的年度批次' })
export class OpenFundProgrammeRoundInput {
  @Field(() => ID, { description: '项目编号' })
  programmeId!: string;

  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => Int, { description: '预算（分）' })
  budgetFen!: number;

  @Field(() => DateScalar, { description: '申请开始日期' })
  opensOn!: string;

  @Field(() => DateScalar, { description: '申请截止日期' })
  closesOn!: string;
}

@ObjectType('OpenFundProgrammeRoundPayload', { description: '开展年度批次的结果' })
export class OpenFundProgrammeRoundPayload {
  @Field(() => FundProgrammeRoundType, { description: '年度批次' })
  round!: FundProgrammeRoundType;
}

@InputType('ApplyToFundProgrammeInput', { description: '为居民提出资助或救助申请' })
export class ApplyToFundProgrammeInput {
  @Field(() => ID, { description: '项目编号' })
  programmeId!: string;

  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @Field(() => DateScalar, { description: '申请日期' })
  appliedOn!: string;

  @Field({ description: '申请情况说明' })
  statement!: string;

  @Field(() => String, { nullable: true, description: '外部机构受理编号' })
  externalReference?: string | null;
}

@InputType('DecideFundApplicationInput', { description: '登记申请结果' })
export class DecideFundApplicationInput {
  @Field(() => ID, { description: '申请编号' })
  applicationId!: string;

  @Field({ description: '是否获批' })
  awarded!: boolean;

  @Field(() => DateScalar, { description: '结果日期' })
  decidedOn!: string;

  @Field(() => Int, { nullable: true, description: '资助/救助金额（分，获批时必填）' })
  awardedFen?: number | null;

  @Field(() => String, { nullable: true, description: '结果说明（未获批时必填）' })
  note?: string | null;
}

@ObjectType('FundApplicationPayload', { description: '申请变更的结果' })
export class FundApplicationPayload {
  @Field(() => FundApplicationType, { description: '申请' })
  application!: FundApplicationType;
}

@InputType('FundApplicationFilter', { description: '申请筛选条件' })
export class FundApplicationFilter {
  @Field(() => ID, { nullable: true, description: '项目编号' })
  programmeId?: string | null;

  @Field(() => FundApplicationStatusEnum, { nullable: true, description: '状态' })
  status?: string | null;
}
