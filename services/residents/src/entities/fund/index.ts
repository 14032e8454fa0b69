import { CaseProjection } from './case-projection.js';
import { CommunityEventProjection } from './community-event-projection.js';
import { Fund } from './fund.js';
import { FundApplication } from './fund-application.js';
import { FundDisbursement } from './fund-disbursement.js';
import { FundDonation } from './fund-donation.js';
import { FundDonor } from './fund-donor.js';
import { FundLedgerEntry } from './fund-ledger-entry.js';
import { FundProgramme } from './fund-programme.js';
import { FundProgrammeRound } from './fund-programme-round.js';

export {
  CaseProjection,
  CommunityEventProjection,
  Fund,
  FundApplication,
  FundDisbursement,
  FundDonation,
  FundDonor,
  FundLedgerEntry,
  FundProgramme,
  FundProgrammeRound,
};

/** 阳光爱心基金 entities. */
export const fundEntities = [
  Fund,
  FundDonor,
  FundDonation,
  FundDisbursement,
  FundLedgerEntry,
  FundProgramme,
  FundProgrammeRound,
  FundApplication,
  CommunityEventProjection,
  CaseProjection,
];
