import { vocabulary, type CodeOf } from '@shequ/contracts';

/** 台账记录类别 */
export const FundLedgerEntryKinds = vocabulary({
  DONATION: '捐赠收入',
  DISBURSEMENT: '救助支出',
  REVERSAL: '冲正（更正此前的一条记录）',
});
export type FundLedgerEntryKind = CodeOf<typeof FundLedgerEntryKinds>;

/** 收支方向：冲正记录沿用被冲正记录的方向，金额相反 */
export type FundFlow = 'INCOME' | 'SPENDING';

/** 资助项目类别 */
export const FundProgrammeKinds = vocabulary({
  SPONSORED: '企业定向资助项目（如“爱心伴我成长”助学金）',
  OUTSIDE_BODY: '向外部机构申请的救助（如红十字特别救助）',
});
export type FundProgrammeKind = CodeOf<typeof FundProgrammeKinds>;

/** 申请状态 */
export const FundApplicationStatuses = vocabulary({
  SUBMITTED: '已申请（待结果）',
  AWARDED: '已获资助/救助',
  DECLINED: '未获批准',
  WITHDRAWN: '已撤回',
});
export type FundApplicationStatus = CodeOf<typeof FundApplicationStatuses>;
