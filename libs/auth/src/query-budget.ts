import type { Principal } from './principal.js';

/**
 * Which query budget a caller gets (libs/server QUERY_LIMITS): analysts run statistics over many communities
 * and get the larger one; people at front ends and machine clients the smaller one.
 */
export function queryBudgetOf(principal: Principal): 'frontEnd' | 'analyst' {
  return principal.kind === 'user' && principal.roles.includes('analyst') ? 'analyst' : 'frontEnd';
}

/** In production only community_admin may ask for the schema (introspection). */
export function mayIntrospect(principal: Principal): boolean {
  return principal.kind === 'user' && principal.roles.includes('community_admin');
}
