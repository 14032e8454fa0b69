import { ConflictError, InvalidInputError } from '@shequ/errors';
import { labelOf } from '@shequ/contracts';
import { PartyTransferStatuses, type PartyTransferStatus } from './vocabularies.js';

/** 组织关系转接: the one table of allowed status changes, each with the date field it stamps. */
export const TRANSFER_TRANSITIONS: ReadonlyArray<{
  from: PartyTransferStatus;
  to: PartyTransferStatus;
  stamps: 'sentOn' | 'receivedOn' | 'completedOn';
}> = [
  { from: 'REQUESTED', to: 'SENT', stamps: 'sentOn' },
  { from: 'SENT', to: 'RECEIVED', stamps: 'receivedOn' },
  { from: 'RECEIVED', to: 'COMPLETED', stamps: 'completedOn' },
];

export interface TransferDates {
  requestedOn: string;
  sentOn: string | null;
  receivedOn: string | null;
  completedOn: string | null;
}

/** Checks a status change; the letter number is needed from SENT on (介绍信 has been issued). */
export function checkTransferStep(
  current: { status: PartyTransferStatus; letterNumber: string | null } & TransferDates,
  to: PartyTransferStatus,
  on: string,
  today: string,
): 'sentOn' | 'receivedOn' | 'completedOn' {
  const transition = TRANSFER_TRANSITIONS.find((t) => t.from === current.status && t.to === to);
  if (!transition)
    throw new ConflictError(
      `转接当前状态为「${labelOf(PartyTransferStatuses, current.status)}」，不能变更为「${labelOf(PartyTransferStatuses, to)}」（须依次：已申请→介绍信已开出→已接收→已办结）`,
    );
  if (on > today) throw new InvalidInputError('on', `日期 ${on} 晚于今天 ${today}`);
  const previous = [current.completedOn, current.receivedOn, current.sentOn, current.requestedOn].find(
    (d) => d !== null,
  )!;
  if (on < previous) throw new InvalidInputError('on', `日期不得早于上一步的日期 ${previous}`);
  if (to === 'SENT' && !current.letterNumber?.trim())
    throw new InvalidInputError('letterNumber', '开出介绍信须填写介绍信编号');
  return transition.stamps;
}

/**
 * One transfer out of a member at a time: a second request while one is not yet completed is refused — on the API
 * (`CONFLICT` naming `memberId`) and, for a 组织关系转接 case opened in cases, by making no second transfer.
 */
export function checkNoOpenTransferOut(openTransfersOut: number): void {
  if (openTransfersOut > 0) throw new ConflictError('该党员已有未办结的转出申请', { field: 'memberId' });
}
