import { CaseStatuses, labelOf } from '@shequ/contracts';
import { forUpdate, newId } from '@shequ/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import { requireOptionalReference, requireReference, type UnitOfWork } from '@shequ/subgraph';
import { checkMediationParties } from '../domain/mediation-parties.js';
import { MediationOutcomes } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { Mediation, MediationParty, MediationSession } from '../entities/mediation.js';
import { recordStep } from './case-timeline.js';
import type { TimelineActor } from './workflow-actor.js';

export interface StartMediationCommand {
  caseId: string;
  mediatorStaffId: string;
  parties: Array<{ residentId?: string | null; description?: string | null }>;
}

/** 调解: opened on a dispute case, with its parties and mediator. */
export async function startMediation(
  uow: UnitOfWork,
  command: StartMediationCommand,
  who: TimelineActor,
  now: Date,
): Promise<Mediation> {
  // locked as a step locks it: a rejection or closing crossing this start waits, or is waited for
  const record = await uow.em.findOne(Case, { id: command.caseId }, { ...forUpdate(uow.em), refresh: true });
  if (!record) throw new NotFoundError('Case', command.caseId, `事项 ${command.caseId} 不存在`);
  checkMediationParties(command.parties);
  if (['CLOSED', 'REJECTED', 'DUPLICATE'].includes(record.status)) {
    throw new ConflictError(`事项当前状态为「${labelOf(CaseStatuses, record.status)}」，不能开始调解`, {
      status: record.status,
    });
  }
  // one mediation of a case at a time: the case is locked above, so two starts at once count one after the other
  if (await uow.em.count(Mediation, { caseId: record.id, outcome: 'PENDING' }))
    throw new ConflictError('该事项已有进行中的调解，须先结束该调解再开始新的调解', { field: 'caseId' });
  await requireReference(uow.em, {
    kind: 'STAFF',
    id: command.mediatorStaffId,
    field: 'mediatorStaffId',
    communityId: record.communityId,
  });
  for (const [index, party] of command.parties.entries())
    await requireOptionalReference(uow.em, {
      kind: 'RESIDENT',
      id: party.residentId,
      field: `parties.${index}.residentId`,
      communityId: record.communityId,
      current: 'living',
    });
  const mediation = uow.em.create(Mediation, {
    id: newId(),
    communityId: record.communityId,
    caseId: record.id,
    mediatorStaffId: command.mediatorStaffId,
    startedAt: now,
  });
  for (const party of command.parties) {
    uow.em.create(MediationParty, {
      id: newId(),
      mediationId: mediation.id,
      residentId: party.residentId ?? null,
      description: party.description?.trim() || null,
    });
  }
  recordStep(uow.em, record, {
    action: 'MEDIATION',
    from: record.status,
    to: record.status,
    actor: who,
    note: `开始调解（${command.parties.length} 方当事人）`,
    at: now,
  });
  await uow.em.flush();
  return mediation;
}

async function openMediation(uow: UnitOfWork, mediationId: string): Promise<Mediation> {
  // locked: a conclusion and a session (or two conclusions) check the outcome one after the other
  const mediation = await uow.em.findOne(Mediation, { id: mediationId }, { ...forUpdate(uow.em), refresh: true });
  if (!mediation) throw new NotFoundError('Mediation', mediationId, `调解 ${mediationId} 不存在`);
  if (mediation.outcome !== 'PENDING')
    throw new ConflictError(`调解已结束（${labelOf(MediationOutcomes, mediation.outcome)}）`, {
      status: mediation.outcome,
    });
  return mediation;
}

/** One 调解会 with its notes. */
export async function recordMediationSession(
  uow: UnitOfWork,
  command: { mediationId: string; heldAt: Date; notes: string },
  now: Date,
): Promise<Mediation> {
  const mediation = await openMediation(uow, command.mediationId);
  if (command.notes.trim().length < 2) throw new InvalidInputError('notes', '请填写调解情况');
  // A session is recorded once it has taken place: not in the future, not before the mediation began.
  if (command.heldAt.getTime() > now.getTime() + 5 * 60_000)
    throw new InvalidInputError('heldAt', '调解时间不能晚于当前时间');
  if (command.heldAt < mediation.startedAt) throw new InvalidInputError('heldAt', '调解时间不能早于调解开始时间');
  uow.em.create(MediationSession, {
    id: newId(),
    mediationId: mediation.id,
    heldAt: command.heldAt,
    notes: command.notes.trim(),
  });
  await uow.em.flush();
  return mediation;
}

/** 调解结果: agreement reached (with its content) or not; written on the case's timeline. */
export async function concludeMediation(
  uow: UnitOfWork,
  command: { mediationId: string; agreementReached: boolean; agreement?: string | null },
  who: TimelineActor,
  now: Date,
): Promise<Mediation> {
  const mediation = await openMediation(uow, command.mediationId);
  if (command.agreementReached && !(command.agreement && command.agreement.trim().length >= 2)) {
    throw new InvalidInputError('agreement', '达成协议的须填写协议内容');
  }
  if ((await uow.em.count(MediationSession, { mediationId: mediation.id })) === 0) {
    throw new ConflictError('尚无调解会记录，不能结束调解', { status: mediation.outcome });
  }
  mediation.outcome = command.agreementReached ? 'AGREEMENT_REACHED' : 'NO_AGREEMENT';
  mediation.agreement = command.agreement?.trim() || null;
  mediation.concludedAt = now;
  const record = await uow.em.findOneOrFail(Case, { id: mediation.caseId });
  recordStep(uow.em, record, {
    action: 'MEDIATION',
    from: record.status,
    to: record.status,
    actor: who,
    note: command.agreementReached ? '调解达成协议' : '调解未达成协议',
    at: now,
  });
  await uow.em.flush();
  return mediation;
}
