import { FundDisbursementReasons, FundDisbursementStatuses, FundDonationForms, FundDonorKinds } from '@shequ/contracts';
import { registerVocabularyEnum } from '@shequ/subgraph';
import {
  FundApplicationStatuses,
  FundLedgerEntryKinds,
  FundProgrammeKinds,
} from '../../domain/fund/fund-vocabularies.js';

export const FundDonorKindEnum = registerVocabularyEnum(FundDonorKinds, 'FundDonorKind', '阳光爱心基金捐赠人类别');
export const FundDonationFormEnum = registerVocabularyEnum(FundDonationForms, 'FundDonationForm', '捐赠形式');
export const FundDisbursementReasonEnum = registerVocabularyEnum(
  FundDisbursementReasons,
  'FundDisbursementReason',
  '救助事由（揭示困难情况，按关爱对象类别同等保护）',
);
export const FundDisbursementStatusEnum = registerVocabularyEnum(
  FundDisbursementStatuses,
  'FundDisbursementStatus',
  '救助状态：提议 → 两委审批 → 公示 → 发放',
);
export const FundLedgerEntryKindEnum = registerVocabularyEnum(
  FundLedgerEntryKinds,
  'FundLedgerEntryKind',
  '台账记录类别',
);
export const FundProgrammeKindEnum = registerVocabularyEnum(FundProgrammeKinds, 'FundProgrammeKind', '资助项目类别');
export const FundApplicationStatusEnum = registerVocabularyEnum(
  FundApplicationStatuses,
  'FundApplicationStatus',
  '资助/救助申请状态',
);
