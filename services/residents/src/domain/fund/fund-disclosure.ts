import { FundDisbursementReasons, type FundDisbursementReason } from '@shequ/contracts';
import { controlDisclosure, controlTotal, disclosureThreshold } from '@shequ/auth';
import type { ReasonSummary } from './ledger-summary.js';

/** A reason's line as shown: its count and amount null when suppressed, with why. */
export interface ShownReasonSummary {
  reason: FundDisbursementReason;
  disbursements: number | null;
  spendingFen: number | null;
  suppressed: string | null;
}

/**
 * The disbursements by reason for a caller who may not read the disbursements (`fund:read`; analysts): a reason such
 * as hardship relief with a count of 1 to 4 points at a household, and its amount is that household's relief. Every
 * reason is listed (zero too, so a listed reason says nothing), each count below the threshold is null with its reason
 * (`controlDisclosure`, libs/auth), and the reasons form one line whose total (the year's spending) is shown, so a line
 * never keeps exactly one suppressed cell (secondary suppression). A suppressed count's amount is null with it.
 */
export function controlReasonSummaries(
  reasons: readonly ReasonSummary[],
  threshold = disclosureThreshold(),
): ShownReasonSummary[] {
  const byReason = new Map(reasons.map((r) => [r.reason, r]));
  const cells = FundDisbursementReasons.codes.map((reason) => ({
    keys: reason,
    count: byReason.get(reason)?.disbursements ?? 0,
    spendingFen: byReason.get(reason)?.spendingFen ?? 0,
  }));
  return controlDisclosure(cells, { isProtected: () => true, lines: [() => 'year'], threshold }).map((cell) => ({
    reason: cell.keys,
    disbursements: cell.count,
    spendingFen: cell.count === null ? null : cell.spendingFen,
    suppressed: cell.suppressed,
  }));
}

/** The reasons as they are, for callers who read disbursements person by person (`fund:read`). */
export function exactReasonSummaries(reasons: readonly ReasonSummary[]): ShownReasonSummary[] {
  return reasons.map((r) => ({ ...r, suppressed: null }));
}

/** A count of applications or awards and its amount, as shown: both null below the threshold, with why. */
export interface ShownAwards {
  count: number | null;
  amountFen: number | null;
  suppressed: string | null;
}

/**
 * Counts of programme awards and outside applications (each a household in need) for a caller who may not read them
 * one by one: null below the threshold, the amount with it (`controlTotal`).
 */
export function controlAwards(count: number, amountFen: number, threshold = disclosureThreshold()): ShownAwards {
  const shown = controlTotal(count, threshold);
  return { count: shown.count, amountFen: shown.count === null ? null : amountFen, suppressed: shown.suppressed };
}

/**
 * Outside applications and those awarded for a caller who may not read them one by one: the applications' total, and
 * the awarded and not awarded as one line under it (a shown total and a shown awarded count would tell 1 to 4 refused
 * or pending applications: the awarded count is then suppressed too); each amount null with its count.
 */
export function controlOutsideApplications(
  report: { outsideApplications: number; outsideAwarded: number; outsideAwardedFen: number },
  threshold = disclosureThreshold(),
): { applications: ShownAwards; awarded: ShownAwards } {
  const total = controlTotal(report.outsideApplications, threshold);
  const [awarded] = controlDisclosure(
    [
      { keys: 'AWARDED', count: report.outsideAwarded },
      { keys: 'OTHER', count: report.outsideApplications - report.outsideAwarded },
    ],
    { isProtected: () => true, lines: [() => 'applications'], threshold },
  );
  return {
    applications: { count: total.count, amountFen: null, suppressed: total.suppressed },
    awarded: {
      count: awarded.count,
      amountFen: awarded.count === null ? null : report.outsideAwardedFen,
      suppressed: awarded.suppressed,
    },
  };
}
