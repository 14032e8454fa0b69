import { addDays, communityDay } from '@shequ/contracts';
import { ForbiddenError, InvalidInputError, UnregisteredCallerError } from '@shequ/errors';

/**
 * A visit to a resident took place while they lived: one dated after the day of their death (as residents' `resident.deceased`
 * stated it) is refused naming `visitedAt`; one logged late for a day before the death, or on it, stands.
 */
export function assertVisitedBeforeDeath(visitedAt: Date, diedOn: string | null): void {
  if (diedOn !== null && communityDay(visitedAt) > diedOn)
    throw new InvalidInputError('visitedAt', `走访时间晚于该居民的死亡日期（${diedOn}），不能登记对已故居民的走访`);
}

/**
 * How long after a visit its 民情日记 may still be logged: 30 days. The diary is written as the work is done and the
 * community reviews it monthly (社情民意联系日); a visit counts as a contact with the resident at its date and settles
 * proactive tasks (a week for a newly registered floating resident), so an unbounded back-date would rewrite who was
 * contacted when.
 */
export const VISIT_BACKDATING_DAYS = 30;

/**
 * When a visit may be dated, against the moment it is logged (`loggedAt`: now for `logVisit`, the diary's time for
 * seeds): not after it, not more than `VISIT_BACKDATING_DAYS` community days before it, and not before the case it is
 * about was received (a visit on a case's timeline before the case existed). Refusals name `visitedAt`.
 */
export function assertVisitDate(visitedAt: Date, loggedAt: Date, caseOpenedAt: Date | null = null): void {
  if (visitedAt > loggedAt) throw new InvalidInputError('visitedAt', '走访时间不能晚于当前时间');
  const earliest = addDays(communityDay(loggedAt), -VISIT_BACKDATING_DAYS);
  if (communityDay(visitedAt) < earliest)
    throw new InvalidInputError(
      'visitedAt',
      `走访时间不能早于 ${earliest}：民情日记须在走访后 ${VISIT_BACKDATING_DAYS} 天内登记`,
    );
  if (caseOpenedAt !== null && visitedAt < caseOpenedAt)
    throw new InvalidInputError('visitedAt', '走访时间不能早于所关联事项的受理时间');
}

/** What residents' staff register says of the caller who logs a visit (the reference projection's row), if anything. */
export interface VisitorRecord {
  communityId: string;
  status: string;
}

/**
 * A visit (走访) is logged by the 社区工作者 who made it, in person: the caller must be a person (not an API key) who is
 * on the staff register of the community, in post. The visitor is the caller, not a field of the input, so the refusal
 * names the caller (FORBIDDEN), not an input field. Returns the visitor's staff id.
 */
export function visitorInPost(
  visitor: { staffId: string | null; record: VisitorRecord | null },
  communityId: string,
): string {
  const staffId = visitor.staffId;
  if (staffId === null)
    throw new ForbiddenError('visits:write', '没有权限：走访须由社区工作者本人登记，不能以 API 密钥或系统身份登记');
  const record = visitor.record;
  const refuse = (message: string) => new UnregisteredCallerError('visits:write', message, 'STAFF', staffId);
  if (!record || record.communityId !== communityId)
    throw refuse('没有权限：走访须由本社区在册的社区工作者本人登记，当前登录用户不在本社区的社区工作者名册中');
  if (record.status !== 'ACTIVE') throw refuse('没有权限：当前登录用户在社区工作者名册中已离岗，不能登记走访');
  return staffId;
}
