import {
  FundDisbursementReasons,
  FundDonorKinds,
  type FundDisbursementReason,
  type FundDonorKind,
} from '@shequ/contracts';
import {
  controlDisclosure,
  controlTotal,
  disclosureThreshold,
  SUPPRESSED_COMPLEMENT,
  type ControlledCount,
} from '@shequ/auth';
import type { DonorKindTotal, DonorReport } from './annual-report.js';
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

/** A donor kind's line as shown: each figure null when suppressed, with why (naming the figure). */
export interface ShownDonorKind {
  kind: FundDonorKind;
  donors: number | null;
  moneyFen: number | null;
  inKindValueFen: number | null;
  suppressed: string | null;
}

/** The donor side of the annual report as shown: the donor kinds, the unnamed donors and the in-kind total. */
export interface ShownDonors {
  kinds: ShownDonorKind[];
  unnamedDonors: number | null;
  unnamedMoneyFen: number | null;
  inKindValueFen: number | null;
  /** Why each null figure outside the kinds is null (`unnamedDonors：…`), or null when all are shown. */
  suppressed: string | null;
}

/** Primary and secondary suppression of one figure over the donor kinds, the kinds forming one line. */
function controlKinds(kinds: readonly DonorKindTotal[], count: (k: DonorKindTotal) => number, threshold: number) {
  return controlDisclosure(
    kinds.map((k) => ({ keys: k.kind, count: count(k) })),
    { isProtected: () => true, lines: [() => 'kinds'], threshold },
  );
}

/**
 * The donors for a caller who may not read them one by one (no `fund:read`; analysts): a kind with one or two donors
 * (a 楼组长, an enterprise) tells what that donor gave, a donor who asked not to be named included. Every kind is
 * listed (zero too, so a listed kind says nothing); each figure is controlled over the donors it is derived from —
 * the kind's donor count over its donors, its money over those who gave money, its in-kind value over those who
 * gave in kind — with `controlDisclosure` (libs/auth): below the threshold null with its reason, and the kinds of
 * each figure forming one line whose total is known (the year's donors, money and in-kind value), so a line never
 * keeps exactly one suppressed cell (secondary suppression). The unnamed donors (`unnamedDonors`, `unnamedMoneyFen`)
 * and the in-kind total are controlled over their donors too (`controlTotal`); the unnamed donors are the anonymous
 * kind and the donors of other kinds who did not agree to be named, so where the anonymous kind is shown and the
 * others are below the threshold, the unnamed figure is suppressed as well (the difference would tell their gifts).
 */
export function controlDonors(report: DonorReport, threshold = disclosureThreshold()): ShownDonors {
  const present = new Map(report.byKind.map((k) => [k.kind, k]));
  const kinds: DonorKindTotal[] = FundDonorKinds.codes.map(
    (kind) => present.get(kind) ?? { kind, donors: 0, moneyFen: 0, inKindValueFen: 0, moneyDonors: 0, inKindDonors: 0 },
  );
  const donors = controlKinds(kinds, (k) => k.donors, threshold);
  const money = controlKinds(kinds, (k) => k.moneyDonors, threshold);
  const inKind = controlKinds(kinds, (k) => k.inKindDonors, threshold);
  const shownKinds = kinds.map((k, i) => {
    const reasons = [
      donors[i].suppressed && `donors：${donors[i].suppressed}`,
      money[i].suppressed && `moneyFen：${money[i].suppressed}`,
      inKind[i].suppressed && `inKindValueFen：${inKind[i].suppressed}`,
    ].filter(Boolean);
    return {
      kind: k.kind,
      donors: donors[i].count,
      moneyFen: money[i].count === null ? null : k.moneyFen,
      inKindValueFen: inKind[i].count === null ? null : k.inKindValueFen,
      suppressed: reasons.length > 0 ? reasons.join('；') : null,
    };
  });
  const anonymous = kinds.findIndex((k) => k.kind === 'ANONYMOUS');
  const unnamed = controlTotal(report.unnamedDonors, threshold);
  const unnamedMoney = controlTotal(report.unnamedMoneyDonors, threshold);
  // the unnamed donors less the anonymous kind: those of other kinds who did not agree to be named
  const complement = (shown: ControlledCount, anonymousShown: boolean, others: number): ControlledCount =>
    shown.count !== null && anonymousShown && others < threshold
      ? { count: null, suppressed: SUPPRESSED_COMPLEMENT }
      : shown;
  const unnamedShown = complement(
    unnamed,
    donors[anonymous].count !== null,
    report.unnamedDonors - kinds[anonymous].donors,
  );
  const unnamedMoneyShown = complement(
    unnamedMoney,
    money[anonymous].count !== null,
    report.unnamedMoneyDonors - kinds[anonymous].moneyDonors,
  );
  const inKindTotal = controlTotal(report.inKindDonors, threshold);
  const reasons = [
    unnamedShown.suppressed && `unnamedDonors：${unnamedShown.suppressed}`,
    unnamedMoneyShown.suppressed && `unnamedMoneyFen：${unnamedMoneyShown.suppressed}`,
    inKindTotal.suppressed && `inKindValueFen：${inKindTotal.suppressed}`,
  ].filter(Boolean);
  return {
    kinds: shownKinds,
    unnamedDonors: unnamedShown.count,
    unnamedMoneyFen: unnamedMoneyShown.count === null ? null : report.unnamedMoneyFen,
    inKindValueFen: inKindTotal.count === null ? null : report.inKindValueFen,
    suppressed: reasons.length > 0 ? reasons.join('；') : null,
  };
}

/** The donors as they are, for callers who read the fund's donors (`fund:read`). */
export function exactDonors(report: DonorReport): ShownDonors {
  return {
    kinds: report.byKind.map((k) => ({
      kind: k.kind,
      donors: k.donors,
      moneyFen: k.moneyFen,
      inKindValueFen: k.inKindValueFen,
      suppressed: null,
    })),
    unnamedDonors: report.unnamedDonors,
    unnamedMoneyFen: report.unnamedMoneyFen,
    inKindValueFen: report.inKindValueFen,
    suppressed: null,
  };
}
