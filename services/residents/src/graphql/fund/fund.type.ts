import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@shequ/subgraph';
import {
  FundApplicationStatusEnum,
  FundDisbursementReasonEnum,
  FundDisbursementStatusEnum,
  FundDonationFormEnum,
  FundDonorKindEnum,
  FundLedgerEntryKindEnum,
  FundProgrammeKindEnum,
} from './fund.enums.js';

@ObjectType('Fund', { description: '阳光爱心基金：余额与台账条数（台账为准）' })
export class FundType {
  @Field(() => ID, { description: '基金编号' })
  id!: string;

  @Field({ description: '名称' })
  name!: string;

  @Field(() => Int, { description: '当前余额（分，现金，不含物资估值）' })
  balanceFen!: number;

  @Field(() => Int, { description: '台账记录条数' })
  entryCount!: number;
}

@ObjectType('FundDonor', { description: '捐赠人：居民、党员、楼组长、“五老”志愿者、单位、企业或匿名' })
export class FundDonorType {
  @Field(() => ID, { description: '捐赠人编号' })
  id!: string;

  @Field(() => FundDonorKindEnum, { description: '类别' })
  kind!: string;

  @Field(() => String, { nullable: true, description: '名称（匿名时为空）' })
  name!: string | null;

  @Field(() => ID, { nullable: true, description: '对应的居民编号' })
  residentId!: string | null;

  @Field(() => ID, { nullable: true, description: '对应的组织编号' })
  organizationId!: string | null;

  @Field({ description: '是否同意在年度报告中公开鸣谢' })
  namedInReport!: boolean;
}

@ObjectType('FundDonation', { description: '捐赠：现金（分）或物资（描述与估值），附收据' })
export class FundDonationType {
  @Field(() => ID, { description: '捐赠编号' })
  id!: string;

  @Field(() => FundDonationFormEnum, { description: '形式' })
  form!: string;

  @Field(() => Int, { description: '金额或物资估值（分）' })
  amountFen!: number;

  @Field(() => String, { nullable: true, description: '物资说明' })
  itemDescription!: string | null;

  @Field({ description: '收据号' })
  receiptNumber!: string;

  @Field(() => DateScalar, { description: '收到日期' })
  receivedOn!: string;

  @Field(() => String, { nullable: true, description: '备注' })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: '对应的收入台账记录（现金捐赠）' })
  ledgerEntryId!: string | null;
}

@ObjectType('FundDisbursement', {
  description: '救助：保障站提议，两委审批，公示期满后发放；受助人与事由按关爱对象的个人信息规则显示',
})
export class FundDisbursementType {
  @Field(() => ID, { description: '救助编号' })
  id!: string;

  @Field(() => Int, { description: '金额（分）' })
  amountFen!: number;

  @Field(() => FundDisbursementStatusEnum, { description: '状态' })
  status!: string;

  @Field(() => DateScalar, { description: '提议日期' })
  proposedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '两委决定日期' })
  approvedOn!: string | null;

  @Field(() => String, { nullable: true, description: '两委会议纪要编号' })
  decisionReference!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '公示开始日期' })
  publishedOn!: string | null;

  @Field(() => Int, { nullable: true, description: '公示天数' })
  publicityDays!: number | null;

  @Field(() => DateScalar, { nullable: true, description: '公示截止日期（含），次日起可发放' })
  publicityEndsOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '提出异议日期' })
  challengedOn!: string | null;

  @Field(() => String, { nullable: true, description: '异议处理结果（按关爱对象规则显示）' })
  challengeResolution!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '发放日期' })
  paidOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '撤回日期' })
  withdrawnOn!: string | null;

  @Field(() => String, { nullable: true, description: '撤回原因（按关爱对象规则显示）' })
  withdrawReason!: string | null;

  @Field(() => ID, { nullable: true, description: '发放对应的支出台账记录' })
  ledgerEntryId!: string | null;
}

@ObjectType('FundLedgerEntry', { description: '台账记录：只增不改，更正以冲正记录完成；余额永不为负' })
export class FundLedgerEntryType {
  @Field(() => ID, { description: '记录编号' })
  id!: string;

  @Field(() => Int, { description: '序号（本社区连续编号）' })
  sequence!: number;

  @Field(() => FundLedgerEntryKindEnum, { description: '类别' })
  kind!: string;

  @Field(() => Int, { description: '金额（分；收入为正，支出为负）' })
  amountFen!: number;

  @Field(() => Int, { description: '记账后余额（分）' })
  balanceAfterFen!: number;

  @Field(() => DateScalar, { description: '发生日期' })
  occurredOn!: string;

  @Field(() => ID, { nullable: true, description: '对应的捐赠' })
  donationId!: string | null;

  @Field(() => ID, { nullable: true, description: '对应的救助' })
  disbursementId!: string | null;

  @Field(() => ID, { nullable: true, description: '被本条冲正的记录' })
  reversesEntryId!: string | null;

  @Field(() => ID, { nullable: true, description: '冲正本条的记录' })
  reversedByEntryId!: string | null;

  /** `note`: a field of `FundLedgerResolver` (a reversed payment's note follows the care policy). */
  note!: string | null;
}

@ObjectType('FundMonthSummary', { description: '一个月的收支' })
export class FundMonthSummaryType {
  @Field({ description: '月份 YYYY-MM' })
  month!: string;

  @Field(() => Int, { description: '收入（分）' })
  incomeFen!: number;

  @Field(() => Int, { description: '支出（分）' })
  spendingFen!: number;

  @Field(() => Int, { description: '月末余额（分）' })
  closingBalanceFen!: number;
}

@ObjectType('FundReasonSummary', { description: '按救助事由的支出（只有笔数与金额，不含受助人）' })
export class FundReasonSummaryType {
  @Field(() => FundDisbursementReasonEnum, { description: '救助事由' })
  reason!: string;

  @Field(() => Int, {
    nullable: true,
    description: '发放笔数（冲正后）；为空表示已按统计披露控制抑制（见 suppressed；无权查看救助的调用方，如分析人员）',
  })
  disbursements!: number | null;

  @Field(() => Int, { nullable: true, description: '支出（分）；笔数已抑制时为空' })
  spendingFen!: number | null;

  @Field(() => String, {
    nullable: true,
    description: '为何笔数与金额为空（统计披露控制）；显示时为空',
  })
  suppressed!: string | null;
}

@ObjectType('FundLedgerSummary', { description: '基金年度收支：余额、按月与按事由的收入和支出' })
export class FundLedgerSummaryType {
  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => Int, { description: '年初余额（分）' })
  openingBalanceFen!: number;

  @Field(() => Int, { description: '全年收入（分，现金）' })
  incomeFen!: number;

  @Field(() => Int, { description: '全年支出（分）' })
  spendingFen!: number;

  @Field(() => Int, { description: '年末（或当前）余额（分）' })
  closingBalanceFen!: number;

  @Field(() => [FundMonthSummaryType], { description: '按月（12 个月）' })
  months!: FundMonthSummaryType[];

  @Field(() => [FundReasonSummaryType], { description: '按救助事由' })
  reasons!: FundReasonSummaryType[];
}

@ObjectType('FundNamedDonor', { description: '同意公开鸣谢的捐赠人' })
export class FundNamedDonorType {
  @Field({ description: '名称' })
  name!: string;

  @Field(() => FundDonorKindEnum, { description: '类别' })
  kind!: string;

  @Field(() => Int, { description: '捐款（分）' })
  moneyFen!: number;

  @Field(() => Int, { description: '捐物估值（分）' })
  inKindValueFen!: number;

  @Field(() => Int, { description: '捐赠次数' })
  donations!: number;
}

@ObjectType('FundDonorKindTotal', {
  description:
    '按捐赠人类别的合计；无权查看捐赠人的调用方（如分析人员）列出全部类别（含为零者），各数值按统计披露控制显示',
})
export class FundDonorKindTotalType {
  @Field(() => FundDonorKindEnum, { description: '类别' })
  kind!: string;

  @Field(() => Int, { nullable: true, description: '捐赠人数；为空表示已按统计披露控制抑制（见 suppressed）' })
  donors!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: '捐款（分）；捐款人数少于阈值（或为防反推）时为空（见 suppressed）',
  })
  moneyFen!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: '捐物估值（分）；捐物人数少于阈值（或为防反推）时为空（见 suppressed）',
  })
  inKindValueFen!: number | null;

  @Field(() => String, { nullable: true, description: '为何有数值为空（逐项说明抑制原因）；全部显示时为空' })
  suppressed!: string | null;
}

@ObjectType('FundAnnualReport', {
  description: '阳光爱心基金年度报告（向居民公开）：捐赠人仅在同意时具名，受助人从不具名',
})
export class FundAnnualReportType {
  @Field(() => FundLedgerSummaryType, { description: '收支汇总' })
  summary!: FundLedgerSummaryType;

  @Field(() => Int, { description: '捐赠笔数' })
  donations!: number;

  @Field(() => [FundNamedDonorType], { description: '公开鸣谢的捐赠人（仅限同意具名者；分析人员只看合计，此处为空）' })
  namedDonors!: FundNamedDonorType[];

  @Field(() => Int, {
    nullable: true,
    description:
      '未具名的爱心人士人数；为空表示已按统计披露控制抑制（见 suppressed；无权查看捐赠人的调用方，如分析人员）',
  })
  unnamedDonors!: number | null;

  @Field(() => Int, { nullable: true, description: '未具名爱心人士捐款（分）；已抑制时为空（见 suppressed）' })
  unnamedMoneyFen!: number | null;

  @Field(() => [FundDonorKindTotalType], {
    description: '按捐赠人类别的合计（无权查看捐赠人的调用方：全部类别，按统计披露控制显示）',
  })
  donorKinds!: FundDonorKindTotalType[];

  @Field(() => Int, {
    nullable: true,
    description: '物资捐赠估值合计（分，不计入余额）；捐物人数少于阈值时为空（见 suppressed）',
  })
  inKindValueFen!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      '定向资助项目（助学金）资助人数；为空表示已按统计披露控制抑制（见 suppressed；无权查看救助的调用方，如分析人员）',
  })
  programmeAwards!: number | null;

  @Field(() => Int, { nullable: true, description: '定向资助项目资助金额（分）；人数已抑制时为空' })
  programmeAwardedFen!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      '代为向外部机构申请的救助件数；为空表示已按统计披露控制抑制（见 suppressed；无权查看救助的调用方，如分析人员）',
  })
  outsideApplications!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: '其中获批件数；为空表示已按统计披露控制抑制（见 suppressed；无权查看救助的调用方，如分析人员）',
  })
  outsideAwarded!: number | null;

  @Field(() => Int, { nullable: true, description: '外部机构救助金额（分，由该机构发放）；获批件数已抑制时为空' })
  outsideAwardedFen!: number | null;

  @Field(() => String, {
    nullable: true,
    description: '为何有数值为空（统计披露控制：逐项说明抑制原因）；全部显示时为空',
  })
  suppressed!: string | null;
}

@ObjectType('FundProgramme', {
  description: '资助项目：企业定向资助（如“爱心伴我成长”助学金）或外部机构救助（如红十字特别救助）',
})
export class FundProgrammeType {
  @Field(() => ID, { description: '项目编号' })
  id!: string;

  @Field(() => FundProgrammeKindEnum, { description: '类别' })
  kind!: string;

  @Field({ description: '名称' })
  name!: string;

  @Field(() => ID, { nullable: true, description: '资助单位（组织编号）' })
  sponsorOrganizationId!: string | null;

  @Field(() => String, { nullable: true, description: '资助方或受理机构名称' })
  sponsorName!: string | null;

  @Field(() => String, { nullable: true, description: '资助条件' })
  eligibility!: string | null;
}

@ObjectType('FundProgrammeRound', { description: '定向资助项目的年度批次' })
export class FundProgrammeRoundType {
  @Field(() => ID, { description: '批次编号' })
  id!: string;

  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => Int, { description: '预算（分）' })
  budgetFen!: number;

  @Field(() => DateScalar, { description: '申请开始日期' })
  opensOn!: string;

  @Field(() => DateScalar, { description: '申请截止日期' })
  closesOn!: string;
}

@ObjectType('FundApplication', { description: '为居民提出的资助或救助申请及其结果；申请人与情况按关爱对象规则显示' })
export class FundApplicationType {
  @Field(() => ID, { description: '申请编号' })
  id!: string;

  @Field(() => DateScalar, { description: '申请日期' })
  appliedOn!: string;

  @Field(() => FundApplicationStatusEnum, { description: '状态' })
  status!: string;

  @Field(() => DateScalar, { nullable: true, description: '结果日期' })
  decidedOn!: string | null;

  @Field(() => Int, { nullable: true, description: '资助/救助金额（分）' })
  awardedFen!: number | null;

  @Field(() => String, { nullable: true, description: '结果说明（按关爱对象规则显示）' })
  outcomeNote!: string | null;

  @Field(() => String, { nullable: true, description: '外部机构受理编号' })
  externalReference!: string | null;

  @Field(() => ID, { nullable: true, description: '资助发放对应的救助编号（定向资助项目）' })
  disbursementId!: string | null;
}
