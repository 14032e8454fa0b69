import type { Permission } from '@shequ/auth';
import type { SubgraphContext } from '../context.js';
import { inCommunityScope } from '../access/community-scope.js';

/**
 * How every `__resolveReference` answers a `{ __typename, id }`: the record when the caller may see it, else null —
 * the SAME null whether the id names no record or one outside the caller's permission or row scope. An error for the
 * one and null for the other would tell any caller which ids exist (ids travel in events, webhooks, exports and logs);
 * and out-of-scope references are ordinary in lists, so both cannot be errors.
 *
 * An unknown id is a dangling reference (a record naming one that is not there, which the write paths should
 * prevent): the caller sees the quiet null, operators a warning line with the type and id only
 * (`dangling reference`), never anything of the record that points at it. The permission is checked before anything
 * is loaded: without it there is nothing to look up.
 */
export async function visibleReference<T>(
  ctx: SubgraphContext,
  reference: {
    /** The federated type (`Resident`, `Case` …): in the warning only. */
    type: string;
    id: string;
    /** The permission of the type's root query. */
    permission: Permission;
    load: () => Promise<T | null | undefined>;
    /** The row scope of the type's root query. */
    visible: (row: T) => boolean | Promise<boolean>;
  },
): Promise<T | null> {
  if (!ctx.access.can(reference.permission)) return null;
  const row = await reference.load();
  if (!row) {
    ctx.logger.warn({ type: reference.type, id: reference.id }, 'dangling reference: no record with this id');
    return null;
  }
  return (await reference.visible(row)) ? row : null;
}

/**
 * A `__resolveReference` of a type whose root query shows the caller's communities' rows to callers with
 * `permission` (`visibleReference` with the community scope).
 */
export function communityScopedReference<T extends { communityId: string }>(
  type: string,
  permission: Permission,
  load: (ctx: SubgraphContext, id: string) => Promise<T | null | undefined>,
) {
  return (ref: { id: string }, ctx: SubgraphContext): Promise<T | null> =>
    visibleReference(ctx, {
      type,
      id: ref.id,
      permission,
      load: () => load(ctx, ref.id),
      visible: (record) => inCommunityScope(ctx.access, record.communityId),
    });
}
