import { STREAM_SCOPES, type Department } from '@shequ/contracts';
import { isPermission, type Permission } from './permissions.js';
import type { FieldAccess, PersonalField } from './personal-fields.js';
import type { Role } from './roles.js';

export interface RolePolicy {
  permissions: readonly Permission[];
  fields: Readonly<Record<PersonalField, FieldAccess>>;
  /**
   * Rows the role sees: its community (plus the further communities it is granted for); only its own grids;
   * or every community under its street/district code (street and district admins, analysts).
   */
  rows: 'community' | 'grids' | 'region';
  /** Cases it sees, by handling department (undefined: all cases of its rows). */
  caseDepartments?: readonly Department[];
}

const STAFF_READ: Permission[] = ['residents:read', 'organizations:read', 'events:read'];
const NO_PERSONAL_DATA = {
  idNumber: 'ABSENT',
  birthDate: 'ABSENT',
  phone: 'ABSENT',
  address: 'ABSENT',
  careCategories: 'ABSENT',
  sensitiveTags: 'ABSENT',
} as const;
const COMMUNITY_ADMIN_PERMISSIONS: Permission[] = [
  ...STAFF_READ,
  'residents:write',
  'residents:import',
  'residents:statistics',
  'residents:export',
  'cases:export',
  'places:write',
  'care:read',
  'care:write',
  'fund:read',
  'fund:donations',
  'fund:collections',
  'fund:approve',
  'fund:programmes',
  'fund:statistics',
  'floating:read',
  'floating:write',
  'sensitive:read',
  'sensitive:write',
  'organizations:write',
  'cases:read',
  'cases:write',
  'cases:statistics',
  'cases:appraisal',
  'visits:write',
  'party:read',
  'party:write',
  'party:statistics',
  'events:write',
  'events:register',
  'events:statistics',
  'audit:read',
  'apikeys:manage',
];
const ALL_PERSONAL_DATA = {
  idNumber: 'RAW',
  birthDate: 'RAW',
  phone: 'RAW',
  address: 'RAW',
  careCategories: 'RAW',
  sensitiveTags: 'RAW',
} as const;
const MASKED_CONTACT = {
  idNumber: 'MASKED',
  birthDate: 'ABSENT',
  phone: 'MASKED',
  address: 'MASKED',
  careCategories: 'ABSENT',
  sensitiveTags: 'ABSENT',
} as const;

/**
 * The one policy table (roles × operations × fields) every service applies: each department sees what its
 * work needs and no more (个人信息保护法 最小必要原则). `district_platform` gets its operations from API-key scopes.
 */
export const POLICY: Readonly<Record<Role, RolePolicy>> = {
  community_admin: {
    permissions: COMMUNITY_ADMIN_PERMISSIONS,
    fields: ALL_PERSONAL_DATA,
    rows: 'community',
  },
  /** The community admin's rights in every community of the street (same fields, masking and audit). */
  street_admin: {
    permissions: [...COMMUNITY_ADMIN_PERMISSIONS, 'communities:write'],
    fields: ALL_PERSONAL_DATA,
    rows: 'region',
  },
  /** The community admin's rights in every community of the district. */
  district_admin: {
    permissions: [...COMMUNITY_ADMIN_PERMISSIONS, 'communities:write'],
    fields: ALL_PERSONAL_DATA,
    rows: 'region',
  },
  grid_worker: {
    permissions: [
      ...STAFF_READ,
      'residents:write',
      'care:read',
      'floating:read',
      'floating:write',
      'cases:read',
      'cases:write',
      'visits:write',
    ],
    fields: {
      idNumber: 'MASKED',
      birthDate: 'ABSENT',
      phone: 'RAW',
      address: 'RAW',
      careCategories: 'RAW',
      sensitiveTags: 'ABSENT',
    },
    rows: 'grids',
  },
  civil_affairs: {
    permissions: [
      ...STAFF_READ,
      'residents:statistics',
      'care:read',
      'care:write',
      'fund:read',
      'fund:donations',
      'fund:collections',
      'fund:disburse',
      'fund:programmes',
      'fund:statistics',
      'cases:read',
      'cases:write',
      'visits:write',
    ],
    fields: {
      idNumber: 'RAW',
      birthDate: 'RAW',
      phone: 'RAW',
      address: 'RAW',
      careCategories: 'RAW',
      sensitiveTags: 'ABSENT',
    },
    rows: 'community',
    caseDepartments: ['SOCIAL_SECURITY'],
  },
  comprehensive_governance: {
    permissions: [
      ...STAFF_READ,
      'residents:write',
      'residents:statistics',
      'floating:read',
      'floating:write',
      'sensitive:read',
      'sensitive:write',
      'cases:read',
      'cases:write',
      'visits:write',
    ],
    fields: {
      idNumber: 'RAW',
      birthDate: 'RAW',
      phone: 'RAW',
      address: 'RAW',
      careCategories: 'ABSENT',
      sensitiveTags: 'RAW',
    },
    rows: 'community',
    caseDepartments: ['COMPREHENSIVE_GOVERNANCE'],
  },
  party_affairs: {
    permissions: [...STAFF_READ, 'party:read', 'party:write', 'party:statistics', 'cases:read', 'cases:write'],
    fields: MASKED_CONTACT,
    rows: 'community',
    caseDepartments: ['PARTY_AFFAIRS'],
  },
  culture: {
    permissions: [...STAFF_READ, 'events:write', 'events:register', 'events:statistics', 'fund:collections'],
    fields: MASKED_CONTACT,
    rows: 'community',
  },
  family_planning: {
    permissions: [...STAFF_READ, 'residents:statistics'],
    fields: MASKED_CONTACT,
    rows: 'community',
  },
  analyst: {
    permissions: [
      'residents:statistics',
      'cases:statistics',
      'party:statistics',
      'events:statistics',
      'fund:statistics',
    ],
    fields: NO_PERSONAL_DATA,
    rows: 'region',
  },
  district_platform: {
    permissions: [],
    fields: MASKED_CONTACT,
    rows: 'community',
  },
};

/** Operations a key may carry besides reading events' records: imports, writes, statistics and exports. */
const MACHINE_OPERATIONS: readonly Permission[] = [
  'residents:import',
  'residents:statistics',
  'residents:export',
  'cases:write',
  'cases:escalation',
  'cases:statistics',
  'cases:export',
  'events:statistics',
];

/**
 * The read scopes of the platforms' machine credentials: one vocabulary for API keys (the graph, webhooks) and the
 * platform's NATS user (`STREAM_SCOPES`, every scope `AGGREGATE_SCOPES` in libs/contracts names), so a scope
 * exists for keys and the stream alike or for neither. Checked here to be permissions (contracts names them as
 * strings: it does not depend on auth).
 */
export const READ_SCOPES: readonly Permission[] = STREAM_SCOPES.map((scope) => {
  if (!isPermission(scope)) throw new Error(`AGGREGATE_SCOPES names ${scope}, which is not a permission`);
  return scope;
});

/**
 * Scopes an API key may carry (the district platform's operations): the read scopes shared with the stream, then
 * the operations. Personal data is three separate scopes: `pii:read` the raw ID number, birth date, phone and
 * address; `care:read` care categories; `sensitive:read` sensitive tags (重点人员). Without them a key gets masked
 * contact data and no care data.
 */
export const MACHINE_SCOPES: readonly Permission[] = [...READ_SCOPES, ...MACHINE_OPERATIONS];

/** The scope that gives a machine client a personal field raw. */
export const MACHINE_FIELD_SCOPES: Readonly<Record<PersonalField, Permission>> = {
  idNumber: 'pii:read',
  birthDate: 'pii:read',
  phone: 'pii:read',
  address: 'pii:read',
  careCategories: 'care:read',
  sensitiveTags: 'sensitive:read',
};
