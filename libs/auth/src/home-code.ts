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

/**
 * A grid's code: its community's 12-digit code, a dash and a two- or three-digit number (350203008006-01). The
 * community part is the grid's community (residents' `registerGrid` refuses any other), so a grid claim names where
 * it lies without a registry.
 */
export const GRID_CODE = /^(\d{12})-(\d{2,3})$/;

/**
 * The grid claims of a token that are not grids of its own communities (`community` when a community's code, and
 * `communities`): malformed, or of another community. A token naming one is refused: the identity provider gave it a
 * grid its community does not have. A well-formed grid of its own community that is not registered (yet) is kept —
 * it matches no row until residents registers it (every row a grid worker sees is also in its communities).
 */
export function foreignGridClaims(grids: readonly string[], communities: readonly string[]): string[] {
  return grids.filter((grid) => {
    const match = GRID_CODE.exec(grid);
    return !match || !communities.includes(match[1]);
  });
}
