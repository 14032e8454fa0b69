import { connectionType } from '@shequ/subgraph';
import {
  FundApplicationType,
  FundDisbursementType,
  FundDonationType,
  FundDonorType,
  FundLedgerEntryType,
  FundProgrammeType,
} from './fund.type.js';

export const FundDonorConnection = connectionType(FundDonorType, 'FundDonor', '捐赠人');
export const FundDonationConnection = connectionType(FundDonationType, 'FundDonation', '捐赠');
export const FundDisbursementConnection = connectionType(FundDisbursementType, 'FundDisbursement', '救助');
export const FundLedgerEntryConnection = connectionType(FundLedgerEntryType, 'FundLedgerEntry', '台账记录');
export const FundProgrammeConnection = connectionType(FundProgrammeType, 'FundProgramme', '资助项目');
export const FundApplicationConnection = connectionType(FundApplicationType, 'FundApplication', '资助/救助申请');
