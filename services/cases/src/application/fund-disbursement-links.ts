import type { EntityManager } from '@mikro-orm/core';
import type { FundDisbursementStatus } from '@shequ/contracts';
import { Case } from '../entities/case.js';
import { CaseFundDisbursement } from '../entities/case-fund-disbursement.js';
import { mayAnswerDisbursement } from '../domain/fund-disbursement-case.js';

const DEAD_ENDS = ['REJECTED', 'DUPLICATE', 'CLOSED'] as const;

/**
 * The case a disbursement answers: the one named in the proposal (only a 救助申请 of 保障站 not rejected or a duplicate:
 * another department's case is never linked), else the resident's latest live 救助申请.
 */
async function caseFor(
  em: EntityManager,
  communityId: string,
  residentId: string,
  caseId: string | null,
): Promise<string | null> {
  if (caseId) {
    const named = await em.findOne(Case, { id: caseId, communityId });
    return named && mayAnswerDisbursement(named) ? named.id : null;
  }
  const latest = await em.findOne(
    Case,
    { communityId, reporterId: residentId, category: 'ASSISTANCE_APPLICATION', status: { $nin: [...DEAD_ENDS] } },
    { orderBy: { openedAt: 'desc', id: 'desc' } },
  );
  return latest?.id ?? null;
}

/** fund_disbursement.proposed: records the disbursement and links it to its assistance case when one exists. */
export async function linkProposedDisbursement(
  em: EntityManager,
  communityId: string,
  data: { disbursementId: string; residentId: string; amountFen: number; proposedOn: string; caseId: string | null },
): Promise<void> {
  const existing = await em.findOne(CaseFundDisbursement, { disbursementId: data.disbursementId });
  const caseId = await caseFor(em, communityId, data.residentId, data.caseId);
  if (existing) {
    existing.caseId ??= caseId;
    return;
  }
  em.create(CaseFundDisbursement, {
    disbursementId: data.disbursementId,
    communityId,
    caseId,
    residentId: data.residentId,
    amountFen: data.amountFen,
    proposedOn: data.proposedOn,
  });
}

const ORDER: Record<FundDisbursementStatus, number> = {
  PROPOSED: 0,
  APPROVED: 1,
  PUBLISHED: 2,
  CHALLENGED: 2,
  PAID: 3,
  WITHDRAWN: 3,
};

/**
 * Later steps (approved, published, paid, withdrawn) move the status forward only, so a redelivered or late event
 * never moves it back; a step arriving before the proposal is ignored (the proposal carries what is needed).
 */
export async function advanceLinkedDisbursement(
  em: EntityManager,
  disbursementId: string,
  status: FundDisbursementStatus,
  dates: { paidOn?: string; withdrawnOn?: string } = {},
): Promise<void> {
  const row = await em.findOne(CaseFundDisbursement, { disbursementId });
  if (!row || ORDER[status] < ORDER[row.status]) return;
  row.status = status;
  if (dates.paidOn) row.paidOn = dates.paidOn;
  if (dates.withdrawnOn) row.withdrawnOn = dates.withdrawnOn;
}
