import type { CaseCategory, Department } from '@shequ/contracts';

/** How one category of matter is handled: the department (承办部门) and its time limits (办理时限). */
export interface CategoryPolicy {
  department: Department;
  /** Hours from intake until the handler must have taken the case up (响应时限). */
  acknowledgeHours: number;
  /** Hours from intake until the case must be resolved (办结时限). */
  resolveHours: number;
  /**
   * Whether a case of this category tells the care situation (关爱/救助) of the person it is about: knowing that a
   * named resident applied for 救助 tells their hardship as their care category would. Such a case follows the
   * care-category policy wherever it could connect a person to it (its reporter, its free texts, its links).
   */
  revealsCare: boolean;
}

/**
 * Configuration per category. Urgent everyday matters (leaks, security) get short limits; applications that
 * depend on other offices (救助申请, 组织关系转接) get longer ones. Only 救助申请 tells a person's care situation:
 * 邻里纠纷, 房屋维修, 环境卫生, 治安, 证明开具, 组织关系转接 (a party matter, under party affairs' own policy), 意见建议
 * and 其他 are not 关爱/救助 matters.
 */
export const CATEGORY_POLICIES: Readonly<Record<CaseCategory, CategoryPolicy>> = {
  NEIGHBOUR_DISPUTE: {
    department: 'COMPREHENSIVE_GOVERNANCE',
    acknowledgeHours: 24,
    resolveHours: 7 * 24,
    revealsCare: false,
  },
  HOUSING_REPAIR: {
    department: 'COMPREHENSIVE_GOVERNANCE',
    acknowledgeHours: 24,
    resolveHours: 5 * 24,
    revealsCare: false,
  },
  SANITATION: {
    department: 'COMPREHENSIVE_GOVERNANCE',
    acknowledgeHours: 24,
    resolveHours: 3 * 24,
    revealsCare: false,
  },
  PUBLIC_SECURITY: {
    department: 'COMPREHENSIVE_GOVERNANCE',
    acknowledgeHours: 4,
    resolveHours: 2 * 24,
    revealsCare: false,
  },
  ASSISTANCE_APPLICATION: {
    department: 'SOCIAL_SECURITY',
    acknowledgeHours: 24,
    resolveHours: 15 * 24,
    revealsCare: true,
  },
  CERTIFICATE: { department: 'OFFICE', acknowledgeHours: 8, resolveHours: 2 * 24, revealsCare: false },
  PARTY_MEMBERSHIP_TRANSFER: {
    department: 'PARTY_AFFAIRS',
    acknowledgeHours: 24,
    resolveHours: 10 * 24,
    revealsCare: false,
  },
  SUGGESTION: { department: 'OFFICE', acknowledgeHours: 48, resolveHours: 15 * 24, revealsCare: false },
  OTHER: { department: 'OFFICE', acknowledgeHours: 24, resolveHours: 7 * 24, revealsCare: false },
};

/** Categories whose cases tell a person's care situation (救助申请): see `CategoryPolicy.revealsCare`. */
export const CARE_REVEALING_CATEGORIES: readonly CaseCategory[] = (
  Object.keys(CATEGORY_POLICIES) as CaseCategory[]
).filter((category) => CATEGORY_POLICIES[category].revealsCare);

/** Whether a case of `category` tells a person's care situation (a category not known here counts as telling it). */
export function revealsCare(category: string): boolean {
  return CATEGORY_POLICIES[category as CaseCategory]?.revealsCare ?? true;
}

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
