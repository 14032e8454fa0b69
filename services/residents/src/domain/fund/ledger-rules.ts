import { ConflictError } from '@shequ/errors';
import { formatYuan } from './money.js';

/**
 * The balance after an entry; the fund never goes negative. `amountFen` is signed (income +, spending −).
 * Called with the fund row locked, so the balance read is the one the entry is written against.
 */
export function balanceAfter(balanceFen: number, amountFen: number): number {
  const next = balanceFen + amountFen;
  if (next < 0)
    throw new ConflictError(`基金余额不足：当前余额 ${formatYuan(balanceFen)}，需支出 ${formatYuan(-amountFen)}`, {
      balanceFen,
    });
  return next;
}

/** A correction is a reversing entry: once per entry, never of a reversal itself. */
export function assertReversible(entry: { kind: string; reversedByEntryId: string | null }): void {
  if (entry.kind === 'REVERSAL') throw new ConflictError('冲正记录不能再冲正', { status: 'REVERSAL' });
  if (entry.reversedByEntryId) throw new ConflictError('该记录已冲正', { status: 'REVERSED' });
}
