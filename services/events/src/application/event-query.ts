import type { FilterQuery } from '@mikro-orm/core';
import type { CommunityEvent } from '../entities/community-event.js';

export interface CommunityEventCriteria {
  types?: string[] | null;
  statuses?: string[] | null;
  /** Starts at or after. */
  from?: Date | null;
  /** Starts before. */
  to?: Date | null;
}

/** List filters of `communityEvents` within the caller's row scope (all criteria must hold). */
export function communityEventWhere(
  scope: FilterQuery<CommunityEvent>,
  criteria: CommunityEventCriteria | null | undefined,
): FilterQuery<CommunityEvent> {
  const all: FilterQuery<CommunityEvent>[] = [scope];
  if (criteria?.types?.length) all.push({ type: { $in: criteria.types as CommunityEvent['type'][] } });
  if (criteria?.statuses?.length) all.push({ status: { $in: criteria.statuses as CommunityEvent['status'][] } });
  if (criteria?.from) all.push({ startsAt: { $gte: criteria.from } });
  if (criteria?.to) all.push({ startsAt: { $lt: criteria.to } });
  return { $and: all };
}
