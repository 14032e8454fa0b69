import type { EntityManager } from '@mikro-orm/core';
import { CaseProjection } from '../../entities/fund/case-projection.js';
import { CommunityEventProjection } from '../../entities/fund/community-event-projection.js';

/** `event.published`: the event becomes known (a redelivery never reopens a cancelled or completed event). */
export async function projectPublishedEvent(
  em: EntityManager,
  facts: { eventId: string; communityId: string; at: Date },
): Promise<void> {
  const row = await em.findOne(CommunityEventProjection, { eventId: facts.eventId });
  if (row) return;
  em.create(CommunityEventProjection, {
    eventId: facts.eventId,
    communityId: facts.communityId,
    status: 'PUBLISHED',
    updatedAt: facts.at,
  });
}

/** `event.cancelled` / `event.completed`: the event's final status. */
export async function projectEventStatus(
  em: EntityManager,
  facts: { eventId: string; communityId: string; status: 'CANCELLED' | 'COMPLETED'; at: Date },
): Promise<void> {
  await em.upsert(CommunityEventProjection, {
    eventId: facts.eventId,
    communityId: facts.communityId,
    status: facts.status,
    updatedAt: facts.at,
  });
}

/**
 * `case.opened`: the case becomes known with its category and department (a redelivery never reopens a closed case;
 * it fills the department of a row projected before the department was kept).
 */
export async function projectOpenedCase(
  em: EntityManager,
  facts: { caseId: string; communityId: string; category: string; department: string; at: Date },
): Promise<void> {
  const row = await em.findOne(CaseProjection, { caseId: facts.caseId });
  if (row) {
    row.department ??= facts.department;
    return;
  }
  em.create(CaseProjection, {
    caseId: facts.caseId,
    communityId: facts.communityId,
    category: facts.category,
    department: facts.department,
    status: 'OPEN',
    updatedAt: facts.at,
  });
}

/** `case.closed`: the case's final status (CLOSED, REJECTED, DUPLICATE). */
export async function projectClosedCase(
  em: EntityManager,
  facts: { caseId: string; status: string; at: Date },
): Promise<void> {
  await em.nativeUpdate(CaseProjection, { caseId: facts.caseId }, { status: facts.status, updatedAt: facts.at });
}
