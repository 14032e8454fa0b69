/** Who is calling. Subgraphs build it themselves from the forwarded `Authorization` header. */
export interface UserPrincipal {
  kind: 'user';
  /** JWT subject */
  id: string;
  name: string;
  communityId: string;
  department: string | null;
  roles: string[];
  /** Grid codes a grid worker serves. */
  grids: string[];
}

export interface MachinePrincipal {
  kind: 'machine';
  /** API key id */
  id: string;
  name: string;
  communityId: string | null;
  scopes: string[];
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export type Principal = UserPrincipal | MachinePrincipal | AnonymousPrincipal;

export const anonymous: AnonymousPrincipal = Object.freeze({ kind: 'anonymous' });

/** The actor recorded on events: ids only, never names. */
export function actorOf(principal: Principal): { kind: 'user' | 'machine' | 'system'; id: string } {
  if (principal.kind === 'anonymous') return { kind: 'system', id: 'anonymous' };
  return { kind: principal.kind, id: principal.id };
}
