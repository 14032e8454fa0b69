import type { EntityManager } from '@mikro-orm/core';
import { forShare } from '@shequ/database';
import { UnknownReferenceError } from '@shequ/errors';
import { REFERENCE_LABELS, ReferenceProjection, type ReferenceKind } from './reference-projection.js';

const STATUS_LABELS: Record<string, string> = { MOVED_OUT: '已迁出', DECEASED: '已故', INACTIVE: '已离岗' };

export interface ReferenceRequirement {
  kind: ReferenceKind;
  id: string;
  /** The input field that carries the id (named in the error). */
  field: string;
  /** The caller's community: a record of another community is out of scope. */
  communityId: string;
  /**
   * A new link needs a current record (a resident living here, a staff member in post); default true. `'living'`:
   * a resident who moved away still may (report a matter of the old flat, rate what was done for them, be a party
   * to a dispute), one who has died may not.
   */
  current?: boolean | 'living';
}

/**
 * Checks a reference to residents' records against this service's projection before anything is written:
 * unknown, out-of-scope or no longer current ids are BAD_USER_INPUT naming the field. (While the projection is
 * still catching up, the runtime turns that refusal into a retryable NOT_YET_SYNCED.)
 *
 * Inside a transaction on PostgreSQL the row is read `FOR SHARE`: a fact that would make it stale (a resident's
 * move-out or death, a staff member leaving) consumed meanwhile waits until the write commits, so the consumer's
 * clean-up, which runs after the projection in its transaction (the reference projection is each service's first
 * purpose of residents' events), sees what the write linked to the record (a registration, a team membership, a
 * case …) instead of missing it. SQLite runs one writing transaction at a time.
 */
export async function requireReference(em: EntityManager, need: ReferenceRequirement): Promise<ReferenceProjection> {
  const label = REFERENCE_LABELS[need.kind];
  const row = await em.findOne(ReferenceProjection, { kind: need.kind, id: need.id }, forShare(em));
  if (!row || row.communityId !== need.communityId)
    throw new UnknownReferenceError(need.field, `${label}「${need.id}」不存在或不属于本社区`, need.kind, need.id);
  const current = need.current ?? true;
  if ((current === true && row.status !== 'ACTIVE') || (current === 'living' && row.status === 'DECEASED'))
    throw new UnknownReferenceError(
      need.field,
      `${label}「${need.id}」${STATUS_LABELS[row.status] ?? '已不在册'}，不能引用`,
      need.kind,
      need.id,
    );
  return row;
}

/** Same as `requireReference` for an optional id: null/undefined passes. */
export async function requireOptionalReference(
  em: EntityManager,
  need: Omit<ReferenceRequirement, 'id'> & { id: string | null | undefined },
): Promise<ReferenceProjection | null> {
  if (need.id === null || need.id === undefined || need.id === '') return null;
  return requireReference(em, { ...need, id: need.id });
}
