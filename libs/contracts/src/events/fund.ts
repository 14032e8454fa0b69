import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { Id, IsoDate, Nullable, OneOf } from '../schema-types.js';
import { FundDisbursementReasons, FundDonationForms, FundDonorKinds } from '../vocabulary/fund.js';

/**
 * 阳光爱心基金 events (published by residents, where 保障站 runs the fund). Amounts are integer fen. Payloads
 * carry ids, reasons and amounts, never names: a disbursement's reason reveals hardship and is protected like a
 * care category wherever it is shown.
 */
const Amount = (description: string) => Type.Integer({ minimum: 0, description: `${description}（分）` });

export const FundDonationReceived = defineEvent({
  source: 'residents',
  aggregate: 'fund_donation',
  aggregateId: ['donationId'],
  name: 'received',
  description: '阳光爱心基金收到一笔捐赠（现金或物资），已开具收据',
  data: Type.Object({
    donationId: Id('捐赠编号'),
    donorKind: OneOf(FundDonorKinds, '捐赠人类别'),
    form: OneOf(FundDonationForms, '捐赠形式'),
    amountFen: Amount('金额或物资估值'),
    receivedOn: IsoDate('收到日期'),
    eventId: Nullable(Id('募捐所在活动编号（如晚会现场募捐）')),
    programmeId: Nullable(Id('定向资助项目编号')),
  }),
});

const Disbursement = {
  disbursementId: Id('救助编号'),
  residentId: Id('受助居民编号'),
};

export const FundDisbursementProposed = defineEvent({
  source: 'residents',
  aggregate: 'fund_disbursement',
  aggregateId: ['disbursementId'],
  name: 'proposed',
  description: '保障站提议一笔阳光爱心基金救助',
  data: Type.Object({
    ...Disbursement,
    householdId: Nullable(Id('受助住户编号')),
    reason: OneOf(FundDisbursementReasons, '救助事由'),
    amountFen: Amount('救助金额'),
    proposedOn: IsoDate('提议日期'),
    caseId: Nullable(Id('关联的救助申请事项编号')),
    programmeId: Nullable(Id('定向资助项目编号')),
  }),
});

export const FundDisbursementApproved = defineEvent({
  source: 'residents',
  aggregate: 'fund_disbursement',
  aggregateId: ['disbursementId'],
  name: 'approved',
  description: '社区两委会议审批通过一笔救助',
  data: Type.Object({ ...Disbursement, approvedOn: IsoDate('两委决定日期') }),
});

export const FundDisbursementPublished = defineEvent({
  source: 'residents',
  aggregate: 'fund_disbursement',
  aggregateId: ['disbursementId'],
  name: 'published',
  description: '救助进入公示期（公示期满且无异议方可发放）',
  data: Type.Object({
    ...Disbursement,
    publishedOn: IsoDate('公示开始日期'),
    publicityEndsOn: IsoDate('公示截止日期（含）'),
  }),
});

export const FundDisbursementPaid = defineEvent({
  source: 'residents',
  aggregate: 'fund_disbursement',
  aggregateId: ['disbursementId'],
  name: 'paid',
  description: '救助款已发放（记入基金台账）',
  data: Type.Object({
    ...Disbursement,
    reason: OneOf(FundDisbursementReasons, '救助事由'),
    amountFen: Amount('发放金额'),
    paidOn: IsoDate('发放日期'),
    caseId: Nullable(Id('关联的救助申请事项编号')),
  }),
});

export const FundDisbursementWithdrawn = defineEvent({
  source: 'residents',
  aggregate: 'fund_disbursement',
  aggregateId: ['disbursementId'],
  name: 'withdrawn',
  description: '救助在发放前撤回（含公示异议成立）',
  data: Type.Object({
    ...Disbursement,
    withdrawnOn: IsoDate('撤回日期'),
    caseId: Nullable(Id('关联的救助申请事项编号')),
  }),
});

export const fundEvents = [
  FundDonationReceived,
  FundDisbursementProposed,
  FundDisbursementApproved,
  FundDisbursementPublished,
  FundDisbursementPaid,
  FundDisbursementWithdrawn,
];
