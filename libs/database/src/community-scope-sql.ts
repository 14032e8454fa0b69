/** A community row scope as the subgraphs express it (`communityWhere`): one community, a set, or a code prefix. */
export type CommunityIdScope = string | { $in?: string[]; $like?: string };

/**
 * The community scope as a SQL condition on `column` with its parameters, for statistics written in SQL over a
 * rollup (no ORM query builder there). Anything else matches nothing.
 */
export function communityScopeSql(column: string, scope: CommunityIdScope): { text: string; params: string[] } {
  if (typeof scope === 'string') return { text: `${column} = ?`, params: [scope] };
  if (scope.$in)
    return scope.$in.length
      ? { text: `${column} in (${scope.$in.map(() => '?').join(', ')})`, params: [...scope.$in] }
      : { text: '1 = 0', params: [] };
  if (scope.$like !== undefined) return { text: `${column} like ?`, params: [scope.$like] };
  return { text: '1 = 0', params: [] };
}
