import { vocabulary, type CodeOf } from './vocabulary.js';

/** 阳光爱心基金 捐赠人类别 */
export const FundDonorKinds = vocabulary({
  RESIDENT: '居民',
  PARTY_MEMBER: '党员',
  BUILDING_LEADER: '楼组长',
  FIVE_ELDERS: '关工委“五老”志愿者',
  ORGANIZATION: '辖区单位/社会组织',
  ENTERPRISE: '企业',
  ANONYMOUS: '匿名捐赠人',
});
export type FundDonorKind = CodeOf<typeof FundDonorKinds>;

/** 捐赠形式 */
export const FundDonationForms = vocabulary({
  MONEY: '现金/转账（计入基金余额）',
  IN_KIND: '物资（按估值登记，不计入现金余额）',
});
export type FundDonationForm = CodeOf<typeof FundDonationForms>;

/** 救助事由：揭示困难情况，按关爱对象类别同等保护 */
export const FundDisbursementReasons = vocabulary({
  ILLNESS: '大病医疗',
  DISASTER: '灾害、意外',
  HARDSHIP: '生活困难',
  EDUCATION: '助学',
  ELDERLY: '助老',
  DISABILITY: '助残',
  OTHER: '其他',
});
export type FundDisbursementReason = CodeOf<typeof FundDisbursementReasons>;

/** 救助发放流程：提议 → 两委审批 → 公示 → 发放；公示期内可提出异议，发放前可撤回 */
export const FundDisbursementStatuses = vocabulary({
  PROPOSED: '已提议（保障站）',
  APPROVED: '两委已审批',
  PUBLISHED: '公示中',
  CHALLENGED: '公示有异议（待两委处理）',
  PAID: '已发放',
  WITHDRAWN: '已撤回',
});
export type FundDisbursementStatus = CodeOf<typeof FundDisbursementStatuses>;
