import { forUpdate, newId } from '@shequ/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import { requireReference, type UnitOfWork } from '@shequ/subgraph';
import { checkTeamAwardedOn, checkTeamFoundedOn, checkTeamJoinedOn, checkTeamLeftOn } from '../domain/team-dates.js';
import type { TeamKind, TeamRegistrationStatus, TeamSupervisionStatus } from '../domain/vocabularies.js';
import { Team, TeamAward, TeamMember } from '../entities/team.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A team about to be changed, its row locked for the rest of the transaction (PostgreSQL `FOR UPDATE`; SQLite
 * serialises writers): concurrent changes of its members are checked one after the other (one live membership each).
 */
async function teamOf(uow: UnitOfWork, teamId: string, communityId: string): Promise<Team> {
  const team = await uow.em.findOne(Team, { id: teamId, communityId }, { ...forUpdate(uow.em), refresh: true });
  if (!team) throw new NotFoundError('团队', teamId);
  return team;
}

export async function createTeam(
  uow: UnitOfWork,
  command: {
    name: string;
    kind: TeamKind;
    parentTeamId?: string | null;
    foundedOn?: string | null;
    registrationStatus?: TeamRegistrationStatus | null;
  },
  communityId: string,
  today: string,
): Promise<Team> {
  const name = command.name.trim();
  if (!name) throw new InvalidInputError('name', '团队名称不能为空');
  if (command.foundedOn && !DATE.test(command.foundedOn))
    throw new InvalidInputError('foundedOn', '成立日期格式为 YYYY-MM-DD');
  checkTeamFoundedOn(command.foundedOn, today);
  const parent = command.parentTeamId ? await uow.em.findOne(Team, { id: command.parentTeamId, communityId }) : null;
  if (command.parentTeamId && !parent)
    throw new InvalidInputError('parentTeamId', `团队 ${command.parentTeamId} 不存在`);
  if ((await uow.em.count(Team, { communityId, name })) > 0)
    throw new ConflictError(teamNameTakenMessage(name), { field: 'name' });
  const team = uow.em.create(Team, {
    id: newId(),
    communityId,
    name,
    kind: command.kind,
    parent,
    foundedOn: command.foundedOn ?? null,
    registrationStatus: command.registrationStatus ?? 'UNREGISTERED',
  });
  // created by a concurrent request after the check above: the unique index answers with the same message
  // (`eventsUniqueConflicts`)
  await uow.em.flush();
  return team;
}

/** The answer to a second team of one name in a community (also when the unique index answers a race). */
export function teamNameTakenMessage(name: string | undefined): string {
  return name ? `已有名为「${name}」的团队` : '已有同名的团队';
}

export async function addTeamMember(
  uow: UnitOfWork,
  command: { teamId: string; residentId: string; joinedOn: string },
  communityId: string,
  today: string,
): Promise<TeamMember> {
  if (!DATE.test(command.joinedOn)) throw new InvalidInputError('joinedOn', '入团日期格式为 YYYY-MM-DD');
  const team = await teamOf(uow, command.teamId, communityId);
  checkTeamJoinedOn(command.joinedOn, team, today);
  await requireReference(uow.em, { kind: 'RESIDENT', id: command.residentId, field: 'residentId', communityId });
  if ((await uow.em.count(TeamMember, { team, residentId: command.residentId, leftOn: null })) > 0) {
    throw new ConflictError('该居民已是团队成员', { field: 'residentId' });
  }
  const member = uow.em.create(TeamMember, {
    id: newId(),
    communityId,
    team,
    residentId: command.residentId,
    joinedOn: command.joinedOn,
  });
  await uow.em.flush();
  return member;
}

/** The leader must be a current member. */
export async function appointTeamLeader(
  uow: UnitOfWork,
  command: { teamId: string; residentId: string },
  communityId: string,
): Promise<Team> {
  const team = await teamOf(uow, command.teamId, communityId);
  if ((await uow.em.count(TeamMember, { team, residentId: command.residentId, leftOn: null })) === 0) {
    throw new InvalidInputError('residentId', '队长须为团队现有成员');
  }
  // a current resident, as a new member must be (a member who died or moved away leaves the team when residents says so)
  await requireReference(uow.em, { kind: 'RESIDENT', id: command.residentId, field: 'residentId', communityId });
  team.leaderResidentId = command.residentId;
  await uow.em.flush();
  return team;
}

export async function changeTeamStatus(
  uow: UnitOfWork,
  command: {
    teamId: string;
    registrationStatus?: TeamRegistrationStatus | null;
    supervisionStatus?: TeamSupervisionStatus | null;
  },
  communityId: string,
): Promise<Team> {
  const team = await teamOf(uow, command.teamId, communityId);
  if (!command.registrationStatus && !command.supervisionStatus)
    throw new InvalidInputError('registrationStatus', '请至少指定登记状态或监管状态之一');
  if (command.registrationStatus) team.registrationStatus = command.registrationStatus;
  if (command.supervisionStatus) team.supervisionStatus = command.supervisionStatus;
  await uow.em.flush();
  return team;
}

export async function recordTeamAward(
  uow: UnitOfWork,
  command: { teamId: string; title: string; awardedBy: string; awardedOn: string },
  communityId: string,
  today: string,
): Promise<TeamAward> {
  if (!command.title.trim()) throw new InvalidInputError('title', '奖项名称不能为空');
  if (!command.awardedBy.trim()) throw new InvalidInputError('awardedBy', '颁奖单位不能为空');
  if (!DATE.test(command.awardedOn)) throw new InvalidInputError('awardedOn', '获奖日期格式为 YYYY-MM-DD');
  const team = await teamOf(uow, command.teamId, communityId);
  checkTeamAwardedOn(command.awardedOn, team, today);
  const award = uow.em.create(TeamAward, {
    id: newId(),
    communityId,
    team,
    title: command.title.trim(),
    awardedBy: command.awardedBy.trim(),
    awardedOn: command.awardedOn,
  });
  await uow.em.flush();
  return award;
}

/** A member leaves; a leaving leader leaves the team without a leader. */
export async function removeTeamMember(
  uow: UnitOfWork,
  command: { teamId: string; residentId: string; leftOn: string },
  communityId: string,
  today: string,
): Promise<Team> {
  if (!DATE.test(command.leftOn)) throw new InvalidInputError('leftOn', '离团日期格式为 YYYY-MM-DD');
  const team = await teamOf(uow, command.teamId, communityId);
  const member = await uow.em.findOne(TeamMember, { team, residentId: command.residentId, leftOn: null });
  if (!member) throw new InvalidInputError('residentId', '该居民不是团队现有成员');
  checkTeamLeftOn(command.leftOn, member, today);
  member.leftOn = command.leftOn;
  if (team.leaderResidentId === command.residentId) team.leaderResidentId = null;
  await uow.em.flush();
  return team;
}
