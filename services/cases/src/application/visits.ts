import { forShare, newId } from '@shequ/database';
import { InvalidInputError } from '@shequ/errors';
import type { EntityManager } from '@mikro-orm/core';
import { ReferenceProjection, requireOptionalReference, type UnitOfWork } from '@shequ/subgraph';
import { assertVisitDate, assertVisitedBeforeDeath, visitorInPost } from '../domain/visit-rules.js';
import { Case } from '../entities/case.js';
import { ResidentProjection } from '../entities/resident-projection.js';
import { Visit } from '../entities/visit.js';
import { recordStep } from './case-timeline.js';
import { closeTasksOf, noteContact } from './proactive-tasks.js';

export interface LogVisitCommand {
  /** The caller, who made the visit (null: not a person — an API key, the system). */
  staffId: string | null;
  householdId?: string | null;
  residentId?: string | null;
  caseId?: string | null;
  visitedAt: Date;
  notes: string;
  followUps?: string | null;
}

/**
 * 走访 / 民情日记: a visit to a household or a resident. It counts as a contact with the resident (or every resident
 * of the household) and closes their open proactive tasks; a visit about a case goes on the case's timeline.
 */
export async function logVisit(
  uow: UnitOfWork,
  command: LogVisitCommand,
  communityId: string,
  now: Date,
): Promise<Visit> {
  if (!command.householdId && !command.residentId) throw new InvalidInputError('residentId', '请指定走访的住户或居民');
  const notes = command.notes.trim();
  if (notes.length < 2) throw new InvalidInputError('notes', '请填写走访情况（民情日记）');
  assertVisitDate(command.visitedAt, now);
  // The visitor is the caller: a visit is logged by a staff member in post, about people and flats residents knows.
  const record = command.staffId
    ? await uow.em.findOne(ReferenceProjection, { kind: 'STAFF', id: command.staffId }, forShare(uow.em))
    : null;
  const staffId = visitorInPost({ staffId: command.staffId, record }, communityId);
  await requireOptionalReference(uow.em, {
    kind: 'HOUSEHOLD',
    id: command.householdId,
    field: 'householdId',
    communityId,
  });
  await requireOptionalReference(uow.em, {
    kind: 'RESIDENT',
    id: command.residentId,
    field: 'residentId',
    communityId,
    current: false,
  });
  if (command.residentId) {
    const projected = await uow.em.findOne(ResidentProjection, { residentId: command.residentId });
    assertVisitedBeforeDeath(command.visitedAt, projected?.diedOn ?? null);
  }
  const linkedCase = command.caseId ? await uow.em.findOne(Case, { id: command.caseId, communityId }) : null;
  if (command.caseId && !linkedCase) throw new InvalidInputError('caseId', '关联的事项不存在');
  if (linkedCase) assertVisitDate(command.visitedAt, now, linkedCase.openedAt);
  const { householdId, gridId } = await placeOfVisit(uow.em, command);
  const visit = uow.em.create(Visit, {
    id: newId(),
    communityId,
    staffId,
    householdId,
    residentId: command.residentId ?? null,
    gridId,
    caseId: command.caseId ?? null,
    visitedAt: command.visitedAt,
    loggedAt: now,
    notes,
    followUps: command.followUps?.trim() || null,
  });
  if (linkedCase) {
    recordStep(uow.em, linkedCase, {
      action: 'VISIT',
      from: linkedCase.status,
      to: linkedCase.status,
      actor: { kind: 'user', id: staffId },
      note: `走访：${notes.slice(0, 200)}`,
      at: command.visitedAt,
    });
  }
  const visited = command.residentId
    ? [command.residentId]
    : (await uow.em.find(ResidentProjection, { householdId: command.householdId!, status: 'ACTIVE' })).map(
        (r) => r.residentId,
      );
  for (const residentId of visited) {
    await noteContact(uow.em, residentId, command.visitedAt);
    await closeTasksOf(uow, residentId, 'VISIT', visit.id, now);
  }
  await uow.em.flush();
  return visit;
}

/**
 * Where the visit took place, from the resident projection: the household (given, or the resident's) and its grid
 * (the resident's grid, else that of any resident of the household).
 */
async function placeOfVisit(
  em: EntityManager,
  command: LogVisitCommand,
): Promise<{ householdId: string | null; gridId: string | null }> {
  const resident = command.residentId ? await em.findOne(ResidentProjection, { residentId: command.residentId }) : null;
  const householdId = command.householdId ?? resident?.householdId ?? null;
  let gridId = resident?.gridId ?? null;
  if (!gridId && householdId) gridId = await householdGrid(em, householdId);
  return { householdId, gridId };
}

/** The grid a household lies in, as the resident projection knows it (any resident of the household with a grid). */
export async function householdGrid(em: EntityManager, householdId: string): Promise<string | null> {
  const row = await em.findOne(
    ResidentProjection,
    { householdId, gridId: { $ne: null } },
    { orderBy: { updatedAt: 'desc' } },
  );
  return row?.gridId ?? null;
}
