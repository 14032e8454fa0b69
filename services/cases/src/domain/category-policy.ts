import type { CaseCategory, Department } from '@shequ/contracts';

/** Which department handles each category (承办部门). Time limits per category join this table later. */
export const departmentForCategory: Record<CaseCategory, Department> = {
  NEIGHBOUR_DISPUTE: 'COMPREHENSIVE_GOVERNANCE',
  HOUSING_REPAIR: 'COMPREHENSIVE_GOVERNANCE',
  SANITATION: 'COMPREHENSIVE_GOVERNANCE',
  PUBLIC_SECURITY: 'COMPREHENSIVE_GOVERNANCE',
  ASSISTANCE_APPLICATION: 'SOCIAL_SECURITY',
  CERTIFICATE: 'OFFICE',
  PARTY_MEMBERSHIP_TRANSFER: 'PARTY_AFFAIRS',
  SUGGESTION: 'OFFICE',
  OTHER: 'OFFICE',
};
