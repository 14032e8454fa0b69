import { Departments, labelOf, type Department } from '@shequ/contracts';
import { ConflictError, InvalidInputError } from '@shequ/errors';

/** 流动红旗岗: a monthly period `YYYY-MM`; one nominee per department; the panel picks the winner among them. */
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function checkPeriod(period: string): number {
  const match = PERIOD.exec(period);
  if (!match) throw new InvalidInputError('period', `评选期格式应为 YYYY-MM，收到 ${period}`);
  return Number(match[1]);
}

/** The first 流动红旗岗 period: the scheme began in March 2010, when the 党总支 became the 社区党委. */
export const RED_FLAG_FIRST_PERIOD = '2010-03';

/**
 * A period lies within the scheme (from 2010-03) and is a month that has begun (nominations for a month still to
 * come cannot be true yet); a decision is dated within or after its period and not after today.
 */
export function checkPeriodBegun(period: string, today: string): void {
  if (period < RED_FLAG_FIRST_PERIOD)
    throw new InvalidInputError('period', `评选期 ${period} 早于流动红旗岗评选开始的 ${RED_FLAG_FIRST_PERIOD}`);
  if (period > today.slice(0, 7))
    throw new InvalidInputError('period', `评选期 ${period} 尚未开始（今天是 ${today}），不能提名或评选`);
}

export function checkDecisionDate(period: string, decidedOn: string, today: string): void {
  if (decidedOn < `${period}-01`)
    throw new InvalidInputError('decidedOn', `评选日期 ${decidedOn} 早于评选期 ${period}，应在评选期开始之后`);
  if (decidedOn > today) throw new InvalidInputError('decidedOn', `评选日期 ${decidedOn} 晚于今天（${today}）`);
}

/** The answer to a second nominee of a department in one month (also when the unique index answers a race). */
export function nominationTakenMessage(department: Department | undefined): string {
  const which = department && department in Departments.labels ? `「${labelOf(Departments, department)}」` : '该部门';
  return `本期${which}已有提名人，每个部门每期只能提名一人`;
}

export function checkNomination(
  existing: ReadonlyArray<{ department: Department }>,
  department: Department,
  decided: boolean,
): void {
  if (decided) throw new ConflictError('本期评选已决定，不能再提名');
  if (existing.some((n) => n.department === department)) throw new ConflictError(nominationTakenMessage(department));
}

export function checkDecision(
  nominees: ReadonlyArray<{ staffId: string }>,
  winnerStaffId: string,
  decidedAlready: boolean,
): void {
  if (decidedAlready) throw new ConflictError('本期评选已决定（结果已记入历史），不能重新评选');
  if (nominees.length === 0) throw new ConflictError('本期尚无提名，不能评选');
  if (!nominees.some((n) => n.staffId === winnerStaffId))
    throw new InvalidInputError('winnerStaffId', '获评人须是本期的提名人之一');
}
