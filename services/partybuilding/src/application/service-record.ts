import { isIsoDate, labelOf, PartyMemberStages } from '@shequ/contracts';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import { newRecordId, type UnitOfWork } from '@shequ/subgraph';
import { checkAppraisalYear } from '../domain/appraisal-year.js';
import { checkAppraisalYearAlive } from '../domain/member-death.js';
import type { PartyAppraisalGrade } from '../domain/vocabularies.js';
import { PartyAppraisal, PartyTrainingSession } from '../entities/index.js';
import { loadMember } from './members.js';
import { checkTrainingHeadCount } from '../domain/training-counts.js';

/** 民主评议党员: one grade per member and year. */
export async function recordAppraisal(
  uow: UnitOfWork,
  command: { memberId: string; year: number; grade: PartyAppraisalGrade },
  communityId: string,
  today: string,
): Promise<PartyAppraisal> {
  const member = await loadMember(uow, command.memberId, communityId);
  if (member.stage !== 'FULL_MEMBER' && member.stage !== 'PROBATIONARY')
    throw new ConflictError(`当前阶段为「${labelOf(PartyMemberStages, member.stage)}」，民主评议只评党员`);
  checkAppraisalYear(member, command.year, today);
  checkAppraisalYearAlive(member, command.year);
  if (await uow.em.count(PartyAppraisal, { memberId: member.id, year: command.year }))
    throw new ConflictError(`${command.year} 年度已评议`);
  const appraisal = uow.em.create(PartyAppraisal, {
    id: newRecordId(uow, 'party-appraisal'),
    communityId,
    memberId: member.id,
    year: command.year,
    grade: command.grade,
  });
  await uow.em.flush();
  return appraisal;
}

/** 党校现场教学 etc.: a session with its head-count. */
export async function recordTrainingSession(
  uow: UnitOfWork,
  command: { heldOn: string; title: string; location?: string | null; headCount: number },
  communityId: string,
  today: string,
): Promise<PartyTrainingSession> {
  if (!isIsoDate(command.heldOn) || command.heldOn > today)
    throw new InvalidInputError('heldOn', '日期须为不晚于今天的 YYYY-MM-DD');
  if (!command.title.trim()) throw new InvalidInputError('title', '名称不能为空');
  checkTrainingHeadCount(command.headCount);
  const session = uow.em.create(PartyTrainingSession, {
    id: newRecordId(uow, 'party-training-session'),
    communityId,
    heldOn: command.heldOn,
    title: command.title.trim(),
    location: command.location?.trim() || null,
    headCount: command.headCount,
  });
  await uow.em.flush();
  return session;
}
