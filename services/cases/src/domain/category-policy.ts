import type { CaseCategory, Department } from '@shequ/contracts';

/** How one category of matter is handled: the department (承办部门) and its time limits (办理时限). */
export interface CategoryPolicy {
  department: Department;
  /** Hours from intake until the handler must have taken the case up (响应时限). */
  acknowledgeHours: number;
  /** Hours from intake until the case must be resolved (办结时限). */
  resolveHours: number;
}

/**
 * Configuration per category. Urgent everyday matters (leaks, security) get short limits; applications that
 * depend on other offices (救助申请, 组织关系转接) get longer ones.
 */
export const CATEGORY_POLICIES: Readonly<Record<CaseCategory, CategoryPolicy>> = {
  NEIGHBOUR_DISPUTE: { department: 'COMPREHENSIVE_GOVERNANCE', acknowledgeHours: 24, resolveHours: 7 * 24 },
  HOUSING_REPAIR: { department: 'COMPREHENSIVE_GOVERNANCE', acknowledgeHours: 24, resolveHours: 5 * 24 },
  SANITATION: { department: 'COMPREHENSIVE_GOVERNANCE', acknowledgeHours: 24, resolveHours: 3 * 24 },
  PUBLIC_SECURITY: { department: 'COMPREHENSIVE_GOVERNANCE', acknowledgeHours: 4, resolveHours: 2 * 24 },
  ASSISTANCE_APPLICATION: { department: 'SOCIAL_SECURITY', acknowledgeHours: 24, resolveHours: 15 * 24 },
  CERTIFICATE: { department: 'OFFICE', acknowledgeHours: 8, resolveHours: 2 * 24 },
  PARTY_MEMBERSHIP_TRANSFER: { department: 'PARTY_AFFAIRS', acknowledgeHours: 24, resolveHours: 10 * 24 },
  SUGGESTION: { department: 'OFFICE', acknowledgeHours: 48, resolveHours: 15 * 24 },
  OTHER: { department: 'OFFICE', acknowledgeHours: 24, resolveHours: 7 * 24 },
};

/** Which department handles each category (承办部门). */
export const departmentForCategory: Record<CaseCategory, Department> = Object.fromEntries(
  Object.entries(CATEGORY_POLICIES).map(([category, policy]) => [category, policy.department]),
) as Record<CaseCategory, Department>;

const HOUR = 3_600_000;

/** The deadlines of a case opened at `openedAt`. */
export function deadlinesFor(category: CaseCategory, openedAt: Date): { acknowledgeDueAt: Date; resolveDueAt: Date } {
  const policy = CATEGORY_POLICIES[category];
  return {
    acknowledgeDueAt: new Date(openedAt.getTime() + policy.acknowledgeHours * HOUR),
    resolveDueAt: new Date(openedAt.getTime() + policy.resolveHours * HOUR),
  };
}
