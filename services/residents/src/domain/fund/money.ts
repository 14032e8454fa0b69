import { InvalidInputError } from '@shequ/errors';

/** Largest single amount accepted: 1,000,000 元 (in fen). Keeps every sum far inside the safe-integer range. */
export const MAX_AMOUNT_FEN = 100_000_000;

/** Checks an amount in fen: a positive whole number, never a fraction of a fen. */
export function validAmountFen(raw: number, field: string): number {
  if (!Number.isSafeInteger(raw)) throw new InvalidInputError(field, `金额须为整数（分），收到 ${raw}`);
  if (raw <= 0) throw new InvalidInputError(field, '金额须大于 0');
  if (raw > MAX_AMOUNT_FEN) throw new InvalidInputError(field, '单笔金额不能超过 1,000,000.00 元');
  return raw;
}

/** 1234567 → "12,345.67 元"; integer arithmetic only. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')} 元`;
}
