import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { InMemoryApiKeys, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { chinaDay } from '../src/domain/fund/fund-dates.js';
import { FundLedgerEntry } from '../src/entities/fund/index.js';
import { residentsService } from '../src/service.js';
import { knownReferencesFixture, placesFixture, residentIn } from './fixtures.js';
import { publishedEvents } from './stream.js';

const CIVIL = { role: 'civil_affairs' } as const;
const DAY = 86_400_000;
const DISBURSEMENT = `disbursement { id status amountFen amount reason statement approvedOn approvers decisionReference
  publishedOn publicityDays publicityEndsOn challengedOn challengeNote challengeResolution paidOn withdrawnOn withdrawReason
  ledgerEntryId recipient { id } case { id } }`;
const DONATE = `mutation($input: RecordFundDonationInput!) { recordFundDonation(input: $input) { donation { id amountFen amount ledgerEntryId donor { kind name } event { id } } } }`;
const DONOR = `mutation($input: RegisterFundDonorInput!) { registerFundDonor(input: $input) { donor { id kind name namedInReport } } }`;
const PROPOSE = `mutation($input: ProposeFundDisbursementInput!) { proposeFundDisbursement(input: $input) { ${DISBURSEMENT} } }`;
const APPROVE = `mutation($input: ApproveFundDisbursementInput!) { approveFundDisbursement(input: $input) { ${DISBURSEMENT} } }`;
const PUBLISH = `mutation($input: PublishFundDisbursementInput!) { publishFundDisbursement(input: $input) { ${DISBURSEMENT} } }`;
const CHALLENGE = `mutation($input: ChallengeFundDisbursementInput!) { challengeFundDisbursement(input: $input) { ${DISBURSEMENT} } }`;
const RESOLVE = `mutation($input: ResolveFundDisbursementChallengeInput!) { resolveFundDisbursementChallenge(input: $input) { ${DISBURSEMENT} } }`;
const WITHDRAW = `mutation($input: WithdrawFundDisbursementInput!) { withdrawFundDisbursement(input: $input) { ${DISBURSEMENT} } }`;
const PAY = `mutation($input: PayFundDisbursementInput!) { payFundDisbursement(input: $input) { ${DISBURSEMENT} } }`;
const REVERSE = `mutation($input: ReverseFundLedgerEntryInput!) { reverseFundLedgerEntry(input: $input) { reversal { id kind amountFen balanceAfterFen reversesEntryId } original { id reversedByEntryId } } }`;
const FUND = `{ fund { balanceFen balance entryCount } }`;

describe.each(testDialects())('阳光爱心基金 ledger and 公示 on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  // 10:00 in Xiamen on 2 March 2026.
  const clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
  let receipt = 0;
  const keys = new InMemoryApiKeys();

  const ok = async (query: string, variables?: Record<string, unknown>, caller?: object) => {
    const result = await service.graphql(query, variables, caller);
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, any>;
  };
  const donate = (amountFen: number, extra: Record<string, unknown> = {}, caller: object = CIVIL) =>
    service.graphql(
      DONATE,
      {
        input: {
          form: 'MONEY',
          amountFen,
          receiptNumber: `LX-${dialect}-${++receipt}`,
          receivedOn: '2026-03-01',
          ...extra,
        },
      },
      caller,
    );
  /** A disbursement proposed, approved and published today (no payment yet). */
  const published = async (amountFen: number, residentId = 'resident-3', publicityDays?: number) => {
    const id = (
      await ok(PROPOSE, { input: { residentId, reason: 'ILLNESS', amountFen, statement: '脑癌术后，家庭困难' } }, CIVIL)
    ).proposeFundDisbursement.disbursement.id as string;
    const today = chinaDay(clock.now());
    await ok(APPROVE, { input: { disbursementId: id, approvedOn: today, approvers: ['林书记', '陈主任'] } });
    await ok(PUBLISH, { input: { disbursementId: id, publicityDays } }, CIVIL);
    return id;
  };
  const ledger = () =>
    service.orm.em.fork().find(FundLedgerEntry, { communityId: '350203008006' }, { orderBy: { sequence: 'asc' } });

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, { dialect, natsUrl: nats.url, clock, apiKeys: keys });
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '谢晨阳', '1968-04-12', 3);
    residentIn(em, households[1], '王秀兰', '1950-09-09', 4);
    await em.flush();
    await knownReferencesFixture(em, { caseIds: ['case-42'] });
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('records money donations as income entries, goods at their value outside the balance, receipts once', async () => {
    const donor = (
      await ok(DONOR, { input: { kind: 'ENTERPRISE', name: '中信隆进出口公司', namedInReport: true } }, CIVIL)
    ).registerFundDonor.donor;
    const money = await donate(500000, { donorId: donor.id });
    expect(money.errors).toBeUndefined();
    expect(money.data.recordFundDonation.donation).toMatchObject({
      amountFen: 500000,
      amount: '5,000.00 元',
      donor: { kind: 'ENTERPRISE', name: '中信隆进出口公司' },
      event: null,
    });
    expect(money.data.recordFundDonation.donation.ledgerEntryId).toBeTruthy();
    const goods = await donate(80000, { form: 'IN_KIND', itemDescription: '轮椅 2 台', donorId: donor.id });
    expect(goods.data.recordFundDonation.donation.ledgerEntryId).toBeNull();
    expect((await ok(FUND)).fund).toEqual({ balanceFen: 500000, balance: '5,000.00 元', entryCount: 1 });

    const again = await service.graphql(
      DONATE,
      { input: { form: 'MONEY', amountFen: 100, receiptNumber: `LX-${dialect}-1`, receivedOn: '2026-03-01' } },
      CIVIL,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'receiptNumber' });
    const fraction = await donate(0);
    expect(fraction.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountFen' });
    const noItem = await donate(100, { form: 'IN_KIND' });
    expect(noItem.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemDescription' });
    const future = await donate(100, { receivedOn: '2026-03-03' });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedOn' });
    expect((await ok(FUND)).fund.balanceFen).toBe(500000);
  });

  it('pays only after a full 公示 without open objections; an objection holds it until the committee decides', async () => {
    const proposed = await ok(
      PROPOSE,
      {
        input: {
          residentId: 'resident-3',
          reason: 'ILLNESS',
          amountFen: 300000,
          statement: '脑癌多次赴京手术，爱人无固定职业',
          caseId: 'case-42',
        },
      },
      CIVIL,
    );
    const id = proposed.proposeFundDisbursement.disbursement.id;
    expect(proposed.proposeFundDisbursement.disbursement).toMatchObject({
      status: 'PROPOSED',
      reason: 'ILLNESS',
      recipient: { id: 'resident-3' },
      case: { id: 'case-42' },
    });
    const early = await service.graphql(PUBLISH, { input: { disbursementId: id } }, CIVIL);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'PROPOSED' });
    expect(early.errors?.[0]?.message).toContain('已提议（保障站）');

    const oneApprover = await service.graphql(APPROVE, {
      input: { disbursementId: id, approvedOn: '2026-03-02', approvers: ['林书记'] },
    });
    expect(oneApprover.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvers' });
    // one person listed twice is one approver (fourth walk: it passed as the two a decision needs), nothing written
    for (const approvers of [['林书记', '林书记'], ['林书记', ' 林书记 '], ['林书记、陈主任']]) {
      const twice = await service.graphql(APPROVE, {
        input: { disbursementId: id, approvedOn: '2026-03-02', approvers },
      });
      expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvers' });
    }
    const stillProposed = await service.graphql(PUBLISH, { input: { disbursementId: id } }, CIVIL);
    expect(stillProposed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'PROPOSED' });
    const approved = await ok(APPROVE, {
      input: {
        disbursementId: id,
        approvedOn: '2026-03-02',
        approvers: ['林书记', '陈主任', '黄委员'],
        decisionReference: '两委〔2026〕3号',
      },
    });
    expect(approved.approveFundDisbursement.disbursement).toMatchObject({
      status: 'APPROVED',
      approvedOn: '2026-03-02',
      approvers: ['林书记', '陈主任', '黄委员'],
    });

    const publishedNow = await ok(PUBLISH, { input: { disbursementId: id } }, CIVIL);
    expect(publishedNow.publishFundDisbursement.disbursement).toMatchObject({
      status: 'PUBLISHED',
      publishedOn: '2026-03-02',
      publicityDays: 7,
      publicityEndsOn: '2026-03-08',
    });
    const tooSoon = await service.graphql(PAY, { input: { disbursementId: id } }, CIVIL);
    expect(tooSoon.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', publicityEndsOn: '2026-03-08' });
    expect(tooSoon.errors?.[0]?.message).toContain('公示期至 2026-03-08（含）尚未届满');

    clock.advance(3 * DAY); // 5 March
    const challenged = await ok(CHALLENGE, { input: { disbursementId: id, note: '居民反映其家庭另有收入' } }, CIVIL);
    expect(challenged.challengeFundDisbursement.disbursement).toMatchObject({
      status: 'CHALLENGED',
      challengedOn: '2026-03-05',
    });
    clock.advance(4 * DAY); // 9 March: the original period is over, but the objection holds the payment
    const held = await service.graphql(PAY, { input: { disbursementId: id } }, CIVIL);
    expect(held.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'CHALLENGED' });
    expect(held.errors?.[0]?.message).toContain('公示有异议');
    const byCivil = await service.graphql(
      RESOLVE,
      { input: { disbursementId: id, upheld: false, resolution: '经核实收入情况属实困难' } },
      CIVIL,
    );
    expect(byCivil.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const dismissed = await ok(RESOLVE, {
      input: { disbursementId: id, upheld: false, resolution: '经入户核实，异议不成立' },
    });
    expect(dismissed.resolveFundDisbursementChallenge.disbursement).toMatchObject({
      status: 'PUBLISHED',
      publishedOn: '2026-03-09',
      publicityEndsOn: '2026-03-15',
      challengeResolution: '异议不成立：经入户核实，异议不成立',
    });
    clock.advance(6 * DAY); // 15 March: last day of the new period
    expect((await service.graphql(PAY, { input: { disbursementId: id } }, CIVIL)).errors?.[0]?.extensions?.code).toBe(
      'CONFLICT',
    );
    clock.advance(DAY); // 16 March
    const late = await service.graphql(CHALLENGE, { input: { disbursementId: id, note: '再提异议' } }, CIVIL);
    expect(late.errors?.[0]?.message).toContain('公示期已于 2026-03-15 届满');
    const paid = await ok(PAY, { input: { disbursementId: id } }, CIVIL);
    expect(paid.payFundDisbursement.disbursement).toMatchObject({ status: 'PAID', paidOn: '2026-03-16' });
    expect((await ok(FUND)).fund.balanceFen).toBe(200000);
    const twice = await service.graphql(PAY, { input: { disbursementId: id } }, CIVIL);
    expect(twice.errors?.[0]?.message).toContain('已发放');
    const withdrawPaid = await service.graphql(WITHDRAW, { input: { disbursementId: id, reason: '误发' } }, CIVIL);
    expect(withdrawPaid.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'PAID' });

    const events = (await publishedEvents(service)).filter((e) => e.data.disbursementId === id);
    expect(events.map((e) => e.subject.replace('shequ.residents.fund_disbursement.', ''))).toEqual([
      'proposed',
      'approved',
      'published',
      'published',
      'paid',
    ]);
    expect(events.at(-1)!.data).toEqual({
      disbursementId: id,
      residentId: 'resident-3',
      reason: 'ILLNESS',
      amountFen: 300000,
      paidOn: '2026-03-16',
      caseId: 'case-42',
    });
    expect(JSON.stringify(events)).not.toContain('谢晨阳');
  });

  it('withdraws during 公示, and an upheld objection withdraws too; neither touches the ledger', async () => {
    const entries = (await ledger()).length;
    const a = await published(1000);
    const withdrawn = await ok(WITHDRAW, { input: { disbursementId: a, reason: '家属表示暂不需要' } }, CIVIL);
    expect(withdrawn.withdrawFundDisbursement.disbursement).toMatchObject({
      status: 'WITHDRAWN',
      withdrawReason: '家属表示暂不需要',
    });
    const b = await published(1000, 'resident-4');
    await ok(CHALLENGE, { input: { disbursementId: b, note: '不符合救助条件' } }, CIVIL);
    const upheld = await ok(RESOLVE, { input: { disbursementId: b, upheld: true, resolution: '核实后异议成立' } });
    expect(upheld.resolveFundDisbursementChallenge.disbursement).toMatchObject({
      status: 'WITHDRAWN',
      withdrawReason: '公示异议成立',
    });
    expect((await ledger()).length).toBe(entries);
    const subjects = (await publishedEvents(service))
      .filter((e) => e.data.disbursementId === a || e.data.disbursementId === b)
      .map((e) => e.subject.split('.').at(-1));
    expect(subjects.filter((s) => s === 'withdrawn')).toHaveLength(2);
  });

  it('never spends more than the balance, however many payments race for it', async () => {
    const balance = (await ok(FUND)).fund.balanceFen as number; // 2,000.00 元
    expect(balance).toBe(200000);
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await published(45000, i % 2 ? 'resident-4' : 'resident-3', 1));
    clock.advance(DAY);
    const results = await Promise.all(ids.map((id) => service.graphql(PAY, { input: { disbursementId: id } }, CIVIL)));
    const paid = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(paid).toHaveLength(4); // 4 × 450 元 = 1,800 元 ≤ 2,000 元 < 5 × 450 元
    expect(refused.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['CONFLICT', 'CONFLICT']);
    expect(refused[0].errors?.[0]?.message).toContain('基金余额不足：当前余额 200.00 元');

    // The same disbursement paid twice at once is paid once.
    const id = await published(10000, 'resident-3', 1);
    clock.advance(DAY);
    const double = await Promise.all(
      [1, 2, 3].map(() => service.graphql(PAY, { input: { disbursementId: id } }, CIVIL)),
    );
    expect(double.filter((r) => !r.errors)).toHaveLength(1);

    // Donations racing payments: the chain of balances stays consistent and never negative.
    const more = [];
    for (let i = 0; i < 3; i++) more.push(await published(15000, 'resident-4', 1));
    clock.advance(DAY);
    await Promise.all([
      ...more.map((d) => service.graphql(PAY, { input: { disbursementId: d } }, CIVIL)),
      donate(5000),
      donate(7000),
    ]);
    const entries = await ledger();
    expect(entries.map((e) => e.sequence)).toEqual(entries.map((_, i) => i + 1));
    let running = 0;
    for (const entry of entries) {
      running += entry.amountFen;
      expect(entry.balanceAfterFen).toBe(running);
      expect(entry.balanceAfterFen).toBeGreaterThanOrEqual(0);
    }
    expect((await ok(FUND)).fund).toMatchObject({ balanceFen: running, entryCount: entries.length });
  });

  it('corrects by reversing entries: once, never of a reversal, never below zero', async () => {
    const donation = (await donate(30000)).data.recordFundDonation.donation;
    const balance = (await ok(FUND)).fund.balanceFen as number;
    const reversed = await ok(
      REVERSE,
      { input: { entryId: donation.ledgerEntryId, reason: '收据金额登记错误' } },
      CIVIL,
    );
    expect(reversed.reverseFundLedgerEntry).toMatchObject({
      reversal: {
        kind: 'REVERSAL',
        amountFen: -30000,
        balanceAfterFen: balance - 30000,
        reversesEntryId: donation.ledgerEntryId,
      },
      original: { id: donation.ledgerEntryId },
    });
    expect(reversed.reverseFundLedgerEntry.original.reversedByEntryId).toBe(
      reversed.reverseFundLedgerEntry.reversal.id,
    );
    const again = await service.graphql(REVERSE, { input: { entryId: donation.ledgerEntryId, reason: '再次' } }, CIVIL);
    expect(again.errors?.[0]?.message).toBe('该记录已冲正');
    const ofReversal = await service.graphql(
      REVERSE,
      { input: { entryId: reversed.reverseFundLedgerEntry.reversal.id, reason: '撤销冲正' } },
      CIVIL,
    );
    expect(ofReversal.errors?.[0]?.message).toBe('冲正记录不能再冲正');

    // The first donation (5,000 元) has long been spent: reversing it would take the fund below zero.
    const [first] = await ledger();
    const spent = await service.graphql(REVERSE, { input: { entryId: first.id, reason: '重复登记' } }, CIVIL);
    expect(spent.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(spent.errors?.[0]?.message).toContain('基金余额不足');

    // A returned payment goes back in.
    const payment = (await ledger()).find((e) => e.kind === 'DISBURSEMENT')!;
    const back = await ok(REVERSE, { input: { entryId: payment.id, reason: '受助人退回' } }, CIVIL);
    expect(back.reverseFundLedgerEntry.reversal.amountFen).toBe(-payment.amountFen);

    // The note of a reversed payment speaks of the person helped: like the disbursement's reason and statement, it is
    // shown only to who sees care categories (audited); a donation's correction note is the ledger's own.
    const notes = async (caller: object) => {
      const data = await ok(`{ fundLedger(first: 100) { edges { node { id note } } } }`, {}, caller);
      return new Map<string, string | null>(
        data.fundLedger.edges.map((e: { node: { id: string; note: string | null } }) => [e.node.id, e.node.note]),
      );
    };
    const paymentReversal = back.reverseFundLedgerEntry.reversal.id as string;
    const donationReversal = reversed.reverseFundLedgerEntry.reversal.id as string;
    const noCare = keys.issue(['fund:read']).authorization;
    const withCare = keys.issue(['fund:read', 'care:read']).authorization;
    expect((await notes({ authorization: noCare })).get(paymentReversal)).toBeNull();
    expect((await notes({ authorization: noCare })).get(donationReversal)).toBe('收据金额登记错误');
    for (const caller of [{ authorization: withCare }, CIVIL])
      expect((await notes(caller)).get(paymentReversal), JSON.stringify(caller)).toBe('受助人退回');
  });
});
