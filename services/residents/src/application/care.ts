import {
  CareCategories,
  CareCategoryAdded,
  CareCategoryEnded,
  CareCategoryReviewed,
  labelsOf,
  type CareCategory,
} from '@shequ/contracts';
import { forUpdate, newId } from '@shequ/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import type { PersonalDataReader, UnitOfWork } from '@shequ/subgraph';
import { assertAddable, checkCareStart, nextReviewDate, reviewResult } from '../domain/care-schedule.js';
import { factDate, validDate } from '../domain/dates.js';
import { residentTransition } from '../domain/resident-lifecycle.js';
import { CareReviewOutcomes } from '../domain/vocabularies.js';
import { CareRecord } from '../entities/care-record.js';
import { CareReview, type CareReviewOutcome } from '../entities/care-review.js';
import { Resident } from '../entities/resident.js';
import { Staff } from '../entities/staff.js';
import { loadVisible } from './load.js';

export interface CareScope {
  communityId: string;
  /** The community day the change is made on (dates of facts may not be after it). */
  today: string;
  /** The instant of the change (the record's `openedAt` / `closedAt`). */
  now: Date;
  resident: (resident: Resident, em: UnitOfWork['em']) => Promise<boolean>;
  /** Whether the caller may manage this category (重点人员 needs sensitive:write). */
  category: (category: CareCategory) => boolean;
  /** Where a rule's use of the resident's birth date for the caller is recorded (the request's `ctx.pii`). */
  ruleUses?: Pick<PersonalDataReader, 'usedByRule'>;
}

const text = (raw: string | null | undefined, field: string, max: number, required = true): string | null => {
  const value = raw?.trim() ?? '';
  if (!value) {
    if (required) throw new InvalidInputError(field, `${field} 不能为空：须填写，至多 ${max} 个字`);
    return null;
  }
  if (value.length > max) throw new InvalidInputError(field, `不能超过 ${max} 个字`);
  return value;
};

function validCategory(raw: string, scope: CareScope): CareCategory {
  if (!CareCategories.codes.includes(raw as CareCategory))
    throw new InvalidInputError('category', `未知的关爱对象类别「${raw}」，应为：${labelsOf(CareCategories)}`);
  const category = raw as CareCategory;
  if (!scope.category(category))
    throw new InvalidInputError('category', `无权管理该类别：${CareCategories.labels[category]}`);
  return category;
}

/** 该增的增: adds a category with start date and source; the first review date follows from the category. */
export async function addCareCategory(
  uow: UnitOfWork,
  input: { residentId: string; category: string; startedOn: string; source: string; grade?: string | null },
  scope: CareScope,
): Promise<CareRecord> {
  const category = validCategory(input.category, scope);
  assertAddable(category);
  const startedOn = factDate(input.startedOn, 'startedOn', scope.today, '关爱对象起始日期');
  const source = text(input.source, 'source', 100)!;
  const grade = text(input.grade, 'grade', 20, false);
  const resident = await loadVisible(uow, Resident, input.residentId, scope.communityId, '居民', scope.resident);
  residentTransition(resident.status, 'CARE');
  // the start checked against the birth date, passed or refused, is a use of it for the caller
  if (resident.birthDate) scope.ruleUses?.usedByRule(resident, 'birthDate');
  checkCareStart(startedOn, resident.birthDate);
  const open = await uow.em.count(CareRecord, { resident: resident.id, category, endedOn: null });
  if (open > 0)
    throw new ConflictError(`该居民已是「${CareCategories.labels[category]}」关爱对象（在册）`, { field: 'category' });
  const record = uow.em.create(CareRecord, {
    id: newId(),
    communityId: resident.communityId,
    resident,
    category,
    startedOn,
    source,
    grade,
    nextReviewOn: nextReviewDate(category, startedOn),
    openedAt: scope.now,
  });
  uow.events.record(CareCategoryAdded, {
    residentId: resident.id,
    category,
    startedOn,
    source,
    nextReviewOn: record.nextReviewOn,
  });
  await uow.em.flush();
  return record;
}

async function openRecord(uow: UnitOfWork, id: string, scope: CareScope): Promise<CareRecord> {
  // locked: two concurrent endings or reviews of one record never both apply
  const record = await uow.em.findOne(
    CareRecord,
    { id, communityId: scope.communityId },
    { populate: ['resident'], ...forUpdate(uow.em), refresh: true },
  );
  if (!record || !(await scope.resident(record.resident.getEntity(), uow.em)) || !scope.category(record.category))
    throw new NotFoundError('关爱记录', id);
  if (record.endedOn) throw new ConflictError(`该关爱记录已于 ${record.endedOn} 终止`, { status: 'ENDED' });
  return record;
}

function end(uow: UnitOfWork, record: CareRecord, endedOn: string, reason: string, now: Date): void {
  if (endedOn < record.startedOn) throw new InvalidInputError('endedOn', '终止日期不能早于起始日期');
  record.endedOn = endedOn;
  record.closedAt = now;
  record.endReason = reason;
  record.nextReviewOn = null;
  uow.events.record(CareCategoryEnded, { residentId: record.resident.id, category: record.category, endedOn, reason });
}

/**
 * After an ending has committed: moves the record's `closedAt` to `now`, an instant after the commit. A list read
 * that began before the commit saw the record open; with `closedAt` after the commit the predicate audit
 * (`piiAuditTrail`) counts the person for that read too (a read between the commit and `now` is counted without
 * having seen them: harmless). If the process dies in between, `closedAt` stays the ending's own instant.
 */
export async function markClosedAfterCommit(em: UnitOfWork['em'], record: CareRecord, now: Date): Promise<void> {
  if (!record.closedAt || now <= record.closedAt) return;
  await em.nativeUpdate(CareRecord, { id: record.id, endedOn: { $ne: null } }, { closedAt: now });
  record.closedAt = now;
}

/** 该减的减: ends a category with a reason. */
export async function endCareCategory(
  uow: UnitOfWork,
  input: { careRecordId: string; endedOn: string; reason: string },
  scope: CareScope,
): Promise<CareRecord> {
  const endedOn = factDate(input.endedOn, 'endedOn', scope.today, '终止日期');
  const reason = text(input.reason, 'reason', 200)!;
  const record = await openRecord(uow, input.careRecordId, scope);
  end(uow, record, endedOn, reason, scope.now);
  await uow.em.flush();
  return record;
}

/** Records a review (continue / adjust / terminate); the next review date follows from the category unless given. */
export async function reviewCareCategory(
  uow: UnitOfWork,
  input: {
    careRecordId: string;
    outcome: string;
    reviewedOn: string;
    reviewerStaffId: string;
    note?: string | null;
    nextReviewOn?: string | null;
    grade?: string | null;
  },
  scope: CareScope,
): Promise<{ record: CareRecord; review: CareReview }> {
  if (!CareReviewOutcomes.codes.includes(input.outcome as CareReviewOutcome))
    throw new InvalidInputError('outcome', `未知的复核结论「${input.outcome}」，应为：${labelsOf(CareReviewOutcomes)}`);
  const outcome = input.outcome as CareReviewOutcome;
  const reviewedOn = factDate(input.reviewedOn, 'reviewedOn', scope.today, '复核日期');
  const requestedNext = input.nextReviewOn ? validDate(input.nextReviewOn, 'nextReviewOn') : null;
  const note = text(input.note, 'note', 500, outcome !== 'CONTINUE');
  const grade = text(input.grade, 'grade', 20, false);
  const reviewer = await uow.em.findOne(Staff, { id: input.reviewerStaffId, communityId: scope.communityId });
  if (!reviewer) throw new InvalidInputError('reviewerStaffId', `社区工作者 ${input.reviewerStaffId} 不存在`);
  const record = await openRecord(uow, input.careRecordId, scope);
  if (reviewedOn < record.startedOn) throw new InvalidInputError('reviewedOn', '复核日期不能早于起始日期');
  const result = reviewResult(record.category, outcome, reviewedOn, requestedNext);
  const review = uow.em.create(CareReview, {
    id: newId(),
    record,
    outcome,
    reviewedOn,
    reviewerStaffId: reviewer.id,
    note,
    nextReviewOn: result.nextReviewOn,
  });
  if (outcome === 'ADJUST' && grade) record.grade = grade;
  uow.events.record(CareCategoryReviewed, {
    residentId: record.resident.id,
    category: record.category,
    outcome,
    reviewedOn,
    nextReviewOn: result.nextReviewOn,
  });
  if (result.ends) end(uow, record, reviewedOn, note ?? '复核终止', scope.now);
  else record.nextReviewOn = result.nextReviewOn;
  await uow.em.flush();
  return { record, review };
}
