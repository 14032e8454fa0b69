import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { InvalidInputError } from '@shequ/errors';
import { communityWhere, PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { fundAnnualReport, fundLedgerSummary, type FundAnnualReport } from '../../application/fund/fund-reports.js';
import {
  controlAwards,
  controlDonors,
  controlOutsideApplications,
  exactDonors,
  controlReasonSummaries,
  exactReasonSummaries,
} from '../../domain/fund/fund-disclosure.js';
import type { LedgerSummary } from '../../domain/fund/ledger-summary.js';
import { reverseFundLedgerEntry } from '../../application/fund/ledger-corrections.js';
import { FundDisbursement } from '../../entities/fund/fund-disbursement.js';
import { FundLedgerEntry } from '../../entities/fund/fund-ledger-entry.js';
import { fundActor, hardshipValue } from './fund-context.js';
import { FundLedgerEntryConnection } from './fund.connections.js';
import { ReverseFundLedgerEntryInput, ReverseFundLedgerEntryPayload } from './fund.inputs.js';
import { FundAnnualReportType, FundLedgerEntryType, FundLedgerSummaryType } from './fund.type.js';

function validYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InvalidInputError('year', '年度无效');
  return year;
}

/**
 * Counts of disbursements by reason, of awards and of donors by kind exactly for callers who read the fund person by person (`fund:read`);
 * for the others (analysts: `fund:statistics` alone) under statistical disclosure control (`fund-disclosure.ts`).
 */
function shownSummary(summary: LedgerSummary, ctx: SubgraphContext) {
  return {
    ...summary,
    reasons: ctx.access.can('fund:read')
      ? exactReasonSummaries(summary.reasons)
      : controlReasonSummaries(summary.reasons),
  };
}

function shownAwards(report: FundAnnualReport, ctx: SubgraphContext) {
  if (ctx.access.can('fund:read')) return { suppressed: null };
  const programme = controlAwards(report.programmeAwards, report.programmeAwardedFen);
  const outside = controlOutsideApplications(report);
  const reasons = [
    programme.suppressed && `programmeAwards、programmeAwardedFen：${programme.suppressed}`,
    outside.applications.suppressed && `outsideApplications：${outside.applications.suppressed}`,
    outside.awarded.suppressed && `outsideAwarded、outsideAwardedFen：${outside.awarded.suppressed}`,
  ].filter(Boolean);
  return {
    programmeAwards: programme.count,
    programmeAwardedFen: programme.amountFen,
    outsideApplications: outside.applications.count,
    outsideAwarded: outside.awarded.count,
    outsideAwardedFen: outside.awarded.amountFen,
    suppressed: reasons.length > 0 ? reasons.join('；') : null,
  };
}

@Resolver(() => FundLedgerEntryType)
export class FundLedgerResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      '说明（冲正原因）；冲正救助支出的说明关乎受助人的境况，与救助事由同样需 care:read（否则为 null，读取留痕）',
  })
  async note(@Root() entry: FundLedgerEntry, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    if (entry.note === null || entry.disbursementId === null) return entry.note;
    // a reversed payment's note ("受助人退回", "已获民政临时救助" …) speaks of the person helped, as the statement does
    const disbursement = await ctx.loaders.byId(FundDisbursement).load(entry.disbursementId);
    return disbursement ? hardshipValue(ctx, disbursement, entry.note) : null;
  }

  @Query(() => FundLedgerEntryConnection, { description: '基金台账，按序号（需 fund:read）' })
  fundLedger(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('fund:read');
    return paginate(ctx.em, FundLedgerEntry, communityWhere(ctx.access), page, { sequence: 'asc', id: 'asc' });
  }

  @Query(() => FundLedgerSummaryType, {
    description: '基金年度收支：余额、按月与按救助事由（需 fund:statistics；分析人员为所辖社区合计）',
  })
  async fundLedgerSummary(@Arg('year', () => Int, { description: '年度' }) year: number, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('fund:statistics');
    return shownSummary(await fundLedgerSummary(ctx.em, communityWhere(ctx.access), validYear(year)), ctx);
  }

  @Query(() => FundAnnualReportType, {
    description:
      '阳光爱心基金年度报告（需 fund:statistics）：捐赠人仅在同意时具名（需 fund:read 才列出），受助人从不具名',
  })
  async fundAnnualReport(@Arg('year', () => Int, { description: '年度' }) year: number, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('fund:statistics');
    const report = await fundAnnualReport(ctx.em, communityWhere(ctx.access), validYear(year));
    const staff = ctx.access.can('fund:read');
    const awards = shownAwards(report, ctx);
    // the donors by kind, the unnamed ones and the in-kind total: exact for the fund's staff, else controlled
    const donors = staff ? exactDonors(report.donors) : controlDonors(report.donors);
    const suppressed = [awards.suppressed, donors.suppressed].filter(Boolean);
    return {
      ...report,
      ...awards,
      summary: shownSummary(report.summary, ctx),
      namedDonors: staff ? report.donors.namedDonors : [],
      unnamedDonors: donors.unnamedDonors,
      unnamedMoneyFen: donors.unnamedMoneyFen,
      donorKinds: donors.kinds,
      inKindValueFen: donors.inKindValueFen,
      suppressed: suppressed.length > 0 ? suppressed.join('；') : null,
    };
  }

  @Mutation(() => ReverseFundLedgerEntryPayload, {
    description: '冲正一条台账记录（原记录不改，新增相反金额的记录；需 fund:disburse）',
  })
  async reverseFundLedgerEntry(
    @Arg('input', () => ReverseFundLedgerEntryInput, { description: '冲正信息' }) input: ReverseFundLedgerEntryInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:disburse');
    return ctx.transaction((uow) => reverseFundLedgerEntry(uow, input, fundActor(ctx)));
  }
}
