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
 * reason (counts and amounts), programme awards and outside applications as counts — recipients never appear. Counted
 * by the database: the year's donations summed per donor and form (reversed ones left out), its applications per
 * programme kind and status — never the year's rows read into memory.
 */
export async function fundAnnualReport(em: EntityManager, scope: Scope, year: number): Promise<FundAnnualReport> {
  const summary = await fundLedgerSummary(em, scope, year);
  const [from, to] = [`${year}-01-01`, `${year + 1}-01-01`];
  const sqlEm = em as unknown as SqlEntityManager;
  const knex = sqlEm.getKnex();
  const donations = sqlEm
    .createQueryBuilder(FundDonation, 'd')
    .join('d.donor', 'dn')
    .where({ ...scope, receivedOn: { $gte: from, $lt: to } } as never)
    .getKnexQuery();
  donations
    .clearSelect()
    .select(
      knex.raw(
        'dn."id" as "donorId", dn."kind" as "donorKind", dn."name" as "donorName", ' +
          'dn."named_in_report" as "namedInReport", d."form" as "form", ' +
          'sum(d."amount_fen") as "amountFen", count(*) as "donations"',
      ),
    )
    // a donation corrected by a reversal (a wrong receipt) is not in the report
    .whereNotExists(
      knex
        .select(knex.raw('1'))
        .from('fund_ledger_entry as r')
        .where('r.kind', 'REVERSAL')
        .whereRaw('r."donation_id" = d."id"'),
    )
    .groupByRaw('1, 2, 3, 4, 5');
  const rows: ReportDonation[] = (await execute(em, donations)).map((r) => ({
    donorId: String(r.donorId),
    donorKind: r.donorKind as ReportDonation['donorKind'],
    donorName: (r.donorName ?? null) as string | null,
    namedInReport: r.namedInReport === true || r.namedInReport === 1 || r.namedInReport === '1',
    form: r.form as ReportDonation['form'],
    amountFen: Number(r.amountFen),
    donations: Number(r.donations),
    reversed: false,
  }));
  const applications = sqlEm
    .createQueryBuilder(FundApplication, 'a')
    .join('a.programme', 'p')
    .where({ ...scope, appliedOn: { $gte: from, $lt: to } } as never)
    .getKnexQuery();
  applications
    .clearSelect()
    .select(
      knex.raw(
        'p."kind" as "kind", a."status" as "status", count(*) as "applications", ' +
          'coalesce(sum(a."awarded_fen"), 0) as "awardedFen"',
      ),
    )
    .groupByRaw('1, 2');
  const byKind = (await execute(em, applications)).map((r) => ({
    kind: String(r.kind),
    awarded: r.status === 'AWARDED',
    applications: Number(r.applications),
    awardedFen: Number(r.awardedFen),
  }));
  const sum = (rows: typeof byKind, of: 'applications' | 'awardedFen') => rows.reduce((s, r) => s + r[of], 0);
  const sponsored = byKind.filter((r) => r.kind === 'SPONSORED' && r.awarded);
  const outside = byKind.filter((r) => r.kind === 'OUTSIDE_BODY');
  const outsideAwarded = outside.filter((r) => r.awarded);
  return {
    summary,
    donors: donorReport(rows),
    donations: rows.reduce((s, r) => s + (r.donations ?? 1), 0),
    programmeAwards: sum(sponsored, 'applications'),
    programmeAwardedFen: sum(sponsored, 'awardedFen'),
    outsideApplications: sum(outside, 'applications'),
    outsideAwarded: sum(outsideAwarded, 'applications'),
    outsideAwardedFen: sum(outsideAwarded, 'awardedFen'),
  };
}

/** Runs a Knex query built from a MikroORM query builder (its bindings in the driver's form). */
async function execute(em: EntityManager, query: { toSQL(): { sql: string; bindings: readonly unknown[] } }) {
  const { sql, bindings } = query.toSQL();
  return (await em.getConnection().execute(sql, bindings as unknown[])) as Array<Record<string, unknown>>;
}
