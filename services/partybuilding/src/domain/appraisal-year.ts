import { addYears } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { MINIMUM_APPLICATION_AGE } from './development-pipeline.js';

/** The membership facts an appraisal year is checked against (all of the member's file that bears on it). */
export interface AppraisedMember {
  probationaryOn: string | null;
  fullMemberOn: string | null;
  appliedOn?: string | null;
  activistOn?: string | null;
  developmentTargetOn?: string | null;
  /** From residents (the reference projection), never from the caller. */
  birthDate?: string | null;
}

/**
 * The earliest year the member can have been a member in, from the facts that exist: the year they became a member
 * (预备党员 from `probationaryOn`; one enrolled as 正式党员 without it, from `fullMemberOn`); without either (a member
 * who arrived by 组织关系转入 as 正式党员, whose joining date is in the sending organisation's file), the latest stage
 * before membership on file (they joined after it), else the year they turned 18 (no one joins younger); null when
 * the file holds none of these.
 */
export function earliestMembershipYear(member: AppraisedMember): { year: number; reason: string } | null {
  const joinedOn = member.probationaryOn ?? member.fullMemberOn;
  if (joinedOn) return { year: Number(joinedOn.slice(0, 4)), reason: `其入党的 ${joinedOn.slice(0, 4)} 年` };
  const before = member.developmentTargetOn ?? member.activistOn ?? member.appliedOn;
  if (before) return { year: Number(before.slice(0, 4)), reason: `其档案中入党前阶段的日期 ${before}（入党不早于此）` };
  if (member.birthDate) {
    const adult = addYears(member.birthDate, MINIMUM_APPLICATION_AGE);
    return {
      year: Number(adult.slice(0, 4)),
      reason: `其年满 ${MINIMUM_APPLICATION_AGE} 周岁的 ${adult.slice(0, 4)} 年（入党须年满 ${MINIMUM_APPLICATION_AGE} 周岁）`,
    };
  }
  return null;
}

/**
 * 民主评议党员 appraises a year of membership: the year lies between the earliest year the member can have been a
 * member in (`earliestMembershipYear`, from the facts on file) and this year.
 */
export function checkAppraisalYear(member: AppraisedMember, year: number, today: string): void {
  if (!Number.isInteger(year) || year > Number(today.slice(0, 4)))
    throw new InvalidInputError('year', '评议年度不能晚于今年');
  const earliest = earliestMembershipYear(member);
  if (earliest && year < earliest.year)
    throw new InvalidInputError('year', `评议年度 ${year} 早于${earliest.reason}：只能评议成为党员以后的年度`);
}
