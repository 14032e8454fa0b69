import { InvalidInputError } from '@shequ/errors';

/**
 * 民主评议党员 appraises a year of membership: the year lies between the year the person became a member (预备党员 from
 * `probationaryOn`; one enrolled as 正式党员 without it, from `fullMemberOn`) and this year.
 */
export function checkAppraisalYear(
  member: { probationaryOn: string | null; fullMemberOn: string | null },
  year: number,
  today: string,
): void {
  if (!Number.isInteger(year) || year > Number(today.slice(0, 4)))
    throw new InvalidInputError('year', '评议年度不能晚于今年');
  const joinedOn = member.probationaryOn ?? member.fullMemberOn;
  if (joinedOn && year < Number(joinedOn.slice(0, 4)))
    throw new InvalidInputError(
      'year',
      `评议年度 ${year} 早于其入党的 ${joinedOn.slice(0, 4)} 年：只能评议成为党员以后的年度`,
    );
}
