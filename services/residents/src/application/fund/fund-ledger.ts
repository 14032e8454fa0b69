import type { FundDisbursementReason } from '@shequ/contracts';
import { forUpdate, newId } from '@shequ/database';
import type { UnitOfWork } from '@shequ/subgraph';
import { balanceAfter } from '../../domain/fund/ledger-rules.js';
import type { FundFlow, FundLedgerEntryKind } from '../../domain/fund/fund-vocabularies.js';
import { Fund } from '../../entities/fund/fund.js';
import { FundLedgerEntry } from '../../entities/fund/fund-ledger-entry.js';

export const FUND_NAME = '阳光爱心基金';
export const fundIdOf = (communityId: string): string => `fund-${communityId}`;

/**
 * The community's fund row, locked for the rest of the transaction (PostgreSQL `FOR UPDATE`; SQLite serialises
 * writers). Created on first use. Every ledger change takes this lock first, so balance checks never race.
 */
export async function lockFund(uow: UnitOfWork, communityId: string): Promise<Fund> {
  const find = () =>
    uow.em.findOne(Fund, { communityId }, { ...forUpdate(uow.em), refresh: true }) as Promise<Fund | null>;
  const found = await find();
  if (found) return found;
  await uow.em
    .getConnection()
    .execute(
      'insert into fund (id, community_id, name, balance_fen, entry_count) values (?, ?, ?, 0, 0) on conflict (community_id) do nothing',
      [fundIdOf(communityId), communityId, FUND_NAME],
      'run',
      uow.em.getTransactionContext(),
    );
  return (await find())!;
}

export interface EntryCommand {
  kind: FundLedgerEntryKind;
  flow: FundFlow;
  amountFen: number;
  occurredOn: string;
  reason?: FundDisbursementReason | null;
  donationId?: string | null;
  disbursementId?: string | null;
  reversesEntryId?: string | null;
  note?: string | null;
  recordedBy: string;
  recordedAt: Date;
}

/** Appends one entry to the locked fund's ledger: next sequence number, balance checked (never negative). */
export function postEntry(uow: UnitOfWork, fund: Fund, command: EntryCommand): FundLedgerEntry {
  const balance = balanceAfter(fund.balanceFen, command.amountFen);
  fund.entryCount += 1;
  fund.balanceFen = balance;
  return uow.em.create(FundLedgerEntry, {
    id: newId(),
    communityId: fund.communityId,
    sequence: fund.entryCount,
    kind: command.kind,
    flow: command.flow,
    amountFen: command.amountFen,
    balanceAfterFen: balance,
    occurredOn: command.occurredOn,
    reason: command.reason ?? null,
    donationId: command.donationId ?? null,
    disbursementId: command.disbursementId ?? null,
    reversesEntryId: command.reversesEntryId ?? null,
    note: command.note ?? null,
    recordedBy: command.recordedBy,
    recordedAt: command.recordedAt,
  });
}
