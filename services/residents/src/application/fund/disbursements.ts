import {
  FundDisbursementApproved,
  FundDisbursementPaid,
  FundDisbursementProposed,
  FundDisbursementPublished,
  FundDisbursementReasons,
  FundDisbursementWithdrawn,
} from '@shequ/contracts';
import { forShare, forUpdate, newId } from '@shequ/database';
import { InvalidInputError, NotFoundError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';
import { validDate } from '../../domain/dates.js';
import { checkApprovers, disbursementTransition } from '../../domain/fund/disbursement-workflow.js';
import { validAmountFen } from '../../domain/fund/money.js';
import {
  assertPublicityOver,
  assertWithinPublicity,
  publicityEndsOn,
  validPublicityDays,
} from '../../domain/fund/publicity.js';
import { assertBeneficiaryHere, assertOwnHousehold, leavingReason } from '../../domain/fund/programme-eligibility.js';
import { FundApplication } from '../../entities/fund/fund-application.js';
import { FundDisbursement } from '../../entities/fund/fund-disbursement.js';
import { Household } from '../../entities/household.js';
import { Resident } from '../../entities/resident.js';
import { fundCode, fundText, type FundActor } from './fund-input.js';
import { requireKnownCase } from './fund-references.js';
import { lockFund, postEntry } from './fund-ledger.js';

export interface ProposeDisbursementInput {
  residentId: string;
  householdId?: string | null;
  reason: string;
  amountFen: number;
  statement: string;
  caseId?: string | null;
}

/** 保障站 proposes a disbursement for a resident (and household) of the community. Nothing is reserved yet. */
export async function proposeFundDisbursement(
  uow: UnitOfWork,
  input: ProposeDisbursementInput,
  actor: FundActor,
  link: { programmeId?: string | null; applicationId?: string | null } = {},
): Promise<FundDisbursement> {
  const reason = fundCode(FundDisbursementReasons, input.reason, 'reason', '救助事由');
  const amountFen = validAmountFen(input.amountFen, 'amountFen');
  const statement = fundText(input.statement, 'statement', 500)!;
  const caseId = fundText(input.caseId, 'caseId', 36, false);
  if (caseId) await requireKnownCase(uow.em, caseId, actor.communityId);
  // read under a share lock: a death or move-out recorded meanwhile waits for this proposal
  const resident = await uow.em.findOne(
    Resident,
    { id: input.residentId, communityId: actor.communityId },
    { ...forShare(uow.em), refresh: true },
  );
  if (!resident) throw new InvalidInputError('residentId', `居民 ${input.residentId} 不存在`);
  assertBeneficiaryHere(resident.status, '提议救助');
  const householdId = resident.household?.id ?? null;
  if (input.householdId) {
    const household = await uow.em.findOne(Household, { id: input.householdId, communityId: actor.communityId });
    if (!household) throw new InvalidInputError('householdId', `住户 ${input.householdId} 不存在`);
    assertOwnHousehold(householdId, household.id);
  }
  const disbursement = uow.em.create(FundDisbursement, {
    id: newId(),
    communityId: actor.communityId,
    residentId: resident.id,
    householdId,
    reason,
    statement,
    amountFen,
    caseId,
    programmeId: link.programmeId ?? null,
    applicationId: link.applicationId ?? null,
    proposedOn: actor.today,
    proposedBy: actor.id,
  });
  uow.events.record(FundDisbursementProposed, {
    disbursementId: disbursement.id,
    residentId: resident.id,
    householdId,
    reason,
    amountFen,
    proposedOn: actor.today,
    caseId,
    programmeId: disbursement.programmeId,
  });
  await uow.em.flush();
  return disbursement;
}

/**
 * A step that moves a disbursement towards payment (approval, 公示, payment) is for a resident still living here:
 * the resident is read under a share lock first (a death or move-out, which withdraws what is unpaid, waits for
 * the step or the step for it — resident before disbursement on every path), then the disbursement is locked.
 */
async function loadForBeneficiary(
  uow: UnitOfWork,
  id: string,
  communityId: string,
  what: string,
): Promise<FundDisbursement> {
  const seen = await uow.em.findOne(FundDisbursement, { id, communityId }, { fields: ['residentId'] });
  if (!seen) throw new NotFoundError('救助', id);
  const resident = await uow.em.findOne(Resident, { id: seen.residentId }, { ...forShare(uow.em), refresh: true });
  const row = await load(uow, id, communityId);
  assertBeneficiaryHere(resident?.status ?? 'MOVED_OUT', what);
  return row;
}

async function load(uow: UnitOfWork, id: string, communityId: string): Promise<FundDisbursement> {
  // locked: every step checks the status it changes (two concurrent approvals never both apply)
  const row = await uow.em.findOne(FundDisbursement, { id, communityId }, { ...forUpdate(uow.em), refresh: true });
  if (!row) throw new NotFoundError('救助', id);
  return row;
}

/** 两委 decision: date (not in the future, not before the proposal) and the approvers. */
export async function approveFundDisbursement(
  uow: UnitOfWork,
  input: { disbursementId: string; approvedOn: string; approvers: string[]; decisionReference?: string | null },
  actor: FundActor,
): Promise<FundDisbursement> {
  const approvedOn = validDate(input.approvedOn, 'approvedOn');
  const approvers = checkApprovers(input.approvers);
  const decisionReference = fundText(input.decisionReference, 'decisionReference', 50, false);
  if (approvedOn > actor.today) throw new InvalidInputError('approvedOn', '两委决定日期不能晚于今天');
  const row = await loadForBeneficiary(uow, input.disbursementId, actor.communityId, '审批救助');
  row.status = disbursementTransition(row.status, 'APPROVE');
  if (approvedOn < row.proposedOn) throw new InvalidInputError('approvedOn', '两委决定日期不能早于提议日期');
  Object.assign(row, { approvedOn, approvers: approvers.join('、'), decisionReference });
  uow.events.record(FundDisbursementApproved, { disbursementId: row.id, residentId: row.residentId, approvedOn });
  await uow.em.flush();
  return row;
}

function publish(uow: UnitOfWork, row: FundDisbursement, today: string, days: number): void {
  row.publishedOn = today;
  row.publicityDays = days;
  row.publicityEndsOn = publicityEndsOn(today, days);
  uow.events.record(FundDisbursementPublished, {
    disbursementId: row.id,
    residentId: row.residentId,
    publishedOn: today,
    publicityEndsOn: row.publicityEndsOn,
  });
}

/** Starts 公示 today (default 7 days); payment only after it has run its course. */
export async function publishFundDisbursement(
  uow: UnitOfWork,
  input: { disbursementId: string; publicityDays?: number | null },
  actor: FundActor,
): Promise<FundDisbursement> {
  const days = validPublicityDays(input.publicityDays);
  const row = await loadForBeneficiary(uow, input.disbursementId, actor.communityId, '公示救助');
  row.status = disbursementTransition(row.status, 'PUBLISH');
  publish(uow, row, actor.today, days);
  await uow.em.flush();
  return row;
}

/** An objection raised during 公示 puts the disbursement on hold until the committee decides. */
export async function challengeFundDisbursement(
  uow: UnitOfWork,
  input: { disbursementId: string; note: string },
  actor: FundActor,
): Promise<FundDisbursement> {
  const note = fundText(input.note, 'note', 500)!;
  const row = await load(uow, input.disbursementId, actor.communityId);
  const next = disbursementTransition(row.status, 'CHALLENGE');
  assertWithinPublicity(actor.today, row.publicityEndsOn!);
  Object.assign(row, { status: next, challengedOn: actor.today, challengeNote: note });
  await uow.em.flush();
  return row;
}

/**
 * The committee decides an objection: upheld → the disbursement is withdrawn; dismissed → published again
 * for a full new period.
 */
export async function resolveFundDisbursementChallenge(
  uow: UnitOfWork,
  input: { disbursementId: string; upheld: boolean; resolution: string },
  actor: FundActor,
): Promise<FundDisbursement> {
  const resolution = fundText(input.resolution, 'resolution', 500)!;
  const row = await load(uow, input.disbursementId, actor.communityId);
  if (input.upheld) {
    disbursementTransition(row.status, 'DISMISS_CHALLENGE'); // only a challenged one is resolved
    row.challengeResolution = `异议成立：${resolution}`;
    withdraw(uow, row, actor.today, '公示异议成立');
  } else {
    row.status = disbursementTransition(row.status, 'DISMISS_CHALLENGE');
    row.challengeResolution = `异议不成立：${resolution}`;
    publish(uow, row, actor.today, row.publicityDays!);
  }
  await uow.em.flush();
  return row;
}

function withdraw(uow: UnitOfWork, row: FundDisbursement, today: string, reason: string): void {
  row.status = disbursementTransition(row.status, 'WITHDRAW');
  row.withdrawnOn = today;
  row.withdrawReason = reason;
  uow.events.record(FundDisbursementWithdrawn, {
    disbursementId: row.id,
    residentId: row.residentId,
    withdrawnOn: today,
    caseId: row.caseId,
  });
}

/** Withdraws a disbursement not yet paid (proposed, approved, in or on hold during 公示). */
export async function withdrawFundDisbursement(
  uow: UnitOfWork,
  input: { disbursementId: string; reason: string },
  actor: FundActor,
): Promise<FundDisbursement> {
  const reason = fundText(input.reason, 'reason', 200)!;
  const row = await load(uow, input.disbursementId, actor.communityId);
  withdraw(uow, row, actor.today, reason);
  await uow.em.flush();
  return row;
}

/**
 * Pays a disbursement whose 公示 is over: a spending entry in the ledger, with the fund row locked first so two
 * payments never both spend the same balance and the same disbursement is never paid twice.
 */
export async function payFundDisbursement(
  uow: UnitOfWork,
  input: { disbursementId: string },
  actor: FundActor,
): Promise<FundDisbursement> {
  const fund = await lockFund(uow, actor.communityId);
  const row = await loadForBeneficiary(uow, input.disbursementId, actor.communityId, '发放救助');
  const next = disbursementTransition(row.status, 'PAY');
  assertPublicityOver(actor.today, row.publicityEndsOn!);
  const entry = postEntry(uow, fund, {
    kind: 'DISBURSEMENT',
    flow: 'SPENDING',
    amountFen: -row.amountFen,
    occurredOn: actor.today,
    reason: row.reason,
    disbursementId: row.id,
    recordedBy: actor.id,
    recordedAt: actor.now,
  });
  Object.assign(row, { status: next, paidOn: actor.today, ledgerEntryId: entry.id });
  uow.events.record(FundDisbursementPaid, {
    disbursementId: row.id,
    residentId: row.residentId,
    reason: row.reason,
    amountFen: row.amountFen,
    paidOn: actor.today,
    caseId: row.caseId,
  });
  await uow.em.flush();
  return row;
}

/**
 * The beneficiary died or moved away (called by `recordDeath` and `moveOutResident`, in their transaction, with the
 * resident locked): every disbursement of theirs not yet paid is withdrawn (published as withdrawn, so a linked
 * case learns it) and every application awaiting its result is withdrawn, each with the reason.
 */
export async function closeFundMattersOfLeaving(
  uow: UnitOfWork,
  resident: { id: string; communityId: string; status: string },
  today: string,
): Promise<void> {
  const reason = leavingReason(resident.status);
  const open = await uow.em.find(
    FundDisbursement,
    { communityId: resident.communityId, residentId: resident.id, status: { $nin: ['PAID', 'WITHDRAWN'] } },
    { ...(forUpdate(uow.em) as object), refresh: true },
  );
  for (const row of open) withdraw(uow, row, today, reason);
  const pending = await uow.em.find(
    FundApplication,
    { communityId: resident.communityId, residentId: resident.id, status: 'SUBMITTED' },
    { ...(forUpdate(uow.em) as object), refresh: true },
  );
  for (const application of pending)
    Object.assign(application, { status: 'WITHDRAWN', decidedOn: today, outcomeNote: reason });
}
