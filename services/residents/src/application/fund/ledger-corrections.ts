import { NotFoundError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';
import { assertReversible } from '../../domain/fund/ledger-rules.js';
import { FundLedgerEntry } from '../../entities/fund/fund-ledger-entry.js';
import { fundText, type FundActor } from './fund-input.js';
import { lockFund, postEntry } from './fund-ledger.js';

/**
 * Corrects a ledger entry by a reversing entry (the original stays as written): a wrongly recorded donation is
 * taken out of the balance, a payment returned goes back in. The balance check applies: a donation already
 * spent cannot be reversed below zero.
 */
export async function reverseFundLedgerEntry(
  uow: UnitOfWork,
  input: { entryId: string; reason: string },
  actor: FundActor,
): Promise<{ reversal: FundLedgerEntry; original: FundLedgerEntry }> {
  const reason = fundText(input.reason, 'reason', 200)!;
  const fund = await lockFund(uow, actor.communityId);
  const original = await uow.em.findOne(
    FundLedgerEntry,
    { id: input.entryId, communityId: actor.communityId },
    { refresh: true },
  );
  if (!original) throw new NotFoundError('台账记录', input.entryId);
  assertReversible(original);
  const reversal = postEntry(uow, fund, {
    kind: 'REVERSAL',
    flow: original.flow,
    amountFen: -original.amountFen,
    occurredOn: actor.today,
    reason: original.reason,
    donationId: original.donationId,
    disbursementId: original.disbursementId,
    reversesEntryId: original.id,
    note: reason,
    recordedBy: actor.id,
    recordedAt: actor.now,
  });
  original.reversedByEntryId = reversal.id;
  await uow.em.flush();
  return { reversal, original };
}
