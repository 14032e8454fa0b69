import { InvalidInputError } from '@shequ/errors';

/**
 * A team's dates are its history, recorded after the fact: a founding, a member joining or leaving and an award are
 * not after today (community day); a member joins, and the team wins an award, not before the team was founded (when
 * its founding is known); a member leaves not before joining. Refusals name the field; the API, the seeds and the rule
 * audit use these checks alike.
 */
export function checkTeamDateNotAfterToday(field: string, label: string, date: string, today: string): void {
  if (date > today) throw new InvalidInputError(field, `${label}（${date}）不能晚于今天（${today}）`);
}

export function checkTeamFoundedOn(foundedOn: string | null | undefined, today: string): void {
  if (foundedOn) checkTeamDateNotAfterToday('foundedOn', '成立日期', foundedOn, today);
}

export function checkTeamJoinedOn(joinedOn: string, team: { foundedOn: string | null }, today: string): void {
  checkTeamDateNotAfterToday('joinedOn', '入团日期', joinedOn, today);
  if (team.foundedOn && joinedOn < team.foundedOn)
    throw new InvalidInputError('joinedOn', `入团日期（${joinedOn}）不能早于团队成立日期（${team.foundedOn}）`);
}

export function checkTeamLeftOn(leftOn: string, member: { joinedOn: string }, today: string): void {
  checkTeamDateNotAfterToday('leftOn', '离团日期', leftOn, today);
  if (leftOn < member.joinedOn) throw new InvalidInputError('leftOn', '离团日期不能早于入团日期');
}

export function checkTeamAwardedOn(awardedOn: string, team: { foundedOn: string | null }, today: string): void {
  checkTeamDateNotAfterToday('awardedOn', '获奖日期', awardedOn, today);
  if (team.foundedOn && awardedOn < team.foundedOn)
    throw new InvalidInputError('awardedOn', `获奖日期（${awardedOn}）不能早于团队成立日期（${team.foundedOn}）`);
}
