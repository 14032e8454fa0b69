import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FundDisbursementReasons, FundDonorKinds } from '@shequ/contracts';
import { withThreshold } from './disclosure-threshold.js';
import type { Role } from '@shequ/auth';
import { statementsDuring } from '@shequ/database';
import { ManualClock } from '@shequ/subgraph';
import { auditEntries } from './audit-entries.js';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { CareRecord, Organization } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, knownReferencesFixture, placesFixture, residentIn } from './fixtures.js';

const DAY = 86_400_000;
const DONATE = `mutation($input: RecordFundDonationInput!) { recordFundDonation(input: $input) { donation { id ledgerEntryId } } }`;
const DONOR = `mutation($input: RegisterFundDonorInput!) { registerFundDonor(input: $input) { donor { id } } }`;
const PROPOSE = `mutation($input: ProposeFundDisbursementInput!) { proposeFundDisbursement(input: $input) { disbursement { id } } }`;
const APPROVE = `mutation($input: ApproveFundDisbursementInput!) { approveFundDisbursement(input: $input) { disbursement { id } } }`;
const PUBLISH = `mutation($input: PublishFundDisbursementInput!) { publishFundDisbursement(input: $input) { disbursement { id } } }`;
const PAY = `mutation($input: PayFundDisbursementInput!) { payFundDisbursement(input: $input) { disbursement { id status } } }`;
const SUMMARY = `query($year: Int!) { fundLedgerSummary(year: $year) { year openingBalanceFen incomeFen spendingFen closingBalanceFen
  months { month incomeFen spendingFen closingBalanceFen } reasons { reason disbursements spendingFen } } }`;
const REPORT = `query($year: Int!) { fundAnnualReport(year: $year) { donations namedDonors { name kind moneyFen inKindValueFen donations }
  unnamedDonors unnamedMoneyFen donorKinds { kind donors moneyFen } inKindValueFen programmeAwards programmeAwardedFen
  outsideApplications outsideAwarded outsideAwardedFen summary { incomeFen spendingFen closingBalanceFen reasons { reason disbursements spendingFen } } } }`;
const DISBURSEMENTS = `{ fundDisbursements(first: 10) { totalCount edges { node { id amountFen reason statement recipient { id } } } } }`;

describe.each(testDialects())('阳光爱心基金 roles, report and programmes on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
  let receipt = 0;
  let enterprise: string;

  const call = (query: string, variables: Record<string, unknown>, role: Role = 'community_admin') =>
    service.graphql(query, variables, { role, ...(role === 'analyst' ? { community: '350203008' } : {}) });
  const ok = async (query: string, variables: Record<string, unknown> = {}, role: Role = 'community_admin') => {
    const result = await call(query, variables, role);
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, any>;
  };
  const donation = (amountFen: number, extra: Record<string, unknown> = {}) => ({
    input: { form: 'MONEY', amountFen, receiptNumber: `R-${++receipt}`, receivedOn: '2026-05-20', ...extra },
  });

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect, clock });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '谢晨阳', '1968-04-12', 3);
    const parent = residentIn(em, households[2], '马师傅', '1985-02-02', 5);
    Object.assign(parent, {
      residenceType: 'FLOATING',
      residencePermitIssuedOn: '2026-01-10',
      residencePermitExpiresOn: '2027-01-09',
    });
    const child = residentIn(em, households[2], '马小宝', '2015-09-01', 6);
    const other = residentIn(em, households[1], '陈小明', '2014-03-03', 7); // registered family, not eligible
    em.create(CareRecord, {
      id: 'care-migrant-child',
      communityId: COMMUNITY,
      resident: child,
      category: 'MIGRANT_WORKER_CHILD',
      startedOn: '2025-09-01',
      source: '入户走访',
    });
    em.create(Organization, { id: 'org-zxl', communityId: COMMUNITY, name: '中信隆进出口公司', kind: 'PARTNER_UNIT' });
    void other;
    await em.flush();
    await knownReferencesFixture(em, { eventIds: ['gala-may'] });
    enterprise = (await ok(DONOR, { input: { kind: 'ENTERPRISE', organizationId: 'org-zxl', namedInReport: true } }))
      .registerFundDonor.donor.id;
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('applies the role matrix: 保障站 proposes and pays, 两委 approves, 文化 records collections, analysts see totals', async () => {
    // Denied: FORBIDDEN, or (文化 outside an event) the event required. Allowed probes fail on the amount: nothing written.
    const forbidden = async (query: string, variables: Record<string, unknown>, role: Role) => {
      const extensions = (await call(query, variables, role)).errors?.[0]?.extensions;
      return extensions?.code === 'FORBIDDEN' || extensions?.field === 'eventId';
    };
    const read = (role: Role) => forbidden(`{ fund { balanceFen } }`, {}, role);
    const totals = (role: Role) => forbidden(SUMMARY, { year: 2026 }, role);
    const donate = (role: Role) => forbidden(DONATE, donation(0), role);
    const collect = (role: Role) => forbidden(DONATE, donation(0, { eventId: 'gala-may' }), role);
    const propose = (role: Role) =>
      forbidden(
        PROPOSE,
        { input: { residentId: 'resident-3', reason: 'ILLNESS', amountFen: 0, statement: '困难' } },
        role,
      );
    const approve = (role: Role) =>
      forbidden(APPROVE, { input: { disbursementId: 'x', approvedOn: '2026-06-01', approvers: ['甲', '乙'] } }, role);
    const pay = (role: Role) => forbidden(PAY, { input: { disbursementId: 'x' } }, role);
    const roles: Role[] = [
      'community_admin',
      'civil_affairs',
      'culture',
      'analyst',
      'grid_worker',
      'comprehensive_governance',
      'party_affairs',
      'family_planning',
    ];
    const matrix: Record<string, string> = {};
    for (const role of roles) {
      const allowed = await Promise.all([read, totals, donate, collect, propose, approve, pay].map((f) => f(role)));
      matrix[role] = allowed.map((denied) => (denied ? '-' : 'Y')).join('');
    }
    //                      read totals donate collect propose approve pay
    expect(matrix).toEqual({
      community_admin: 'YYYY-Y-',
      civil_affairs: 'YYYYY-Y',
      culture: '---Y---',
      analyst: '-Y-----',
      grid_worker: '-------',
      comprehensive_governance: '-------',
      party_affairs: '-------',
      family_planning: '-------',
    });
    // 文化 records only collections at an event.
    const plain = await call(DONATE, donation(100), 'culture');
    expect((await ok(`{ fund { entryCount } }`)).fund.entryCount).toBe(0);
    expect(plain.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventId' });
  });

  it('shows recipients and reasons only to roles that see care categories, and audits the reads', async () => {
    await ok(
      PROPOSE,
      { input: { residentId: 'resident-3', reason: 'ILLNESS', amountFen: 100, statement: '脑癌术后' } },
      'civil_affairs',
    );
    const view = (await service.graphql(DISBURSEMENTS, {}, { role: 'civil_affairs', subject: 'staff-ss' })).data;
    expect(view.fundDisbursements.edges[0].node).toMatchObject({
      reason: 'ILLNESS',
      statement: '脑癌术后',
      recipient: { id: 'resident-3' },
    });
    const audit = await auditEntries(service, { callerId: 'staff-ss' });
    expect(audit.map((e) => [e.subjectId, e.fields])).toEqual([['resident-3', 'careCategories']]);
    const analyst = await call(DISBURSEMENTS, {}, 'analyst');
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('summarises the year by month and reason in one query and reports it without recipients', async () => {
    const year = 2026;
    await ok(DONATE, donation(600000, { donorId: enterprise, receivedOn: '2026-01-15' }), 'civil_affairs');
    await ok(
      DONATE,
      donation(120000, { donorId: enterprise, form: 'IN_KIND', itemDescription: '书包文具 60 套' }),
      'civil_affairs',
    );
    await ok(DONATE, donation(8850, { eventId: 'gala-may', receivedOn: '2026-05-20' }), 'culture');
    const member = (
      await ok(DONOR, { input: { kind: 'PARTY_MEMBER', residentId: 'resident-5', namedInReport: false } })
    ).registerFundDonor.donor.id;
    await ok(DONATE, donation(20000, { donorId: member, receivedOn: '2026-02-01' }), 'civil_affairs');
    const pay = async (residentId: string, reason: string, amountFen: number) => {
      const id = (
        await ok(PROPOSE, { input: { residentId, reason, amountFen, statement: '情况属实' } }, 'civil_affairs')
      ).proposeFundDisbursement.disbursement.id;
      await ok(APPROVE, { input: { disbursementId: id, approvedOn: '2026-06-01', approvers: ['林书记', '陈主任'] } });
      await ok(PUBLISH, { input: { disbursementId: id, publicityDays: 1 } }, 'civil_affairs');
      return id;
    };
    const ids = [await pay('resident-3', 'ILLNESS', 300000), await pay('resident-6', 'EDUCATION', 50000)];
    clock.advance(DAY);
    for (const id of ids) await ok(PAY, { input: { disbursementId: id } }, 'civil_affairs');

    const summary = (await ok(SUMMARY, { year }, 'civil_affairs')).fundLedgerSummary;
    expect(summary).toMatchObject({
      year,
      openingBalanceFen: 0,
      incomeFen: 628850,
      spendingFen: 350000,
      closingBalanceFen: 278850,
      reasons: [
        { reason: 'ILLNESS', disbursements: 1, spendingFen: 300000 },
        { reason: 'EDUCATION', disbursements: 1, spendingFen: 50000 },
      ],
    });
    expect(summary.months.find((m: any) => m.month === '2026-06')).toEqual({
      month: '2026-06',
      incomeFen: 0,
      spendingFen: 350000,
      closingBalanceFen: 278850,
    });
    // Analysts get the same totals over their street.
    expect((await ok(SUMMARY, { year }, 'analyst')).fundLedgerSummary.closingBalanceFen).toBe(278850);

    const report = (await ok(REPORT, { year }, 'community_admin')).fundAnnualReport;
    expect(report).toMatchObject({
      donations: 4,
      namedDonors: [
        { name: '中信隆进出口公司', kind: 'ENTERPRISE', moneyFen: 600000, inKindValueFen: 120000, donations: 2 },
      ],
      unnamedDonors: 2, // the party member who did not agree, and the gala's anonymous collection
      unnamedMoneyFen: 28850,
      inKindValueFen: 120000,
    });
    const text = JSON.stringify(report);
    for (const name of ['谢晨阳', '马小宝', '马师傅', 'resident-3', 'resident-6']) expect(text).not.toContain(name);
    const forAnalyst = (await ok(REPORT, { year }, 'analyst')).fundAnnualReport;
    expect(forAnalyst.namedDonors).toEqual([]);
    expect(forAnalyst.summary.closingBalanceFen).toBe(278850);
  });

  it('gives analysts disbursements by reason and award counts under disclosure control, exact to the fund’s staff', async () => {
    const year = 2026;
    const REASONS = `query($year: Int!) { fundLedgerSummary(year: $year) { spendingFen reasons { reason disbursements spendingFen suppressed } } }`;
    const AWARDS = `query($year: Int!) { fundAnnualReport(year: $year) { programmeAwards programmeAwardedFen outsideApplications
      outsideAwarded outsideAwardedFen suppressed summary { reasons { reason disbursements spendingFen suppressed } } } }`;
    const exact = (await ok(REASONS, { year }, 'civil_affairs')).fundLedgerSummary;
    expect(exact.reasons.length).toBeGreaterThan(0);
    for (const r of exact.reasons) expect(r).toMatchObject({ disbursements: expect.any(Number), suppressed: null });
    // one ILLNESS and one EDUCATION payment (a household each): an analyst learns neither count nor amount
    const controlled = (await ok(REASONS, { year }, 'analyst')).fundLedgerSummary;
    expect(controlled.spendingFen).toBe(exact.spendingFen);
    expect(controlled.reasons.map((r: any) => r.reason)).toEqual(FundDisbursementReasons.codes); // every reason listed
    for (const r of controlled.reasons)
      expect(r).toEqual({
        reason: r.reason,
        disbursements: null,
        spendingFen: null,
        suppressed: expect.stringMatching(/抑制/),
      });
    const report = (await ok(AWARDS, { year }, 'analyst')).fundAnnualReport;
    expect(report).toMatchObject({
      programmeAwards: null,
      programmeAwardedFen: null,
      outsideApplications: null,
      outsideAwarded: null,
      outsideAwardedFen: null,
      suppressed: expect.stringMatching(/programmeAwards.*抑制/),
    });
    for (const r of report.summary.reasons) expect(r.disbursements).toBeNull();
    // below a threshold of 1 nothing is small: the analyst sees the exact figures
    const open = await withThreshold('1', () => ok(REASONS, { year }, 'analyst'));
    const shown = open.fundLedgerSummary.reasons.filter((r: any) => r.disbursements > 0);
    expect(shown).toEqual(exact.reasons.filter((r: any) => r.disbursements > 0));
  });

  it('gives analysts the donors by kind, the unnamed donors and the in-kind total under disclosure control, exact to the fund’s staff', async () => {
    const year = 2026;
    const DONORS = `query($year: Int!) { fundAnnualReport(year: $year) { unnamedDonors unnamedMoneyFen inKindValueFen suppressed
      donorKinds { kind donors moneyFen inKindValueFen suppressed } } }`;
    // one enterprise (money and 书包文具), one party member who asked not to be named, one anonymous gala collection
    const exact = (await ok(DONORS, { year }, 'civil_affairs')).fundAnnualReport;
    expect(exact).toMatchObject({ unnamedDonors: 2, unnamedMoneyFen: 28850, inKindValueFen: 120000, suppressed: null });
    expect(exact.donorKinds).toEqual(
      expect.arrayContaining([
        { kind: 'ENTERPRISE', donors: 1, moneyFen: 600000, inKindValueFen: 120000, suppressed: null },
        { kind: 'PARTY_MEMBER', donors: 1, moneyFen: 20000, inKindValueFen: 0, suppressed: null },
      ]),
    );
    expect((await ok(DONORS, { year }, 'community_admin')).fundAnnualReport).toEqual(exact);

    // an analyst learns no kind's donors or gifts: each kind has one donor (the party member's 200 元 is theirs)
    const controlled = (await ok(DONORS, { year }, 'analyst')).fundAnnualReport;
    expect(controlled.donorKinds.map((k: any) => k.kind)).toEqual(FundDonorKinds.codes); // every kind listed
    for (const k of controlled.donorKinds)
      expect(k).toEqual({
        kind: k.kind,
        donors: null,
        moneyFen: null,
        inKindValueFen: null,
        suppressed: expect.stringMatching(/^donors：.*抑制；moneyFen：.*抑制；inKindValueFen：.*抑制$/),
      });
    expect(controlled).toMatchObject({
      unnamedDonors: null,
      unnamedMoneyFen: null,
      inKindValueFen: null,
      suppressed: expect.stringMatching(/unnamedDonors：.*抑制；unnamedMoneyFen：.*抑制；inKindValueFen：.*抑制/),
    });
    for (const amount of ['20000', '600000', '120000', '28850'])
      expect(JSON.stringify(controlled)).not.toContain(amount);

    // below a threshold of 1 nothing is small: the analyst sees each kind's donors and money exactly
    const open = (await withThreshold('1', () => ok(DONORS, { year }, 'analyst'))).fundAnnualReport;
    expect(open.donorKinds.filter((k: any) => k.donors > 0).map((k: any) => [k.kind, k.donors, k.moneyFen])).toEqual(
      exact.donorKinds.map((k: any) => [k.kind, k.donors, k.moneyFen]),
    );
    expect(open).toMatchObject({ unnamedDonors: 2, unnamedMoneyFen: 28850, inKindValueFen: 120000 });
  });

  it('runs the «爱心伴我成长» 助学金: sponsor, yearly round, eligibility, award paid through 公示; 红十字 applications tracked', async () => {
    const CREATE = `mutation($input: CreateFundProgrammeInput!) { createFundProgramme(input: $input) { programme { id name sponsorName } } }`;
    const ROUND = `mutation($input: OpenFundProgrammeRoundInput!) { openFundProgrammeRound(input: $input) { round { id year } } }`;
    const APPLY = `mutation($input: ApplyToFundProgrammeInput!) { applyToFundProgramme(input: $input) { application { id status year } } }`;
    const DECIDE = `mutation($input: DecideFundApplicationInput!) { decideFundApplication(input: $input) { application { id status awardedFen disbursementId applicant { id } } } }`;
    const aid = (
      await ok(CREATE, {
        input: {
          kind: 'SPONSORED',
          name: '“爱心伴我成长”助学金',
          sponsorOrganizationId: 'org-zxl',
          eligibility: '辖区困难外来务工人员子女',
        },
      })
    ).createFundProgramme.programme;
    expect(aid.sponsorName).toBe('中信隆进出口公司');
    await ok(ROUND, {
      input: { programmeId: aid.id, year: 2026, budgetFen: 100000, opensOn: '2026-06-01', closesOn: '2026-08-31' },
    });
    const again = await call(
      ROUND,
      { input: { programmeId: aid.id, year: 2026, budgetFen: 1, opensOn: '2026-06-01', closesOn: '2026-06-02' } },
      'civil_affairs',
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const apply = (residentId: string) =>
      call(
        APPLY,
        { input: { programmeId: aid.id, residentId, appliedOn: '2026-06-02', statement: '父亲务工收入低' } },
        'civil_affairs',
      );
    const notFloating = await apply('resident-7');
    expect(notFloating.errors?.[0]?.message).toContain('流动人口');
    const grownUp = await apply('resident-5');
    expect(grownUp.errors?.[0]?.message).toContain('18');
    // the rule «未满 18 周岁» on a date the caller chose decided on resident-5's birth date: in its trail
    const usedBirthDate = async (residentId: string) =>
      (await auditEntries(service, { callerId: 'test-civil_affairs' })).filter(
        (e) => e.subjectId === residentId && e.fields.split(',').includes('birthDate'),
      ).length;
    expect(await usedBirthDate('resident-5')).toBe(1);
    const applied = await apply('resident-6');
    expect(applied.errors).toBeUndefined();
    expect(await usedBirthDate('resident-6')).toBe(1); // passed too
    // «家庭困难» decided on the care categories of everyone in resident-6's household: each in its trail
    const [{ household_id: household }] = await service.orm.em
      .getConnection()
      .execute(`select "household_id" from "resident" where "id" = 'resident-6'`);
    const housemates = (
      await service.orm.em.getConnection().execute(`select "id" from "resident" where "household_id" = ?`, [household])
    ).map((row) => String(row.id));
    expect(housemates.length).toBeGreaterThan(1);
    const usedCare = (await auditEntries(service, { callerId: 'test-civil_affairs' })).filter((e) =>
      e.fields.split(',').includes('careCategories'),
    );
    for (const id of housemates)
      expect(
        usedCare.map((e) => e.subjectId),
        id,
      ).toContain(id);
    const application = applied.data.applyToFundProgramme.application;
    expect(application).toMatchObject({ status: 'SUBMITTED', year: 2026 });
    expect((await apply('resident-6')).errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const overBudget = await call(
      DECIDE,
      { input: { applicationId: application.id, awarded: true, decidedOn: '2026-06-02', awardedFen: 100001 } },
      'civil_affairs',
    );
    expect(overBudget.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'awardedFen' });
    const awarded = await ok(
      DECIDE,
      { input: { applicationId: application.id, awarded: true, decidedOn: '2026-06-02', awardedFen: 80000 } },
      'civil_affairs',
    );
    const decision = awarded.decideFundApplication.application;
    expect(decision).toMatchObject({ status: 'AWARDED', awardedFen: 80000, applicant: { id: 'resident-6' } });
    const disbursement = await ok(
      `query($id: ID!) { fundDisbursement(id: $id) { status amountFen reason } }`,
      { id: decision.disbursementId },
      'civil_affairs',
    );
    expect(disbursement.fundDisbursement).toEqual({ status: 'PROPOSED', amountFen: 80000, reason: 'EDUCATION' });

    const redCross = (
      await ok(CREATE, { input: { kind: 'OUTSIDE_BODY', name: '红十字特别救助', sponsorName: '厦门市红十字会' } })
    ).createFundProgramme.programme;
    const special = await ok(
      APPLY,
      {
        input: {
          programmeId: redCross.id,
          residentId: 'resident-3',
          appliedOn: '2026-06-02',
          statement: '脑癌，多次赴京手术',
          externalReference: 'HSZ-2026-018',
        },
      },
      'civil_affairs',
    );
    const outcome = await ok(
      DECIDE,
      {
        input: {
          applicationId: special.applyToFundProgramme.application.id,
          awarded: true,
          decidedOn: '2026-06-20',
          awardedFen: 1000000,
        },
      },
      'civil_affairs',
    );
    expect(outcome.decideFundApplication.application).toMatchObject({ status: 'AWARDED', disbursementId: null });
    const report = (await ok(REPORT, { year: 2026 })).fundAnnualReport;
    expect(report).toMatchObject({
      programmeAwards: 1,
      programmeAwardedFen: 80000,
      outsideApplications: 1,
      outsideAwarded: 1,
      outsideAwardedFen: 1000000,
    });
  });

  it('counts the summary in the database: sums by day, kind, flow and reason, never the ledger row by row', async () => {
    const year = 2026;
    const before = (await ok(SUMMARY, { year }, 'civil_affairs')).fundLedgerSummary;
    const illness = (s: any) =>
      s.reasons.find((r: any) => r.reason === 'ILLNESS') ?? { disbursements: 0, spendingFen: 0 };
    const ids: string[] = [];
    for (const residentId of ['resident-3', 'resident-6']) {
      const id = (
        await ok(
          PROPOSE,
          { input: { residentId, reason: 'ILLNESS', amountFen: 1000, statement: '住院自付部分' } },
          'civil_affairs',
        )
      ).proposeFundDisbursement.disbursement.id;
      await ok(APPROVE, { input: { disbursementId: id, approvedOn: '2026-06-02', approvers: ['林书记', '陈主任'] } });
      await ok(PUBLISH, { input: { disbursementId: id, publicityDays: 1 } }, 'civil_affairs');
      ids.push(id);
    }
    clock.advance(2 * DAY);
    for (const id of ids) await ok(PAY, { input: { disbursementId: id } }, 'civil_affairs'); // the same day: one group

    const statements = await statementsDuring(service.orm, () => ok(SUMMARY, { year }, 'analyst'));
    const ledgerReads = statements.filter((sql) => sql.includes('fund_ledger_entry'));
    expect(ledgerReads.length).toBe(2);
    for (const sql of ledgerReads) expect(sql).toMatch(/sum\(/);
    // the annual report too: the year's donations and applications counted by the database, not read row by row
    const reportStatements = await statementsDuring(service.orm, () => ok(REPORT, { year }, 'analyst'));
    const rowReads = reportStatements.filter((sql) => /fund_donation|fund_application/.test(sql));
    expect(rowReads.length).toBe(2);
    for (const sql of rowReads) expect(sql).toMatch(/count\(\*\)/);
    const after = (await ok(SUMMARY, { year }, 'civil_affairs')).fundLedgerSummary;
    expect(illness(after).disbursements - illness(before).disbursements).toBe(2);
    expect(illness(after).spendingFen - illness(before).spendingFen).toBe(2000);
    expect(after.closingBalanceFen).toBe(before.closingBalanceFen - 2000);
    expect(after.spendingFen).toBe(before.spendingFen + 2000);
  });
});
