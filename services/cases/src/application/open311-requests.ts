import type { FilterQuery } from '@mikro-orm/core';
import { communityDateTime } from '@shequ/contracts';
import { forShare, newId } from '@shequ/database';
import { InvalidInputError, UnknownReferenceError } from '@shequ/errors';
import { ReferenceProjection, type SubgraphContext, type UnitOfWork } from '@shequ/subgraph';
import { FINISHED_STATUSES } from '../domain/case-workflow.js';
import { acceptOpen311Report, open311Status, type Open311Report } from '../domain/open311.js';
import { CaseActions } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { CaseTimelineEntry } from '../entities/case-timeline-entry.js';
import { Open311Request } from '../entities/open311-request.js';
import { caseScope, type CaseOpener } from './case-scope.js';
import { openCase } from './open-case.js';

/** The most requests one GET answers (GeoReport: "a maximum of 1000 requests"). */
export const MAX_OPEN311_REQUESTS = 1000;
/** GET /requests without a date range: the last 90 days, as the spec suggests. */
export const DEFAULT_OPEN311_WINDOW_DAYS = 90;

/**
 * The building or household a report names (GeoReport `address_id`), through this service's projection of
 * residents' places: it decides the grid the case is routed to.
 */
export async function placeOf(
  uow: Pick<UnitOfWork, 'em'>,
  addressId: string,
  communityId: string,
): Promise<ReferenceProjection> {
  // read FOR SHARE like every reference check: a grid redraw of this building waits, then moves this case too
  const place = await uow.em.findOne(
    ReferenceProjection,
    { kind: { $in: ['BUILDING', 'HOUSEHOLD'] }, id: addressId },
    forShare(uow.em),
  );
  if (!place || place.communityId !== communityId)
    throw new UnknownReferenceError(
      'address_id',
      `楼栋或住户「${addressId}」不存在或不属于本社区`,
      'BUILDING',
      addressId,
    );
  return place;
}

/**
 * A district platform hands a report over (POST /requests): checked by the category's rules, then opened through
 * `openCase` exactly as `openCase` the mutation does (routing to grid and grid worker, department and time limits,
 * `case.opened`), with the channel 区级平台, and the report's place and media kept beside the case.
 */
export async function submitOpen311Request(
  uow: UnitOfWork,
  report: Open311Report,
  caller: { communityId: string; clientId: string; opener: CaseOpener },
  now: Date,
): Promise<{ request: Open311Request; case: Case }> {
  const accepted = acceptOpen311Report(report);
  const place = accepted.addressId ? await placeOf(uow, accepted.addressId, caller.communityId) : null;
  const opened = await openCase(
    uow,
    {
      category: accepted.category,
      channel: 'DISTRICT_PLATFORM',
      description: accepted.description,
      priority: accepted.priority,
      gridId: place?.gridId ?? null,
      gridField: 'address_id',
    },
    caller.communityId,
    now,
    caller.opener,
  );
  const request = uow.em.create(Open311Request, {
    id: newId(),
    communityId: caller.communityId,
    caseId: opened.id,
    clientId: caller.clientId,
    addressString: accepted.addressString,
    addressId: accepted.addressId,
    latitude: accepted.location?.lat ?? null,
    longitude: accepted.location?.long ?? null,
    mediaUrl: accepted.mediaUrl,
    submittedAt: now,
  });
  return { request, case: opened };
}

export interface Open311Query {
  ids: string[] | null;
  serviceCodes: string[] | null;
  statuses: Array<'open' | 'closed'> | null;
  start: Date | null;
  end: Date | null;
}

function instant(raw: string | null, field: string): Date | null {
  if (raw === null || raw === '') return null;
  const value = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(value.getTime()))
    throw new InvalidInputError(field, `${field} 须为 W3C 日期时间（如 2026-12-01T09:30:00+08:00），收到「${raw}」`);
  return value;
}

const list = (raw: string | null) =>
  raw === null || raw.trim() === ''
    ? null
    : raw
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');

/** GET /requests' query parameters, checked. */
export function open311Query(params: URLSearchParams): Open311Query {
  const statuses = list(params.get('status'));
  for (const given of statuses ?? [])
    if (given !== 'open' && given !== 'closed')
      throw new InvalidInputError('status', `status 只能是 open 或 closed（可用逗号分隔），收到「${given}」`);
  const start = instant(params.get('start_date'), 'start_date');
  const end = instant(params.get('end_date'), 'end_date');
  if (start && end && start >= end) throw new InvalidInputError('end_date', 'end_date 须晚于 start_date');
  const ids = list(params.get('service_request_id'));
  if (ids && ids.length > MAX_OPEN311_REQUESTS)
    throw new InvalidInputError('service_request_id', `一次最多查询 ${MAX_OPEN311_REQUESTS} 个编号`);
  return {
    ids,
    serviceCodes: list(params.get('service_code')),
    statuses: statuses as Array<'open' | 'closed'> | null,
    start,
    end,
  };
}

/** Cases the platform may see (its community), as GeoReport selects them; by number, newest first, at most 1,000. */
export async function findOpen311Cases(ctx: SubgraphContext, query: Open311Query, now: Date): Promise<Case[]> {
  const all: FilterQuery<Case>[] = await caseScope(ctx);
  if (query.ids) all.push({ number: { $in: query.ids } });
  else {
    const start = query.start ?? new Date(now.getTime() - DEFAULT_OPEN311_WINDOW_DAYS * 86_400_000);
    all.push({ openedAt: { $gte: start } });
    if (query.end) all.push({ openedAt: { $lt: query.end } });
  }
  if (query.serviceCodes) all.push({ category: { $in: query.serviceCodes as Case['category'][] } });
  if (query.statuses?.length === 1)
    all.push(
      query.statuses[0] === 'closed'
        ? { status: { $in: [...FINISHED_STATUSES] } }
        : { status: { $nin: [...FINISHED_STATUSES] } },
    );
  return ctx.em.find(Case, { $and: all }, { orderBy: { openedAt: 'desc', id: 'asc' }, limit: MAX_OPEN311_REQUESTS });
}

export interface Open311RequestView {
  case: Case;
  /** Set when the case came through Open311: what that report said about its place and media. */
  report: Open311Request | null;
  status: 'open' | 'closed';
  /** The latest step of the timeline as its label and day (never the free-text note: it may name people). */
  statusNotes: string;
  updatedAt: Date;
}

/** What GET returns of each case: its Open311 report if it has one, and its latest timeline step. */
export async function open311Views(ctx: SubgraphContext, cases: readonly Case[]): Promise<Open311RequestView[]> {
  if (cases.length === 0) return [];
  const ids = cases.map((c) => c.id);
  const [reports, steps] = await Promise.all([
    ctx.em.find(Open311Request, { caseId: { $in: ids } }),
    ctx.em.find(CaseTimelineEntry, { caseId: { $in: ids } }, { orderBy: { at: 'asc', id: 'asc' } }),
  ]);
  const reportOf = new Map(reports.map((r) => [r.caseId, r]));
  const lastStep = new Map<string, CaseTimelineEntry>();
  for (const step of steps) lastStep.set(step.caseId, step);
  return cases.map((record) => {
    const step = lastStep.get(record.id);
    return {
      case: record,
      report: reportOf.get(record.id) ?? null,
      status: open311Status(record.status),
      statusNotes: step ? `${CaseActions.labels[step.action]}（${communityDateTime(step.at)}）` : '',
      updatedAt: step && step.at > record.openedAt ? step.at : record.openedAt,
    };
  });
}

/** The request a token names (GET /tokens/{token}), within the caller's community. */
export async function open311RequestByToken(ctx: SubgraphContext, token: string): Promise<Case | null> {
  const report = await ctx.em.findOne(Open311Request, { id: token });
  if (!report) return null;
  const cases = await ctx.em.find(Case, { $and: [{ id: report.caseId }, ...(await caseScope(ctx))] });
  return cases[0] ?? null;
}
