import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { InvalidInputError } from '@shequ/errors';
import { AUDIT_TRAIL_SERVICE, CareCategories, type CareCategory } from '@shequ/contracts';
import { columnSum } from '@shequ/database';
import { SENSITIVE_CATEGORIES } from '../domain/care-schedule.js';
import { CareRecord } from '../entities/care-record.js';
import {
  PiiAuditRecord,
  auditScopeIncludes,
  auditScopePatterns,
  auditSubjectPattern,
  decodeAuditSubjects,
  pageSize,
  type AuditSubject,
  type PageArgs,
} from '@shequ/subgraph';

export interface AuditTrailCriteria {
  residentId?: string | null;
  callerId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** One person read in one request: an entry of `piiAuditTrail`, expanded from its request's record. */
export interface AuditTrailItem extends AuditSubject {
  /** For the entry of a predicate read (listed by caller or period): what it matched and how many. */
  predicate: string | null;
  predicateCount: number | null;
  id: string;
  service: string;
  operation: string;
  requestId: string;
  callerKind: string;
  callerId: string;
  callerRoles: string[];
  callerDepartment: string | null;
  /** The community of the persons read (a predicate read: the caller's). */
  communityId: string;
  callerCommunityId: string | null;
  readAt: Date;
}

/** When a person was in a care category, in which community: what predicate reads are resolved against. */
export interface CarePeriod {
  category: string;
  communityId: string;
  openedAt: Date;
  closedAt: Date | null;
}

/** A person's care records as periods (every record, open or closed: care records are never deleted). */
export async function carePeriodsOf(em: EntityManager, residentId: string): Promise<CarePeriod[]> {
  const records = await em.find(
    CareRecord,
    { resident: residentId },
    { fields: ['category', 'communityId', 'openedAt', 'closedAt'], disableIdentityMap: true },
  );
  return records.map((r) => ({
    category: r.category,
    communityId: r.communityId,
    openedAt: r.openedAt,
    closedAt: r.closedAt,
  }));
}

/**
 * Whether a predicate read matched a person: one of their care records of its category, in one of its
 * communities, was open at some instant of the read (opened by its end, `readAt`, and not closed by its start).
 */
function predicateMatches(record: PiiAuditRecord, periods: readonly CarePeriod[]): boolean {
  return periods.some(
    (p) =>
      p.category === record.predicateCategory &&
      auditScopeIncludes(record.predicateScope ?? '', p.communityId) &&
      p.openedAt.getTime() <= record.readAt.getTime() &&
      (!p.closedAt || p.closedAt.getTime() > (record.predicateFrom ?? record.readAt).getTime()),
  );
}

/**
 * The same condition as `predicateMatches`, for the database; but not a request whose own rows name the person
 * read (`subjects`: on the list's page): that request is their entry already (one per request). Which rows are one
 * request is the server's `requestKey`, never the request id (a caller may send the same one twice: its later
 * predicate read would hide behind its earlier row); rows of before 2026-12-06 have no key and keep the request id.
 */
function predicateWhere(period: CarePeriod, subjects: string): FilterQuery<PiiAuditRecord> {
  const { like, prefixes } = auditScopePatterns(period.communityId);
  // the requests whose residents rows name the person: by key; rows of before 2026-12-06 (no key) among themselves by id
  const namedBy = (column: 'request_key' | 'request_id') =>
    `(select ${column} from pii_audit_record where service = ? and subjects like ? and request_key is ${
      column === 'request_key' ? 'not null' : 'null'
    })`;
  const params = [AUDIT_TRAIL_SERVICE, subjects];
  return {
    predicateCategory: period.category,
    readAt: { $gte: period.openedAt },
    ...(period.closedAt ? { predicateFrom: { $lt: period.closedAt } } : {}),
    $and: [
      { $or: [{ predicateScope: { $like: like } }, { predicateScope: { $in: prefixes } }] },
      {
        $or: [
          { requestKey: { $ne: null, $nin: raw(namedBy('request_key'), params) } },
          { requestKey: null, requestId: { $nin: raw(namedBy('request_id'), params) } },
        ],
      },
    ],
  };
}

/**
 * The records (one per request, service and community read) that hold entries matching `criteria`, in `scope` (on
 * the community of the persons read). Filtered by a person, also the predicate reads that matched them (`periods`:
 * their care records, `carePeriodsOf`, only those in the caller's communities), whoever's communities the predicate
 * covered: a street's care list counted this community's person.
 */
export function auditRecordWhere(
  scope: FilterQuery<PiiAuditRecord>,
  criteria: AuditTrailCriteria | null,
  periods: readonly CarePeriod[] = [],
): FilterQuery<PiiAuditRecord> {
  const where: Record<string, unknown> = criteria?.residentId ? {} : { ...(scope as object) };
  if (criteria?.residentId) {
    const subjects = auditSubjectPattern(criteria.residentId);
    where.$or = [
      { ...(scope as object), subjects: { $like: subjects } },
      ...periods.map((period) => predicateWhere(period, subjects)),
    ];
  }
  if (criteria?.callerId) where.callerId = criteria.callerId;
  if (criteria?.from || criteria?.to) {
    if (criteria.from && criteria.to && criteria.from >= criteria.to)
      throw new InvalidInputError('filter.to', '截止时间须晚于起始时间');
    where.readAt = { ...(criteria.from ? { $gte: criteria.from } : {}), ...(criteria.to ? { $lt: criteria.to } : {}) };
  }
  return where;
}

interface TrailCursor {
  readAt: number;
  recordId: string;
  index: number;
}

function encodeCursor(item: { readAt: Date; recordId: string; index: number }): string {
  return Buffer.from(JSON.stringify([item.readAt.getTime(), item.recordId, item.index])).toString('base64url');
}

function decodeCursor(after: string): TrailCursor {
  try {
    const [readAt, recordId, index] = JSON.parse(Buffer.from(after, 'base64url').toString()) as unknown[];
    if (typeof readAt === 'number' && typeof recordId === 'string' && Number.isInteger(index))
      return { readAt, recordId, index: index as number };
  } catch {
    // falls through to the input error
  }
  throw new InvalidInputError('after', `游标无效：${after}`);
}

const predicateField = (category: string): AuditSubject['fields'][number] =>
  SENSITIVE_CATEGORIES.includes(category as never) ? 'sensitiveTags' : 'careCategories';

/**
 * A record's entries: its subjects, and for a predicate read one entry more — by person, that person if the
 * predicate matched them and they are not among the subjects already (once per request); otherwise the predicate
 * itself with the number it matched.
 */
function entriesOf(record: PiiAuditRecord, residentId: string | null | undefined, periods: readonly CarePeriod[]) {
  const subjects = decodeAuditSubjects(record.subjects).map((subject, index) => ({
    subject,
    index,
    predicate: null as string | null,
  }));
  if (residentId) {
    const own = subjects.filter(({ subject }) => subject.subjectId === residentId);
    if (own.length > 0 || !record.predicateCategory || !predicateMatches(record, periods)) return own;
    const subject: AuditSubject = {
      subjectType: 'Resident',
      subjectId: residentId,
      fields: [predicateField(record.predicateCategory)],
    };
    return [{ subject, index: subjects.length, predicate: null }];
  }
  if (record.predicateCategory) {
    const scope = record.predicateScope?.trim() ?? '';
    subjects.push({
      subject: {
        subjectType: 'Resident',
        subjectId: `${record.predicateCategory}@${scope.replace(/ /g, ',')}`,
        fields: [predicateField(record.predicateCategory)],
      },
      index: subjects.length,
      predicate: `关爱对象类别「${CareCategories.labels[record.predicateCategory as CareCategory] ?? record.predicateCategory}」在册（读取期间）的居民，范围：${scope}`,
    });
  }
  return subjects;
}

function expand(record: PiiAuditRecord, residentId: string | null | undefined, periods: readonly CarePeriod[]) {
  return entriesOf(record, residentId, periods).map(({ subject, index, predicate }) => ({
    index,
    item: {
      ...subject,
      predicate,
      predicateCount: predicate ? record.predicateCount : null,
      id: `${record.id}.${index}`,
      service: record.service,
      operation: record.operation,
      requestId: record.requestId,
      callerKind: record.callerKind,
      callerId: record.callerId,
      callerRoles: record.callerRoles.split(',').filter(Boolean),
      callerDepartment: record.callerDepartment,
      communityId: record.communityId,
      callerCommunityId: record.callerCommunityId,
      readAt: record.readAt,
    } satisfies AuditTrailItem,
  }));
}

/**
 * A page of the trail, newest first: records in (readAt desc, id) order, each expanded into its subjects. The
 * cursor names the record and the subject's place in it, so a page may end in the middle of a request's record.
 * `totalCount` is counted only when asked for (a getter: the resolver's selection decides).
 */
export async function auditTrailPage(
  em: EntityManager,
  where: FilterQuery<PiiAuditRecord>,
  criteria: AuditTrailCriteria | null,
  page: PageArgs,
  periods: readonly CarePeriod[] = [],
) {
  const first = pageSize(page.first);
  const cursor = page.after ? decodeCursor(page.after) : undefined;
  const after = cursor
    ? {
        $or: [
          { readAt: { $lt: new Date(cursor.readAt) } },
          { readAt: new Date(cursor.readAt), id: { $gte: cursor.recordId } },
        ],
      }
    : {};
  const records = await em.find(
    PiiAuditRecord,
    { $and: [where, after] },
    {
      orderBy: { readAt: 'desc', id: 'asc' },
      limit: first + 2,
      disableIdentityMap: true,
    },
  );
  const items: Array<{ node: AuditTrailItem; cursor: string }> = [];
  let hasNextPage = false;
  for (const record of records) {
    for (const { index, item } of expand(record, criteria?.residentId, periods)) {
      if (cursor && record.id === cursor.recordId && index <= cursor.index) continue;
      if (items.length === first) {
        hasNextPage = true;
        break;
      }
      items.push({ node: item, cursor: encodeCursor({ readAt: record.readAt, recordId: record.id, index }) });
    }
    if (hasNextPage) break;
  }
  let total: Promise<number> | undefined;
  return {
    edges: items,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(cursor),
      startCursor: items[0]?.cursor ?? null,
      endCursor: items.at(-1)?.cursor ?? null,
    },
    get totalCount(): Promise<number> {
      total ??= countEntries(em, where, criteria);
      return total;
    },
  };
}

async function countEntries(
  em: EntityManager,
  where: FilterQuery<PiiAuditRecord>,
  criteria: AuditTrailCriteria | null,
): Promise<number> {
  // filtered by a person, each matching record holds that person once
  if (criteria?.residentId) return em.count(PiiAuditRecord, where);
  return columnSum(em, PiiAuditRecord, 'subjectCount', where);
}
