import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '@shequ/demo-data';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { FundLedgerEntry } from '../src/entities/fund/index.js';
import { demoFundYear } from '../src/seeds/fund-demo-seed.js';
import { residentsService } from '../src/service.js';

describe.each(testDialects())('阳光爱心基金 demo year on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      seed: true,
      clock: new ManualClock(new Date('2026-11-01T08:00:00Z')),
    });
  });
  afterAll(() => service?.stop());

  it('holds a plausible year: enterprise gifts, gala collections, 春节慰问, 公示 under way, the 助学金', async () => {
    const result = await service.graphql(
      `query($gala: ID!) {
        fund { balanceFen entryCount }
        fundLedgerSummary(year: 2026) { openingBalanceFen incomeFen spendingFen closingBalanceFen months { month incomeFen spendingFen }
          reasons { reason disbursements spendingFen } }
        fundAnnualReport(year: 2026) { namedDonors { name kind } unnamedDonors programmeAwards programmeAwardedFen
          outsideApplications outsideAwarded inKindValueFen }
        galas: fundDonations(eventId: $gala) { totalCount edges { node { amountFen donor { kind } } } }
        published: fundDisbursements(filter: { status: PUBLISHED }) { totalCount }
        proposed: fundDisbursements(filter: { status: PROPOSED }) { totalCount }
        withdrawn: fundDisbursements(filter: { status: WITHDRAWN }) { totalCount }
        fundProgrammes { edges { node { name kind sponsorName rounds { year budgetFen } } } }
      }`,
      { gala: demoId('community-event', 5) },
    );
    expect(result.errors).toBeUndefined();
    const d = result.data;
    expect(d.fund.balanceFen).toBeGreaterThan(0);
    expect(d.fundLedgerSummary).toMatchObject({ openingBalanceFen: 300000, closingBalanceFen: d.fund.balanceFen }); // last November's gift
    expect(d.fundLedgerSummary.incomeFen).toBeGreaterThan(d.fundLedgerSummary.spendingFen);
    const january = d.fundLedgerSummary.months[0];
    expect(january.incomeFen).toBeGreaterThan(3000000);
    const reasons = Object.fromEntries(d.fundLedgerSummary.reasons.map((r: any) => [r.reason, r.disbursements]));
    expect(reasons).toMatchObject({ HARDSHIP: 8, ILLNESS: 3, DISASTER: 2, DISABILITY: 2, ELDERLY: 5 });
    expect(reasons.EDUCATION).toBeGreaterThan(0);
    const report = d.fundAnnualReport;
    expect(report.namedDonors.map((n: any) => n.name)).toContain('中信隆进出口公司');
    expect(report.namedDonors.map((n: any) => n.name)).toContain('厦门莲秀科技有限公司');
    expect(report.unnamedDonors).toBeGreaterThan(10);
    expect(report).toMatchObject({ programmeAwards: reasons.EDUCATION, outsideApplications: 2, outsideAwarded: 1 });
    expect(report.inKindValueFen).toBe(900000);
    expect(d.galas.totalCount).toBe(1);
    expect(d.galas.edges[0].node.donor.kind).toBe('ANONYMOUS');
    expect([d.published.totalCount, d.proposed.totalCount, d.withdrawn.totalCount]).toEqual([1, 1, 1]);
    expect(d.fundProgrammes.edges.map((e: any) => e.node)).toEqual([
      { name: '红十字特别救助', kind: 'OUTSIDE_BODY', sponsorName: '厦门市红十字会', rounds: [] },
      {
        name: '“爱心伴我成长”助学金',
        kind: 'SPONSORED',
        sponsorName: '中信隆进出口公司',
        rounds: [{ year: 2026, budgetFen: 2000000 }],
      },
    ]);
    const entries = await service.orm.em.fork().find(FundLedgerEntry, {}, { orderBy: { sequence: 'asc' } });
    let running = 0;
    for (const entry of entries) {
      running += entry.amountFen;
      expect(entry.balanceAfterFen).toBe(running);
    }
    expect(running).toBe(d.fund.balanceFen);
  });
});

describe.each(testDialects())('阳光爱心基金 demo year relative to the seed clock on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      seed: true,
      clock: new ManualClock(new Date('2027-06-15T02:00:00Z')),
    });
  });
  afterAll(() => service?.stop());

  it('seeded in June 2027: the fund year is 2026, its collections name only the galas the events seed still holds', async () => {
    expect([demoFundYear('2027-06-15'), demoFundYear('2027-10-31'), demoFundYear('2027-11-01')]).toEqual([
      2026, 2026, 2027,
    ]);
    const result = await service.graphql(
      `query($january: ID!, $august: ID!) {
        fundLedgerSummary(year: 2026) { openingBalanceFen incomeFen spendingFen }
        january: fundDonations(eventId: $january) { totalCount }
        august: fundDonations(eventId: $august) { totalCount edges { node { receivedOn } } }
        published: fundDisbursements(filter: { status: PUBLISHED }) { edges { node { proposedOn } } }
        fundProgrammes { edges { node { rounds { year } } } }
      }`,
      { january: demoId('community-event', 5), august: demoId('community-event', 19) },
    );
    expect(result.errors).toBeUndefined();
    const d = result.data;
    expect(d.fundLedgerSummary.openingBalanceFen).toBe(300000);
    expect(d.fundLedgerSummary.incomeFen).toBeGreaterThan(d.fundLedgerSummary.spendingFen);
    // The events seed holds August 2026 – July 2027: January's gala is 2027's (to come), 2026's collection names none.
    expect(d.january.totalCount).toBe(0);
    expect(d.august.edges.map((e: any) => e.node.receivedOn)).toEqual(['2026-08-20']);
    expect(d.published.edges.map((e: any) => e.node.proposedOn)).toEqual(['2027-06-09']);
    expect(d.fundProgrammes.edges.flatMap((e: any) => e.node.rounds)).toEqual([{ year: 2026 }]);
  });
});
