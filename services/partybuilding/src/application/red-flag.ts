import { Departments, isIsoDate, RedFlagAwarded, type Department } from '@shequ/contracts';
import { executePlain, forUpdate, newId } from '@shequ/database';
import { InvalidInputError, NotFoundError } from '@shequ/errors';
import { requireReference, type UnitOfWork } from '@shequ/subgraph';
import {
  checkDecision,
  checkDecisionDate,
  checkNomination,
  checkPeriod,
  checkPeriodBegun,
} from '../domain/red-flag-selection.js';
import { RedFlagNomination, RedFlagPeriod } from '../entities/index.js';

async function periodFor(
  uow: UnitOfWork,
  period: string,
  communityId: string,
  create: boolean,
): Promise<RedFlagPeriod> {
  const year = checkPeriod(period);
  // locked (PostgreSQL `FOR UPDATE`): concurrent nominations and decisions of one month are checked one after the other
  const existing = await uow.em.findOne(
    RedFlagPeriod,
    { communityId, period },
    { ...forUpdate(uow.em), refresh: true },
  );
  if (existing || !create) {
    if (!existing) throw new NotFoundError('RedFlagPeriod', period, `评选期 ${period} 尚无提名`);
    return existing;
  }
  // The month's first nomination opens the period. Two first nominations at once (two departments) must both be
  // taken, as one after the other would be: the row is inserted unless another transaction has (PostgreSQL waits for
  // that one to commit), then read locked — never a unique-index hit answered CONFLICT.
  await executePlain(
    uow.em,
    'insert into red_flag_period (id, community_id, period, year) values (?, ?, ?, ?) on conflict (community_id, period) do nothing',
    [newId(), communityId, period, year],
  );
  return uow.em.findOneOrFail(RedFlagPeriod, { communityId, period }, { ...forUpdate(uow.em), refresh: true });
}

/** 部门提名: one nominee per department per month. */
export async function nominateForRedFlag(
  uow: UnitOfWork,
  command: { period: string; department: Department; staffId: string; reason?: string | null },
  communityId: string,
  today: string,
): Promise<RedFlagPeriod> {
  if (!command.staffId.trim()) throw new InvalidInputError('staffId', '须指明被提名的社区工作者');
  const period = await periodFor(uow, command.period, communityId, true);
  checkPeriodBegun(command.period, today);
  await requireStaffOf(
    uow,
    command.staffId,
    command.department,
    communityId,
    'staffId',
    (label) => `被提名人不属于提名部门「${label}」：红旗岗只能提名本部门的社区工作者`,
  );
  const nominations = await uow.em.find(RedFlagNomination, { period: period.id });
  checkNomination(nominations, command.department, period.decidedOn !== null);
  uow.em.create(RedFlagNomination, {
    id: newId(),
    period,
    department: command.department,
    staffId: command.staffId,
    reason: command.reason?.trim() || null,
  });
  await uow.em.flush();
  return period;
}

/** 评议小组 decides the month's winner among the nominees; publishes red_flag.awarded. */
export async function decideRedFlag(
  uow: UnitOfWork,
  command: { period: string; winnerStaffId: string; decidedOn: string; panel?: string | null },
  communityId: string,
  today: string,
): Promise<RedFlagPeriod> {
  if (!isIsoDate(command.decidedOn)) throw new InvalidInputError('decidedOn', '日期格式应为 YYYY-MM-DD');
  const period = await periodFor(uow, command.period, communityId, false);
  checkDecisionDate(command.period, command.decidedOn, today);
  const nominations = await uow.em.find(RedFlagNomination, { period: period.id });
  checkDecision(nominations, command.winnerStaffId, period.decidedOn !== null);
  const winner = nominations.find((n) => n.staffId === command.winnerStaffId)!;
  // nominated earlier in the month: the winner must still be a 社区工作者 here, in the department that nominated them
  await requireStaffOf(
    uow,
    winner.staffId,
    winner.department,
    communityId,
    'winnerStaffId',
    (label) => `获评人已不在提名部门「${label}」任职：流动红旗岗只能授予仍在提名部门的社区工作者`,
  );
  period.winnerStaffId = winner.staffId;
  period.winnerDepartment = winner.department;
  period.decidedOn = command.decidedOn;
  period.panel = command.panel?.trim() || null;
  uow.events.record(RedFlagAwarded, { period: period.period, staffId: winner.staffId, department: winner.department });
  await uow.em.flush();
  return period;
}

/** A 社区工作者 of the community (not 已离岗) in the given department, else BAD_USER_INPUT on `field`. */
async function requireStaffOf(
  uow: UnitOfWork,
  staffId: string,
  department: keyof typeof Departments.labels,
  communityId: string,
  field: string,
  notInDepartment: (departmentLabel: string) => string,
): Promise<void> {
  const staff = await requireReference(uow.em, { kind: 'STAFF', id: staffId, field, communityId });
  if (staff.department !== department)
    throw new InvalidInputError(field, notInDepartment(Departments.labels[department]));
}
