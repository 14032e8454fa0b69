import type { CommunityWhere } from '@shequ/subgraph';
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@shequ/database';
import { donorReport, type DonorReport, type ReportDonation } from '../../domain/fund/annual-report.js';
import { summariseLedger, type LedgerSummary, type SummaryEntry } from '../../domain/fund/ledger-summary.js';
import { FundApplication } from '../../entities/fund/fund-application.js';
import { FundDonation } from '../../entities/fund/fund-donation.js';
import { FundLedgerEntry } from '../../entities/fund/fund-ledger-entry.js';

type Scope = CommunityWhere;

/**
 * Balance, income and spending of a year by month and by reason, counted by the database: the year's entries summed
 * per day, kind, flow and reason (at most a few thousand groups whatever the rows), the balance before it one sum. For
 * analysts the scope is their street/district: the sum over its communities, in memory that does not grow with it.
 */
export async function fundLedgerSummary(em: EntityManager, scope: Scope, year: number): Promise<LedgerSummary> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const groups = await selectRows(
    em,
    { ...scope, occurredOn: { $gte: from, $lt: to } },
    'e."occurred_on" as "occurredOn", e."kind" as "kind", e."flow" as "flow", e."reason" as "reason", ' +
      'sum(e."amount_fen") as "amountFen", count(*) as "entries"',
    '1, 2, 3, 4',
  );
  const [before] = await selectRows(
    em,
    { ...scope, occurredOn: { $lt: from } },
    'coalesce(sum(e."amount_fen"), 0) as "amountFen"',
  );
  return summariseLedger(
    year,
    Number(before?.amountFen ?? 0),
    groups.map((g) => ({
      occurredOn: String(g.occurredOn),
      kind: g.kind as SummaryEntry['kind'],
      flow: g.flow as SummaryEntry['flow'],
      reason: (g.reason ?? null) as SummaryEntry['reason'],
      amountFen: Number(g.amountFen),
      entries: Number(g.entries),
    })),
  );
}

/** One aggregate select over the ledger entries matching `where` (MikroORM's filter), grouped by `groupBy` if given. */
async function selectRows(
  em: EntityManager,
  where: object,
  select: string,
  groupBy?: string,
): Promise<Array<Record<string, unknown>>> {
  const sqlEm = em as unknown as SqlEntityManager;
  const query = sqlEm
    .createQueryBuilder(FundLedgerEntry, 'e')
    .where(where as never)
    .getKnexQuery();
  query.clearSelect().select(sqlEm.getKnex().raw(select));
  if (groupBy) query.groupByRaw(groupBy);
  const { sql, bindings } = query.toSQL();
  return (await em.getConnection().execute(sql, bindings as unknown[])) as Array<Record<string, unknown>>;
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
