import { ConflictError, InvalidInputError } from '@shequ/errors';
import { addDays } from '@shequ/contracts';

export const DEFAULT_PUBLICITY_DAYS = 7;
export const MAX_PUBLICITY_DAYS = 30;

export function validPublicityDays(raw: number | null | undefined): number {
  if (raw === null || raw === undefined) return DEFAULT_PUBLICITY_DAYS;
  if (!Number.isInteger(raw) || raw < 1 || raw > MAX_PUBLICITY_DAYS)
    throw new InvalidInputError('publicityDays', `公示天数须为 1 到 ${MAX_PUBLICITY_DAYS} 之间的整数`);
  return raw;
}

/** The last day of 公示 (inclusive): published on the 1st for 7 days → ends on the 7th, payable from the 8th. */
export const publicityEndsOn = (publishedOn: string, days: number): string => addDays(publishedOn, days - 1);

/** 公示 must have run its full period before payment. */
export function assertPublicityOver(today: string, endsOn: string): void {
  if (today <= endsOn)
    throw new ConflictError(`公示期至 ${endsOn}（含）尚未届满，不能发放`, {
      status: 'PUBLISHED',
      publicityEndsOn: endsOn,
    });
}

/** An objection is taken only while 公示 runs. */
export function assertWithinPublicity(today: string, endsOn: string): void {
  if (today > endsOn)
    throw new ConflictError(`公示期已于 ${endsOn} 届满，不能再提出异议`, {
      status: 'PUBLISHED',
      publicityEndsOn: endsOn,
    });
}
