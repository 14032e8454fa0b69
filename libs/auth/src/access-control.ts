import type { Department } from '@shequ/contracts';
import { ForbiddenError, UnauthenticatedError } from '@shequ/errors';
import { homeCodeFits } from './home-code.js';
import { maskAddress, maskIdNumber, maskPhone } from './masking.js';
import type { Permission } from './permissions.js';
import { COMPLETES, UNMASKABLE, type FieldAccess, type PersonalField } from './personal-fields.js';
import { MACHINE_FIELD_SCOPES, POLICY, type RolePolicy } from './policy.js';
import type { Principal } from './principal.js';

const ACCESS_RANK: Record<FieldAccess, number> = { ABSENT: 0, MASKED: 1, RAW: 2 };

/**
 * Which communities' rows a caller sees: exactly one, several it is granted for (a department role covering
 * communities of a street), or every community under a street/district code.
 */
export type CommunityScope =
  { kind: 'exact'; communityId: string } | { kind: 'set'; communityIds: string[] } | { kind: 'prefix'; prefix: string };

/** Request header naming the community a caller covering several works in for this request. */
export const ACTING_COMMUNITY_HEADER = 'x-shequ-community';

/** The acting community named by a request's header (first value), or null. */
export function actingCommunityFrom(header: string | string[] | undefined): string | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  return value ? value : null;
}

/** A community's 12-digit statistical division code (区 6 + 街道 3 + 社区 3). */
export const COMMUNITY_CODE = /^\d{12}$/;

/** Whether a community of `communityId` lies within `scope`. */
export function scopeIncludes(scope: CommunityScope, communityId: string): boolean {
  switch (scope.kind) {
    case 'exact':
      return scope.communityId === communityId;
    case 'set':
      return scope.communityIds.includes(communityId);
    case 'prefix':
      return communityId.startsWith(scope.prefix);
  }
}

/**
 * What one caller may do and see, from the policy table. Framework-free: services ask it before an
 * operation (`require`), for each personal field (`fieldAccess`, `present`), and for row filters.
 */
export class AccessControl {
  private readonly policies: RolePolicy[];
  private readonly permissions: ReadonlySet<Permission>;

  /**
   * @param actingCommunityId the community a caller covering several (street/district admin, a department role
   * granted for several communities) works in for this request (header `X-Shequ-Community`); must be in scope.
   */
  constructor(
    readonly principal: Principal,
    private readonly actingCommunityId: string | null = null,
  ) {
    if (principal.kind === 'user') {
      this.policies = principal.roles.map((role) => POLICY[role]);
      this.permissions = new Set(this.policies.flatMap((p) => p.permissions));
    } else if (principal.kind === 'machine') {
      this.policies = [POLICY.district_platform];
      this.permissions = new Set(principal.scopes);
    } else {
      this.policies = [];
      this.permissions = new Set();
    }
    if (actingCommunityId !== null && principal.kind !== 'anonymous') {
      if (!COMMUNITY_CODE.test(actingCommunityId) || !scopeIncludes(this.communityScope(), actingCommunityId))
        throw new ForbiddenError(
          'community',
          `没有权限：社区 ${actingCommunityId} 不在本账号的辖区内（请求头 X-Shequ-Community）`,
        );
    }
  }

  get authenticated(): boolean {
    return this.principal.kind !== 'anonymous';
  }

  can(permission: Permission): boolean {
    return this.permissions.has(permission);
  }

  /** Throws UNAUTHENTICATED without a credential, FORBIDDEN naming the permission without the right. */
  require(permission: Permission): void {
    if (!this.authenticated) throw new UnauthenticatedError();
    if (!this.can(permission)) throw new ForbiddenError(permission, `没有权限：此操作需要 ${permission}`);
  }

  /**
   * The most any of the caller's roles (or, for a machine client, its key's scopes) allows for a personal field.
   * A field that completes another (the birth date, the masked digits of the ID number) is absent unless that
   * other field is raw too.
   */
  fieldAccess(field: PersonalField): FieldAccess {
    const completed = COMPLETES[field];
    if (completed && this.fieldAccess(completed) !== 'RAW') return 'ABSENT';
    let best: FieldAccess;
    if (this.principal.kind === 'machine') {
      best = this.can(MACHINE_FIELD_SCOPES[field]) ? 'RAW' : 'MASKED';
    } else {
      best = 'ABSENT';
      for (const policy of this.policies) {
        if (ACCESS_RANK[policy.fields[field]] > ACCESS_RANK[best]) best = policy.fields[field];
      }
    }
    return UNMASKABLE.has(field) && best === 'MASKED' ? 'ABSENT' : best;
  }

  /**
   * Whether a value derived from care categories (or, with `sensitive`, from sensitive tags) may be shown:
   * a task reason, a rule code, a count or a filter result follows the policy of the category it comes from.
   */
  seesCare(sensitive = false): boolean {
    return this.fieldAccess(sensitive ? 'sensitiveTags' : 'careCategories') === 'RAW';
  }

  /** A personal value as this caller may see it (RAW values must also be audited: see the subgraph's recorder). */
  present(field: PersonalField, raw: string | null): string | null {
    if (raw === null) return null;
    switch (this.fieldAccess(field)) {
      case 'RAW':
        return raw;
      case 'MASKED':
        return mask(field, raw);
      case 'ABSENT':
        return null;
    }
  }

  /**
   * The community a caller's records are written to: the acting community of the request when one is named,
   * else the caller's own (for street/district callers without one, their region code: they cannot write rows).
   */
  get communityId(): string {
    if (this.principal.kind === 'anonymous') throw new UnauthenticatedError();
    return this.actingCommunityId ?? this.principal.communityId;
  }

  /** The caller's own code: its community, or the street (9 digits) / district (6 digits) it covers. */
  get homeCode(): string {
    if (this.principal.kind === 'anonymous') throw new UnauthenticatedError();
    return this.principal.communityId;
  }

  /** Whether the caller's rows span several communities (street/district roles, multi-community grants). */
  get coversSeveralCommunities(): boolean {
    return this.communityScope().kind !== 'exact';
  }

  /** Rows visible to the caller, by community. */
  communityScope(): CommunityScope {
    const home = this.homeCode;
    const regional = this.policies.length > 0 && this.policies.every((p) => p.rows === 'region');
    // a region is the communities under a street or district code; a home code of another shape (which the token
    // verifier refuses) covers nothing beyond itself rather than everything it is a prefix of
    if (regional && this.principal.kind === 'user' && homeCodeFits(this.principal.roles, home))
      return { kind: 'prefix', prefix: home };
    if (regional) return { kind: 'exact', communityId: home };
    const further = this.principal.kind === 'user' ? (this.principal.communities ?? []) : [];
    const all = [...new Set([home, ...further])];
    return all.length > 1 ? { kind: 'set', communityIds: all } : { kind: 'exact', communityId: home };
  }

  /** Whether the caller may see rows of `communityId`. */
  seesCommunity(communityId: string): boolean {
    return scopeIncludes(this.communityScope(), communityId);
  }

  /** Grid codes a grid-only caller is limited to; null when the caller sees every grid of the community. */
  gridCodes(): string[] | null {
    if (this.principal.kind !== 'user') return null;
    return this.policies.every((p) => p.rows === 'grids') ? this.principal.grids : null;
  }

  /** Departments whose cases the caller sees; null for all. */
  caseDepartments(): Department[] | null {
    const relevant = this.policies.filter(
      (p) => p.permissions.includes('cases:read') || this.principal.kind === 'machine',
    );
    if (relevant.length === 0 || relevant.some((p) => !p.caseDepartments)) return null;
    return [...new Set(relevant.flatMap((p) => p.caseDepartments ?? []))];
  }
}

function mask(field: PersonalField, raw: string): string | null {
  switch (field) {
    case 'idNumber':
      return maskIdNumber(raw);
    case 'phone':
      return maskPhone(raw);
    case 'address':
      return maskAddress(raw);
    default:
      return null;
  }
}
