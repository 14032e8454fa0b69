import type { EntityManager } from '@mikro-orm/core';
import type { CaseStatus } from '@shequ/contracts';
import { newId } from '@shequ/database';
import type { CaseAction } from '../domain/vocabularies.js';
import type { Case } from '../entities/case.js';
import { CaseTimelineEntry } from '../entities/case-timeline-entry.js';
import type { TimelineActor } from './workflow-actor.js';

/** Writes one timeline entry (who, when, from → to, note) in the caller's transaction. */
export function recordStep(
  em: EntityManager,
  record: Case,
  step: {
    action: CaseAction;
    from: CaseStatus | null;
    to: CaseStatus;
    actor: TimelineActor;
    note?: string | null;
    at: Date;
  },
): CaseTimelineEntry {
  return em.create(CaseTimelineEntry, {
    id: newId(),
    communityId: record.communityId,
    caseId: record.id,
    action: step.action,
    fromStatus: step.from,
    toStatus: step.to,
    actorKind: step.actor.kind,
    actorId: step.actor.id,
    note: step.note ?? null,
    at: step.at,
  });
}
