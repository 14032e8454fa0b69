import type { EntityManager } from '@mikro-orm/core';
import { InvalidInputError } from '@shequ/errors';
import { assertDisbursementCase, unknownDisbursementCase } from '../../domain/fund/disbursement-case.js';
import { CaseProjection } from '../../entities/fund/case-projection.js';
import { CommunityEventProjection } from '../../entities/fund/community-event-projection.js';

/**
 * Checks a donation's gala against the projection of the events service's community events: it must be known
 * (published and synced here), in the caller's community, and not cancelled. An id not (yet) in the projection is
 * refused with a retryable message — the event may be new and not synced yet — and so is another community's (one
 * message for both: no existence oracle).
 */
export async function requireKnownEvent(em: EntityManager, eventId: string, communityId: string): Promise<void> {
  // another community's event is refused as one not known here: the refusal must not tell that it exists elsewhere
  const event = await em.findOne(CommunityEventProjection, { eventId, communityId });
  if (!event)
    throw new InvalidInputError(
      'eventId',
      `活动 ${eventId} 不是本社区已发布的活动，或尚未同步到居民服务：请确认活动已发布后稍后重试`,
    );
  if (event.status === 'CANCELLED') throw new InvalidInputError('eventId', `活动 ${eventId} 已取消，不能登记募捐`);
}

/**
 * Checks a disbursement's case against the projection of the cases service's cases: it must be known (synced
 * here) and in the caller's community — an id not (yet) in the projection, or another community's, is refused with
 * one retryable message — and a 救助申请 of 保障站 not closed as 不予受理 or 重复事项 (`assertDisbursementCase`).
 * Every path that writes a disbursement's case goes through here (`proposeFundDisbursement`: the API, programme
 * awards and the seed).
 */
export async function requireKnownCase(em: EntityManager, caseId: string, communityId: string): Promise<void> {
  // another community's case is refused as one not known here: the refusal must not tell that it exists elsewhere
  const row = await em.findOne(CaseProjection, { caseId, communityId });
  if (!row) throw unknownDisbursementCase(caseId);
  assertDisbursementCase(caseId, row);
}
