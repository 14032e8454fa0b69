import type { SubgraphContext } from '@shequ/subgraph';
import { revealsCare } from '../domain/category-policy.js';

/**
 * One value of a case that could connect a person to it (its reporter, its free texts, its links), as the caller
 * may see it: a case of a category that tells a person's care situation (救助申请, `revealsCare`) gives it only to
 * callers that see care categories, each such read audited as a care-category read of its reporter (the person the
 * case is about); to the others it is `null`. Cases of other categories give it as it is.
 */
export function caseValue<T>(
  ctx: SubgraphContext,
  record: { category: string; reporterId: string | null; communityId: string },
  value: T,
): T | null {
  if (value === null || value === undefined || !revealsCare(record.category)) return value;
  if (!ctx.access.seesCare()) return null;
  if (record.reporterId)
    ctx.pii.readList({ id: record.reporterId, communityId: record.communityId }, 'careCategories', [record.category]);
  return value;
}

/** Whether the caller sees what connects a person to a case of this category (see `caseValue`). */
export function seesCaseSubject(ctx: SubgraphContext, category: string): boolean {
  return !revealsCare(category) || ctx.access.seesCare();
}
