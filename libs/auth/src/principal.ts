import type { Permission } from './permissions.js';
import type { Role } from './roles.js';

/** A person, from a verified JWT. */
export interface UserPrincipal {
  kind: 'user';
  /** JWT subject */
  id: string;
  name: string;
  /** The community (12-digit code); for analysts a street (9) or district (6) code covering many. */
  communityId: string;
  department: string | null;
  roles: Role[];
  /** Codes of the grids a grid worker serves. */
  grids: string[];
  /**
   * Further communities (12-digit codes) a community or department role is granted for, beyond `communityId`
   * (a 街道 保障站 worker covering five communities). Empty or absent: `communityId` only.
   */
  communities?: string[];
}

/** A district platform, from a verified API key. */
export interface MachinePrincipal {
  kind: 'machine';
  /** API key id */
  id: string;
  name: string;
  communityId: string;
  scopes: Permission[];
  /** When the key stops being valid (the registry's expiry); what a key set up outlives it with stops then too. */
  expiresAt?: Date;
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
