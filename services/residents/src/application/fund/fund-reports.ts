import type { CommunityWhere } from '@shequ/subgraph';
import type { EntityManager } from '@mikro-orm/core';
import { donorReport, type DonorReport, type ReportDonation } from '../../domain/fund/annual-report.js';
import { summariseLedger, type LedgerSummary } from '../../domain/fund/ledger-summary.js';
import { FundApplication } from '../../entities/fund/fund-application.js';
import { FundDonation } from '../../entities/fund/fund-donation.js';
import { FundLedgerEntry } from '../../entities/fund/fund-ledger-entry.js';

type Scope = CommunityWhere;

/**
 * Balance, income and spending of a year by month and by reason, in one read of the year's entries plus one sum
 * for the balance before it. For analysts the scope is their street/district: the sum over its communities.
 */
export async function fundLedgerSummary(em: EntityManager, scope: Scope, year: number): Promise<LedgerSummary> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const entries = await em.find(
    FundLedgerEntry,
    { ...scope, occurredOn: { $gte: from, $lt: to } },
    { fields: ['occurredOn', 'kind', 'flow', 'amountFen', 'reason'], orderBy: { occurredOn: 'asc', sequence: 'asc' } },
  );
  const before = await em.find(FundLedgerEntry, { ...scope, occurredOn: { $lt: from } }, { fields: ['amountFen'] });
  return summariseLedger(
    year,
    before.reduce((sum, e) => sum + e.amountFen, 0),
    entries,
  );
}

export interface FundAnnualReport {
  summary: LedgerSummary;
  donors: DonorReport;
  donations: number;
  programmeAwards: number;
  programmeAwardedFen: number;
  outsideApplications: number;
  outsideAwarded: number;
  outsideAwardedFen: number;
}

/**
 * The annual report for residents: totals, donors thanked by name only where they agreed, disbursements by
 * reason (counts and amounts), programme awards and outside applications as counts — recipients never appear.
 */
export async function fundAnnualReport(em: EntityManager, scope: Scope, year: number): Promise<FundAnnualReport> {
  const summary = await fundLedgerSummary(em, scope, year);
  const donations = await em.find(
    FundDonation,
    { ...scope, receivedOn: { $gte: `${year}-01-01`, $lt: `${year + 1}-01-01` } },
    { populate: ['donor'] },
  );
  const reversed = new Set(
    (
      await em.find(
        FundLedgerEntry,
        { ...scope, kind: 'REVERSAL', donationId: { $in: donations.map((d) => d.id) } },
        { fields: ['donationId'] },
      )
    ).map((e) => e.donationId),
  );
  const rows: ReportDonation[] = donations.map((d) => {
    const donor = d.donor.getEntity();
    return {
      donorId: donor.id,
      donorKind: donor.kind,
      donorName: donor.name,
      namedInReport: donor.namedInReport,
      form: d.form,
      amountFen: d.amountFen,
      reversed: reversed.has(d.id),
    };
  });
  const applications = await em.find(
    FundApplication,
    { ...scope, appliedOn: { $gte: `${year}-01-01`, $lt: `${year + 1}-01-01` } },
    { populate: ['programme'] },
  );
  const awarded = applications.filter((a) => a.status === 'AWARDED');
  const sponsored = awarded.filter((a) => a.programme.getEntity().kind === 'SPONSORED');
  const outside = applications.filter((a) => a.programme.getEntity().kind === 'OUTSIDE_BODY');
  const outsideAwarded = outside.filter((a) => a.status === 'AWARDED');
  return {
    summary,
    donors: donorReport(rows),
    donations: rows.filter((r) => !r.reversed).length,
    programmeAwards: sponsored.length,
    programmeAwardedFen: sponsored.reduce((s, a) => s + (a.awardedFen ?? 0), 0),
    outsideApplications: outside.length,
    outsideAwarded: outsideAwarded.length,
    outsideAwardedFen: outsideAwarded.reduce((s, a) => s + (a.awardedFen ?? 0), 0),
  };
}
