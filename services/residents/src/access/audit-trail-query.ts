import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { InvalidInputError } from '@shequ/errors';
import { columnSum } from '@shequ/database';
import {
  PiiAuditRecord,
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
  id: string;
  service: string;
  operation: string;
  requestId: string;
  callerKind: string;
  callerId: string;
  callerRoles: string[];
  callerDepartment: string | null;
  readAt: Date;
}

/** The records (one per request and service) that hold entries matching `criteria`, in `scope`. */
export function auditRecordWhere(
  scope: FilterQuery<PiiAuditRecord>,
  criteria: AuditTrailCriteria | null,
): FilterQuery<PiiAuditRecord> {
  const where: Record<string, unknown> = { ...(scope as object) };
  if (criteria?.residentId) where.subjects = { $like: auditSubjectPattern(criteria.residentId) };
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

function expand(record: PiiAuditRecord, residentId: string | null | undefined) {
  return decodeAuditSubjects(record.subjects)
    .map((subject, index) => ({ subject, index }))
    .filter(({ subject }) => !residentId || subject.subjectId === residentId)
    .map(({ subject, index }) => ({
      index,
      item: {
        ...subject,
        id: `${record.id}.${index}`,
        service: record.service,
        operation: record.operation,
        requestId: record.requestId,
        callerKind: record.callerKind,
        callerId: record.callerId,
        callerRoles: record.callerRoles.split(',').filter(Boolean),
        callerDepartment: record.callerDepartment,
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
    for (const { index, item } of expand(record, criteria?.residentId)) {
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
