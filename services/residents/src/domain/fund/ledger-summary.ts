import { FundDisbursementReasons, type FundDisbursementReason } from '@shequ/contracts';
import type { FundFlow, FundLedgerEntryKind } from './fund-vocabularies.js';

export interface SummaryEntry {
  occurredOn: string;
  kind: FundLedgerEntryKind;
  flow: FundFlow;
  /** Signed: income and reversals of spending positive, spending and reversals of income negative. */
  amountFen: number;
  reason: FundDisbursementReason | null;
  /** How many entries this line sums (the ledger summed by day, kind, flow and reason); 1 when omitted. */
  entries?: number;
}

export interface MonthSummary {
  month: string;
  incomeFen: number;
  spendingFen: number;
  closingBalanceFen: number;
}

export interface ReasonSummary {
  reason: FundDisbursementReason;
  disbursements: number;
  spendingFen: number;
}

export interface LedgerSummary {
  year: number;
  openingBalanceFen: number;
  incomeFen: number;
  spendingFen: number;
  closingBalanceFen: number;
  months: MonthSummary[];
  reasons: ReasonSummary[];
}

/**
 * Income and spending of one year by month and by reason, from the year's ledger entries (or their sums by day,
 * kind, flow and reason) and the balance before it. A reversal counts against the flow it corrects (a reversed
 * donation lowers income, a reversed payment lowers spending and its reason's count), so corrections never show as
 * extra income or spending.
 */
export function summariseLedger(year: number, openingBalanceFen: number, entries: SummaryEntry[]): LedgerSummary {
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: `${year}-${String(i + 1).padStart(2, '0')}`,
    incomeFen: 0,
    spendingFen: 0,
    closingBalanceFen: 0,
  }));
  const reasons = new Map<FundDisbursementReason, ReasonSummary>();
  for (const entry of entries) {
    const month = months[Number(entry.occurredOn.slice(5, 7)) - 1];
    if (entry.flow === 'INCOME') month.incomeFen += entry.amountFen;
    else month.spendingFen -= entry.amountFen;
    if (entry.flow === 'SPENDING' && entry.reason) {
      const row = reasons.get(entry.reason) ?? { reason: entry.reason, disbursements: 0, spendingFen: 0 };
      row.spendingFen -= entry.amountFen;
      row.disbursements += (entry.kind === 'REVERSAL' ? -1 : 1) * (entry.entries ?? 1);
      reasons.set(entry.reason, row);
    }
  }
  let balance = openingBalanceFen;
  for (const month of months) {
    balance += month.incomeFen - month.spendingFen;
    month.closingBalanceFen = balance;
  }
  const incomeFen = months.reduce((sum, m) => sum + m.incomeFen, 0);
  const spendingFen = months.reduce((sum, m) => sum + m.spendingFen, 0);
  return {
    year,
    openingBalanceFen,
    incomeFen,
    spendingFen,
    closingBalanceFen: balance,
    months,
    reasons: FundDisbursementReasons.codes.flatMap((code) => (reasons.has(code) ? [reasons.get(code)!] : [])),
  };
}
