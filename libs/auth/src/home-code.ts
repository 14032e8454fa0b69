import type { Role } from './roles.js';

/**
 * The codes a token's `community` claim may name for each role: a place at the role's level or below it — a
 * community's 12-digit code for the roles that work in one community (and the grids of it), a street's 9-digit
 * code (or one community of it) for `street_admin`, a district's 6-digit code (or a street or community of it) for
 * `district_admin` and analysts. A region role's rows are every community whose code starts with the claim, so a
 * claim of another shape (empty, 7 digits, a LIKE wildcard) or above the role's level would widen them past its
 * street or district: such a token is refused.
 */
export const HOME_CODE_DIGITS: Readonly<Record<Role, readonly number[]>> = {
  community_admin: [12],
  street_admin: [9, 12],
  district_admin: [6, 9, 12],
  grid_worker: [12],
  civil_affairs: [12],
  comprehensive_governance: [12],
  party_affairs: [12],
  culture: [12],
  family_planning: [12],
  analyst: [6, 9, 12],
  district_platform: [12],
};

/** Whether `code` is a home code every one of `roles` may carry (digits only, of a length each role allows). */
export function homeCodeFits(roles: readonly Role[], code: string): boolean {
  return /^\d+$/.test(code) && roles.every((role) => HOME_CODE_DIGITS[role].includes(code.length));
}

/** The lengths a token with these roles may carry in its `community` claim, for a message (e.g. 「9」). */
export function homeCodeDigitsFor(roles: readonly Role[]): number[] {
  return [6, 9, 12].filter((digits) => roles.every((role) => HOME_CODE_DIGITS[role].includes(digits)));
}
