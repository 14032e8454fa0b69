import { describe, expect, it } from 'vitest';
import { ROLE_NAMES, mayRunAdHocQueries, type Principal, type Role } from '../src/index.js';

const user = (roles: Role[]): Principal => ({
  kind: 'user',
  id: 'u',
  name: '测试',
  communityId: '350203008006',
  department: null,
  roles,
  grids: [],
});

describe('who may send ad hoc queries where only trusted documents run', () => {
  it('analysts and the community, street and district admins may; the front ends’ roles may not', () => {
    const adHoc = ROLE_NAMES.filter((role) => role !== 'district_platform' && mayRunAdHocQueries(user([role])));
    expect(adHoc.sort()).toEqual(['analyst', 'community_admin', 'district_admin', 'street_admin']);
    expect(mayRunAdHocQueries(user(['grid_worker', 'analyst']))).toBe(true);
    expect(mayRunAdHocQueries({ kind: 'anonymous' })).toBe(false);
  });
});
