import type { AccessControl } from '@shequ/auth';

/** Filter on `communityId` for the rows the caller may see (its community, or all under its region code). */
export function communityWhere(access: AccessControl): { communityId: string | { $like: string } } {
  const scope = access.communityScope();
  return scope.kind === 'exact' ? { communityId: scope.communityId } : { communityId: { $like: `${scope.prefix}%` } };
}

/** Whether a record of `communityId` is within the caller's rows. */
export function inCommunityScope(access: AccessControl, communityId: string): boolean {
  const scope = access.communityScope();
  return scope.kind === 'exact' ? scope.communityId === communityId : communityId.startsWith(scope.prefix);
}
