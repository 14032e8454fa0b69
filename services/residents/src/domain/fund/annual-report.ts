import { FundDonorKinds, type FundDonorKind } from '@shequ/contracts';

export interface ReportDonation {
  donorId: string;
  donorKind: FundDonorKind;
  /** The donor's name; null when anonymous. */
  donorName: string | null;
  /** The donor agreed to be named in the public report (公开鸣谢). */
  namedInReport: boolean;
  form: 'MONEY' | 'IN_KIND';
  amountFen: number;
  reversed: boolean;
  /** How many donations this row sums (the year's donations summed per donor and form); 1 when omitted. */
  donations?: number;
}

export interface NamedDonor {
  name: string;
  kind: FundDonorKind;
  moneyFen: number;
  inKindValueFen: number;
  donations: number;
}

export interface DonorKindTotal {
  kind: FundDonorKind;
  donors: number;
  moneyFen: number;
  inKindValueFen: number;
  /** How many of the kind's donors gave money, and how many in kind: the donors each amount is derived from. */
  moneyDonors: number;
  inKindDonors: number;
}

export interface DonorReport {
  namedDonors: NamedDonor[];
  /** Donors not named (anonymous or without consent): counted, never listed. */
  unnamedDonors: number;
  unnamedMoneyFen: number;
  /** How many unnamed donors gave money (the donors `unnamedMoneyFen` is derived from). */
  unnamedMoneyDonors: number;
  byKind: DonorKindTotal[];
  inKindValueFen: number;
  /** How many donors gave in kind (the donors `inKindValueFen` is derived from). */
  inKindDonors: number;
}

/**
 * The donor side of the annual report: donors who agreed are thanked by name (largest gift first), everyone
 * else is counted as 爱心人士 without a name. Reversed donations (corrected receipts) are left out.
 */
export function donorReport(donations: ReportDonation[]): DonorReport {
  const byDonor = new Map<string, { d: ReportDonation; money: number; inKind: number; count: number }>();
  for (const d of donations) {
    if (d.reversed) continue;
    const row = byDonor.get(d.donorId) ?? { d, money: 0, inKind: 0, count: 0 };
    if (d.form === 'MONEY') row.money += d.amountFen;
    else row.inKind += d.amountFen;
    row.count += d.donations ?? 1;
    byDonor.set(d.donorId, row);
  }
  const rows = [...byDonor.values()];
  const named = rows.filter((r) => r.d.namedInReport && r.d.donorName && r.d.donorKind !== 'ANONYMOUS');
  const unnamed = rows.filter((r) => !named.includes(r));
  return {
    namedDonors: named
      .map((r) => ({
        name: r.d.donorName!,
        kind: r.d.donorKind,
        moneyFen: r.money,
        inKindValueFen: r.inKind,
        donations: r.count,
      }))
      .sort((a, b) => b.moneyFen + b.inKindValueFen - (a.moneyFen + a.inKindValueFen) || a.name.localeCompare(b.name)),
    unnamedDonors: unnamed.length,
    unnamedMoneyFen: unnamed.reduce((sum, r) => sum + r.money, 0),
    unnamedMoneyDonors: unnamed.filter((r) => r.money !== 0).length,
    byKind: FundDonorKinds.codes.flatMap((kind) => {
      const of = rows.filter((r) => r.d.donorKind === kind);
      if (of.length === 0) return [];
      return [
        {
          kind,
          donors: of.length,
          moneyFen: of.reduce((s, r) => s + r.money, 0),
          inKindValueFen: of.reduce((s, r) => s + r.inKind, 0),
          moneyDonors: of.filter((r) => r.money !== 0).length,
          inKindDonors: of.filter((r) => r.inKind !== 0).length,
        },
      ];
    }),
    inKindValueFen: rows.reduce((sum, r) => sum + r.inKind, 0),
    inKindDonors: rows.filter((r) => r.inKind !== 0).length,
  };
}
