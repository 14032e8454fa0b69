import { InvalidInputError } from '@shequ/errors';
import type { MemberFollowUpReason } from './vocabularies.js';

/** What the member file knows of a death: residents' `resident.deceased` flags it (follow-up DECEASED since diedOn). */
export interface MemberFollowUp {
  followUpReason: MemberFollowUpReason | null;
  followUpSince: string | null;
}

/** The day the member died, as residents reported it; null while none is known. */
export function memberDiedOn(member: MemberFollowUp): string | null {
  return member.followUpReason === 'DECEASED' ? member.followUpSince : null;
}

/**
 * A member who died takes part in nothing after the day of death: no stage change (发展阶段、取消预备党员资格) dated
 * after it, no listing at a meeting held after it, no democratic appraisal of a later year. The file is kept (党籍
 * 注销 follows); what happened before the death stays recordable. `what` says what was refused, `field` is named.
 */
export function checkMemberAliveOn(member: MemberFollowUp, on: string, field: string, what: string): void {
  const died = memberDiedOn(member);
  if (died && on > died)
    throw new InvalidInputError(field, `该党员已于 ${died} 去世（居民服务通知），不能${what}（${on}）`);
}

/** 民主评议 of a year: not a year after the one the member died in. */
export function checkAppraisalYearAlive(member: MemberFollowUp, year: number): void {
  const died = memberDiedOn(member);
  if (died && year > Number(died.slice(0, 4)))
    throw new InvalidInputError('year', `该党员已于 ${died} 去世（居民服务通知），不能评议其去世以后的 ${year} 年度`);
}
