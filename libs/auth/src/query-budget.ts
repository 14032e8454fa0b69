import type { Principal } from './principal.js';

/**
 * Which query budget a caller gets (libs/server QUERY_LIMITS): analysts run statistics over many communities
 * and get the larger one; people at front ends and machine clients the smaller one.
 */
export function queryBudgetOf(principal: Principal): 'frontEnd' | 'analyst' {
  return principal.kind === 'user' && principal.roles.includes('analyst') ? 'analyst' : 'frontEnd';
}

const ADMINS = new Set(['community_admin', 'street_admin', 'district_admin']);

/** In production only the admins (community, street, district) may ask for the schema (introspection). */
export function mayIntrospect(principal: Principal): boolean {
  return principal.kind === 'user' && principal.roles.some((role) => ADMINS.has(role));
}

/**
 * Whether a caller may send queries of its own (ad hoc) where the gateway runs only trusted documents: analysts
 * and the admins (community, street, district) may (within their query budget); the departmental front ends' roles may run only the
 * documents of their front ends (the manifest of @shequ/client). Machine clients (API keys) are bounded by their
 * scopes and are not front ends.
 */
export function mayRunAdHocQueries(principal: Principal): boolean {
  if (principal.kind === 'machine') return true;
  return principal.kind === 'user' && principal.roles.some((role) => role === 'analyst' || ADMINS.has(role));
}
