import type { CommunityEventStatus, RegistrationStatus } from '@shequ/contracts';
import { CommunityEventStatuses, labelOf, RegistrationStatuses } from '@shequ/contracts';
import { ConflictError } from '@shequ/errors';

/** Statuses in which residents may still sign up (a full event takes them onto the waitlist). */
const OPEN_FOR_REGISTRATION: CommunityEventStatus[] = ['OPEN', 'FULL'];

/** Registrations that hold a place or a waitlist position. */
export const LIVE_REGISTRATION: RegistrationStatus[] = ['CONFIRMED', 'WAITLISTED'];

/** Registrations that hold a seat: confirmed, and once the event is under way those who came or did not come. */
export const SEAT_HOLDING: readonly RegistrationStatus[] = ['CONFIRMED', 'ATTENDED', 'NO_SHOW'];

export function holdsSeat(status: RegistrationStatus): boolean {
  return SEAT_HOLDING.includes(status);
}

/** Statuses that count in an event's seat figures (seats held and the waitlist). */
export const COUNTED_IN_SEATS: readonly RegistrationStatus[] = [...SEAT_HOLDING, 'WAITLISTED'];

export interface SeatCounts {
  taken: number;
  waitlisted: number;
  attended: number;
}

/** Seats taken, waitlist length and attendance of one event, from its registrations' statuses. */
export function seatCountsOf(statuses: Iterable<RegistrationStatus>): SeatCounts {
  const tallies: Array<[RegistrationStatus, number]> = [];
  for (const status of statuses) tallies.push([status, 1]);
  return seatCountsOfTallies(tallies);
}

/** The same, from how many of its registrations have each status (counted by the database). */
export function seatCountsOfTallies(tallies: Iterable<readonly [RegistrationStatus, number]>): SeatCounts {
  const counts: SeatCounts = { taken: 0, waitlisted: 0, attended: 0 };
  for (const [status, n] of tallies) {
    if (holdsSeat(status)) counts.taken += n;
    if (status === 'WAITLISTED') counts.waitlisted += n;
    if (status === 'ATTENDED') counts.attended += n;
  }
  return counts;
}

/**
 * Decides a new registration: refused unless the event takes registrations and the resident is not
 * already on it; confirmed while seats remain, otherwise waitlisted.
 */
export function decideRegistration(input: {
  eventStatus: CommunityEventStatus;
  capacity: number | null;
  confirmed: number;
  alreadyRegistered: boolean;
}): Extract<RegistrationStatus, 'CONFIRMED' | 'WAITLISTED'> {
  if (!OPEN_FOR_REGISTRATION.includes(input.eventStatus)) {
    throw new ConflictError(`活动当前状态为「${labelOf(CommunityEventStatuses, input.eventStatus)}」，不接受报名`, {
      status: input.eventStatus,
    });
  }
  if (input.alreadyRegistered) throw new ConflictError('该居民已报名此活动', { field: 'residentId' });
  return input.capacity === null || input.confirmed < input.capacity ? 'CONFIRMED' : 'WAITLISTED';
}

export type RegistrationAction = 'PROMOTE' | 'CANCEL' | 'CHECK_IN' | 'MARK_NO_SHOW';

/** The one table of allowed status changes of a Registration. */
export const REGISTRATION_TRANSITIONS: Readonly<
  Record<RegistrationAction, Partial<Record<RegistrationStatus, RegistrationStatus>>>
> = {
  PROMOTE: { WAITLISTED: 'CONFIRMED' },
  CANCEL: { CONFIRMED: 'CANCELLED', WAITLISTED: 'CANCELLED' },
  CHECK_IN: { CONFIRMED: 'ATTENDED' },
  MARK_NO_SHOW: { CONFIRMED: 'NO_SHOW' },
};

const ACTION_LABELS: Record<RegistrationAction, string> = {
  PROMOTE: '候补递补',
  CANCEL: '取消报名',
  CHECK_IN: '签到',
  MARK_NO_SHOW: '记为未到场',
};

export function nextRegistrationStatus(current: RegistrationStatus, action: RegistrationAction): RegistrationStatus {
  const next = REGISTRATION_TRANSITIONS[action][current];
  if (!next) {
    throw new ConflictError(
      `报名当前状态为「${labelOf(RegistrationStatuses, current)}」，不能${ACTION_LABELS[action]}`,
      { status: current, action },
    );
  }
  return next;
}

/** Check-in happens while the event runs. */
export function checkCheckInAllowed(eventStatus: CommunityEventStatus): void {
  if (eventStatus !== 'ONGOING') {
    throw new ConflictError(
      `活动当前状态为「${labelOf(CommunityEventStatuses, eventStatus)}」，只有进行中的活动可以签到`,
      { status: eventStatus },
    );
  }
}

/** Cancelling is possible until the event starts. */
export function checkCancellationAllowed(eventStatus: CommunityEventStatus): void {
  if (!OPEN_FOR_REGISTRATION.includes(eventStatus) && eventStatus !== 'PLANNED') {
    throw new ConflictError(`活动当前状态为「${labelOf(CommunityEventStatuses, eventStatus)}」，不能再取消报名`, {
      status: eventStatus,
    });
  }
}
