import type { CommunityEventStatus } from '@shequ/contracts';
import { CommunityEventStatuses, labelOf } from '@shequ/contracts';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import { COMMUNITY_TIME_ZONE } from '@shequ/contracts';

/** What can happen to an activity. FILL / REOPEN follow the seats; the others are staff actions. */
export type EventAction = 'PUBLISH' | 'FILL' | 'REOPEN' | 'START' | 'COMPLETE' | 'CANCEL';

/**
 * The one table of allowed status changes of a CommunityEvent:
 * PLANNED → OPEN → FULL → ONGOING → COMPLETED, CANCELLED from any state before it starts.
 */
export const EVENT_TRANSITIONS: Readonly<
  Record<EventAction, Partial<Record<CommunityEventStatus, CommunityEventStatus>>>
> = {
  PUBLISH: { PLANNED: 'OPEN' },
  FILL: { OPEN: 'FULL' },
  REOPEN: { FULL: 'OPEN' },
  START: { PLANNED: 'ONGOING', OPEN: 'ONGOING', FULL: 'ONGOING' },
  COMPLETE: { ONGOING: 'COMPLETED' },
  CANCEL: { PLANNED: 'CANCELLED', OPEN: 'CANCELLED', FULL: 'CANCELLED' },
};

const ACTION_LABELS: Record<EventAction, string> = {
  PUBLISH: '发布（开放报名）',
  FILL: '标记名额已满',
  REOPEN: '重新开放报名',
  START: '开始活动',
  COMPLETE: '结束活动',
  CANCEL: '取消活动',
};

/** The status after `action`, or a CONFLICT naming the current status. */
export function nextEventStatus(current: CommunityEventStatus, action: EventAction): CommunityEventStatus {
  const next = EVENT_TRANSITIONS[action][current];
  if (!next) {
    throw new ConflictError(
      `活动当前状态为「${labelOf(CommunityEventStatuses, current)}」，不能${ACTION_LABELS[action]}`,
      { status: current, action },
    );
  }
  return next;
}

export function canTransition(current: CommunityEventStatus, action: EventAction): boolean {
  return EVENT_TRANSITIONS[action][current] !== undefined;
}

/** After the seat count changed: FULL when no seat is left, OPEN again when one is; other states unchanged. */
export function statusForSeats(
  current: CommunityEventStatus,
  capacity: number | null,
  confirmed: number,
): CommunityEventStatus {
  if (capacity === null) return current === 'FULL' ? 'OPEN' : current;
  if (current === 'OPEN' && confirmed >= capacity) return nextEventStatus(current, 'FILL');
  if (current === 'FULL' && confirmed < capacity) return nextEventStatus(current, 'REOPEN');
  return current;
}

/** Time and venue may change only before the event starts (the states it could still be cancelled from). */
export function checkReschedulable(current: CommunityEventStatus): void {
  if (!canTransition(current, 'CANCEL')) {
    throw new ConflictError(`活动当前状态为「${labelOf(CommunityEventStatuses, current)}」，开始后不能改期或更换场地`, {
      status: current,
    });
  }
}

/** Events that have not started yet (a venue booking; registrations can still be cancelled for them). */
export const UPCOMING_EVENT_STATUSES: readonly CommunityEventStatus[] = ['PLANNED', 'OPEN', 'FULL'];

/** Events that have used their venue: started or finished (cancelled ones never did). */
export const VENUE_USED_STATUSES: readonly CommunityEventStatus[] = ['ONGOING', 'COMPLETED'];

/** Check-in may open this long before an event's start, not earlier. */
export const START_LEAD_MINUTES = 120;

const beijingTime = (instant: Date): string =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: COMMUNITY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(instant);

/**
 * An event or a volunteer shift is arranged ahead: its start is not before the moment it is planned, or moved by a
 * rescheduling (`plannedAt`: the service's clock for the API). Seeds and the generator write past activities as the
 * history they are, each with a planning time before its start, so the rule holds for what they write as well. The
 * refusal names `startsAt`.
 */
export function checkStartNotBeforePlanning(startsAt: Date, plannedAt: Date): void {
  if (startsAt.getTime() < plannedAt.getTime())
    throw new InvalidInputError(
      'startsAt',
      `开始时间（${beijingTime(startsAt)}）早于安排时的当前时间（${beijingTime(plannedAt)}）：只能安排将来的活动或班次`,
    );
}

/**
 * An event starts (check-in opens) on its day: at most `START_LEAD_MINUTES` before its planned start. Starting it
 * weeks early would record attendance that cannot have happened yet.
 */
export function checkStartTime(startsAt: Date, now: Date): void {
  if (now.getTime() < startsAt.getTime() - START_LEAD_MINUTES * 60_000)
    throw new InvalidInputError(
      'eventId',
      `活动定于 ${beijingTime(startsAt)} 开始，最早可在开始前 ${START_LEAD_MINUTES / 60} 小时开始签到，现在（${beijingTime(now)}）还不能开始`,
    );
}

/**
 * A rehearsal written as history (a seed, an import) held the rule when it was planned, at the latest when it began:
 * its gala is a gala, and was not over by then (`checkGalaTakesRehearsals` on the gala as it stood at the rehearsal's
 * start).
 */
export function checkRehearsalHistory(
  rehearsal: { startsAt: Date },
  gala: { title: string; type: string; endsAt: Date },
): void {
  if (gala.type !== 'GALA') throw new InvalidInputError('rehearsalForId', '排练只能关联晚会');
  // a gala over by the rehearsal's start was 已结束 whenever the rehearsal was planned
  if (gala.endsAt.getTime() <= rehearsal.startsAt.getTime())
    checkGalaTakesRehearsals({ title: gala.title, status: 'COMPLETED' });
}

/** A rehearsal prepares a gala still to come (or under way): not one cancelled or already over. */
export function checkGalaTakesRehearsals(gala: { title: string; status: CommunityEventStatus }): void {
  if (gala.status === 'CANCELLED' || gala.status === 'COMPLETED')
    throw new ConflictError(
      `晚会「${gala.title}」${labelOf(CommunityEventStatuses, gala.status)}，不能再为它安排排练（rehearsalForId）`,
      { field: 'rehearsalForId', status: gala.status },
    );
}
