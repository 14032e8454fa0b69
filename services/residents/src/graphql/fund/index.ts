import { FundDisbursementResolver } from './fund-disbursements.resolver.js';
import { FundDonationResolver, FundResolver } from './fund-donations.resolver.js';
import { FundLedgerResolver } from './fund-ledger.resolver.js';
import { FundApplicationResolver, FundProgrammeResolver } from './fund-programmes.resolver.js';

/** 阳光爱心基金 resolvers. */
export const fundResolvers = [
  FundResolver,
  FundDonationResolver,
  FundDisbursementResolver,
  FundLedgerResolver,
  FundProgrammeResolver,
  FundApplicationResolver,
] as const;
