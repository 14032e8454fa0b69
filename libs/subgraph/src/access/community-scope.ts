import { scopeIncludes, type AccessControl } from '@shequ/auth';

/** A filter on `communityId` by the caller's scope. */
export interface CommunityWhere {
  communityId: string | { $like: string } | { $in: string[] };
}

/**
 * Filter on `communityId` for the rows the caller may see: its community, the communities it is granted for, or
 * all under its street/district code.
 */
export function communityWhere(access: AccessControl): CommunityWhere {
  const scope = access.communityScope();
  switch (scope.kind) {
    case 'exact':
      return { communityId: scope.communityId };
    case 'set':
      return { communityId: { $in: scope.communityIds } };
    case 'prefix':
      return { communityId: { $like: `${scope.prefix}%` } };
  }
}

/** Whether a record of `communityId` is within the caller's rows. */
export function inCommunityScope(access: AccessControl, communityId: string): boolean {
  return scopeIncludes(access.communityScope(), communityId);
}
