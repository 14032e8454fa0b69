import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import { donorReport } from '../src/domain/fund/annual-report.js';
import { assertDisbursementCase } from '../src/domain/fund/disbursement-case.js';
import { disbursementTransition } from '../src/domain/fund/disbursement-workflow.js';
import { controlDonors } from '../src/domain/fund/fund-disclosure.js';
import { chinaDay } from '../src/domain/fund/fund-dates.js';
import { balanceAfter } from '../src/domain/fund/ledger-rules.js';
import { summariseLedger } from '../src/domain/fund/ledger-summary.js';
import { formatYuan, validAmountFen } from '../src/domain/fund/money.js';
import { assertPublicityOver, publicityEndsOn, validPublicityDays } from '../src/domain/fund/publicity.js';
import { assertStudentAidEligible } from '../src/domain/fund/programme-eligibility.js';

describe('阳光爱心基金 domain rules', () => {
  it('keeps money in whole fen and formats 元 without floating point', () => {
    expect(validAmountFen(1, 'amountFen')).toBe(1);
    expect(() => validAmountFen(12.5, 'amountFen')).toThrow(InvalidInputError);
    expect(() => validAmountFen(0, 'amountFen')).toThrow(/大于 0/);
    expect(formatYuan(123456789)).toBe('1,234,567.89 元');
    expect(formatYuan(5)).toBe('0.05 元');
    expect(formatYuan(-30000)).toBe('-300.00 元');
  });

  it('never lets the balance go negative', () => {
    expect(balanceAfter(1000, -1000)).toBe(0);
    expect(() => balanceAfter(1000, -1001)).toThrow(ConflictError);
    expect(() => balanceAfter(1000, -1001)).toThrow('基金余额不足：当前余额 10.00 元，需支出 10.01 元');
  });

  it('runs the workflow 提议 → 审批 → 公示 → 发放, naming the current status when a step is refused', () => {
    expect(disbursementTransition('PROPOSED', 'APPROVE')).toBe('APPROVED');
    expect(disbursementTransition('APPROVED', 'PUBLISH')).toBe('PUBLISHED');
    expect(disbursementTransition('PUBLISHED', 'CHALLENGE')).toBe('CHALLENGED');
    expect(disbursementTransition('CHALLENGED', 'DISMISS_CHALLENGE')).toBe('PUBLISHED');
    expect(disbursementTransition('PUBLISHED', 'PAY')).toBe('PAID');
    expect(disbursementTransition('CHALLENGED', 'WITHDRAW')).toBe('WITHDRAWN');
    expect(() => disbursementTransition('PROPOSED', 'PAY')).toThrow('该救助当前为「已提议（保障站）」，不能发放');
    expect(() => disbursementTransition('PAID', 'WITHDRAW')).toThrow(/「已发放」/);
    expect(() => disbursementTransition('CHALLENGED', 'PAY')).toThrow(/公示有异议/);
  });

  it('publishes for 7 days by default; payable the day after the last day', () => {
    expect(validPublicityDays(null)).toBe(7);
    expect(() => validPublicityDays(0)).toThrow(InvalidInputError);
    expect(publicityEndsOn('2026-03-02', 7)).toBe('2026-03-08');
    expect(() => assertPublicityOver('2026-03-08', '2026-03-08')).toThrow(/尚未届满/);
    expect(() => assertPublicityOver('2026-03-09', '2026-03-08')).not.toThrow();
    expect(chinaDay(new Date('2026-03-08T16:30:00Z'))).toBe('2026-03-09');
  });

  it('summarises by month and reason, reversals counting against what they correct', () => {
    const summary = summariseLedger(2026, 5000, [
      { occurredOn: '2026-01-20', kind: 'DONATION', flow: 'INCOME', amountFen: 100000, reason: null },
      { occurredOn: '2026-02-03', kind: 'DISBURSEMENT', flow: 'SPENDING', amountFen: -30000, reason: 'ILLNESS' },
      { occurredOn: '2026-02-10', kind: 'DISBURSEMENT', flow: 'SPENDING', amountFen: -20000, reason: 'ILLNESS' },
      { occurredOn: '2026-03-01', kind: 'REVERSAL', flow: 'SPENDING', amountFen: 20000, reason: 'ILLNESS' },
      { occurredOn: '2026-03-05', kind: 'REVERSAL', flow: 'INCOME', amountFen: -1000, reason: null },
    ]);
    expect(summary).toMatchObject({ openingBalanceFen: 5000, incomeFen: 99000, spendingFen: 30000 });
    expect(summary.closingBalanceFen).toBe(5000 + 99000 - 30000);
    expect(summary.months.slice(0, 3)).toEqual([
      { month: '2026-01', incomeFen: 100000, spendingFen: 0, closingBalanceFen: 105000 },
      { month: '2026-02', incomeFen: 0, spendingFen: 50000, closingBalanceFen: 55000 },
      { month: '2026-03', incomeFen: -1000, spendingFen: -20000, closingBalanceFen: 74000 },
    ]);
    expect(summary.months).toHaveLength(12);
    expect(summary.reasons).toEqual([{ reason: 'ILLNESS', disbursements: 1, spendingFen: 30000 }]);
  });

  it('names donors in the report only where they agreed', () => {
    const report = donorReport([
      {
        donorId: 'a',
        donorKind: 'ENTERPRISE',
        donorName: '中信隆进出口公司',
        namedInReport: true,
        form: 'MONEY',
        amountFen: 500000,
        reversed: false,
      },
      {
        donorId: 'b',
        donorKind: 'PARTY_MEMBER',
        donorName: '林建国',
        namedInReport: false,
        form: 'MONEY',
        amountFen: 20000,
        reversed: false,
      },
      {
        donorId: 'c',
        donorKind: 'ANONYMOUS',
        donorName: null,
        namedInReport: false,
        form: 'MONEY',
        amountFen: 8800,
        reversed: false,
      },
      {
        donorId: 'a',
        donorKind: 'ENTERPRISE',
        donorName: '中信隆进出口公司',
        namedInReport: true,
        form: 'IN_KIND',
        amountFen: 120000,
        reversed: false,
      },
      {
        donorId: 'd',
        donorKind: 'RESIDENT',
        donorName: '陈丽',
        namedInReport: true,
        form: 'MONEY',
        amountFen: 999,
        reversed: true,
      },
    ]);
    expect(report.namedDonors).toEqual([
      { name: '中信隆进出口公司', kind: 'ENTERPRISE', moneyFen: 500000, inKindValueFen: 120000, donations: 2 },
    ]);
    expect(report).toMatchObject({ unnamedDonors: 2, unnamedMoneyFen: 28800, inKindValueFen: 120000 });
  });

  it('controls the donors by kind for analysts: small kinds, their complements, and unnamed donors told by difference', () => {
    const gifts = (kind: string, n: number, amountFen: number, extra: Partial<Record<string, unknown>> = {}) =>
      Array.from({ length: n }, (_, i) => ({
        donorId: `${kind}-${i}`,
        donorKind: kind as never,
        donorName: kind === 'ANONYMOUS' ? null : `${kind}${i}`,
        namedInReport: kind !== 'ANONYMOUS',
        form: 'MONEY' as const,
        amountFen,
        reversed: false,
        ...extra,
      }));
    // 6 residents, 7 party members (1 not named), 1 building leader who asked not to be named, 5 anonymous
    const report = donorReport([
      ...gifts('RESIDENT', 6, 1000),
      ...gifts('PARTY_MEMBER', 6, 2000),
      { ...gifts('PARTY_MEMBER', 1, 2000)[0], donorId: 'pm-unnamed', namedInReport: false },
      { ...gifts('BUILDING_LEADER', 1, 50000)[0], namedInReport: false },
      ...gifts('ANONYMOUS', 5, 300),
    ]);
    const shown = controlDonors(report, 5);
    const byKind = Object.fromEntries(shown.kinds.map((k) => [k.kind, k]));
    expect(shown.kinds).toHaveLength(7);
    // the building leader's 500 元 is suppressed; every other small kind (zero) too, so no kind is one away from a total
    expect(byKind.BUILDING_LEADER).toMatchObject({ donors: null, moneyFen: null });
    expect(byKind.RESIDENT).toMatchObject({
      donors: 6,
      moneyFen: 6000,
      suppressed: expect.stringMatching(/inKindValueFen/),
    });
    expect(byKind.ANONYMOUS).toMatchObject({ donors: 5, moneyFen: 1500 });
    // unnamed = 5 anonymous + the party member + the building leader: 7 shown beside 5 anonymous would tell that the
    // two others gave 520 元 — so the unnamed figures are suppressed as a complement
    expect(report.unnamedDonors).toBe(7);
    expect(shown).toMatchObject({ unnamedDonors: null, unnamedMoneyFen: null });
    expect(shown.suppressed).toMatch(/unnamedDonors：为防止由合计反推/);

    // one kind alone below the threshold in a line of shown kinds: the smallest shown kind is suppressed with it
    const lines = controlDonors(
      donorReport([
        ...gifts('RESIDENT', 9, 100),
        ...gifts('PARTY_MEMBER', 8, 100),
        ...gifts('BUILDING_LEADER', 7, 100),
        ...gifts('FIVE_ELDERS', 6, 100),
        ...gifts('ORGANIZATION', 5, 100),
        ...gifts('ENTERPRISE', 5, 100),
        ...gifts('ANONYMOUS', 1, 100),
      ]),
      5,
    );
    const suppressedKinds = lines.kinds.filter((k) => k.donors === null).map((k) => k.kind);
    expect(suppressedKinds).toHaveLength(2);
    expect(suppressedKinds).toContain('ANONYMOUS');
  });

  it('links a disbursement only to a 救助申请 of 保障站 not closed as rejected or duplicate', () => {
    const assistance = { category: 'ASSISTANCE_APPLICATION', department: 'SOCIAL_SECURITY' };
    for (const status of ['OPEN', 'CLOSED'])
      expect(() => assertDisbursementCase('c', { ...assistance, status })).not.toThrow();
    for (const facts of [
      { category: 'NEIGHBOUR_DISPUTE', department: 'COMPREHENSIVE_GOVERNANCE', status: 'OPEN' },
      { category: 'HOUSING_REPAIR', department: 'COMPREHENSIVE_GOVERNANCE', status: 'OPEN' },
      { category: 'ASSISTANCE_APPLICATION', department: 'OFFICE', status: 'OPEN' },
      { category: 'ASSISTANCE_APPLICATION', department: null, status: 'OPEN' },
      { ...assistance, status: 'REJECTED' },
      { ...assistance, status: 'DUPLICATE' },
    ]) {
      expect(() => assertDisbursementCase('c', facts), JSON.stringify(facts)).toThrow(InvalidInputError);
      try {
        assertDisbursementCase('c', facts);
      } catch (error) {
        expect((error as InvalidInputError).field).toBe('caseId');
      }
    }
  });

  it('admits to the 助学金 only minors of floating families in hardship', () => {
    const child = { birthDate: '2014-05-01', floatingFamily: true, hardship: true, status: 'ACTIVE' };
    expect(() => assertStudentAidEligible(child, '2026-08-01')).not.toThrow();
    expect(() => assertStudentAidEligible({ ...child, floatingFamily: false }, '2026-08-01')).toThrow(/流动人口/);
    expect(() => assertStudentAidEligible({ ...child, hardship: false }, '2026-08-01')).toThrow(/家庭困难/);
    expect(() => assertStudentAidEligible({ ...child, birthDate: '2008-01-01' }, '2026-08-01')).toThrow(/18/);
  });
});
