import { describe, expect, it } from 'vitest';
import {
  AccessControl,
  POLICY,
  ROLE_NAMES,
  anonymous,
  type Permission,
  type Principal,
  type Role,
} from '../src/index.js';

const user = (roles: Role[], extra: Partial<Extract<Principal, { kind: 'user' }>> = {}): Principal => ({
  kind: 'user',
  id: 'u1',
  name: '测试',
  communityId: '350203008006',
  department: null,
  roles,
  grids: [],
  ...extra,
});

describe('AccessControl', () => {
  it('gives every role a policy row', () => {
    expect(Object.keys(POLICY).sort()).toEqual([...ROLE_NAMES].sort());
  });

  it('requires a credential, then the permission, naming it', () => {
    expect(() => new AccessControl(anonymous).require('residents:read')).toThrow(/未认证/);
    expect(() => new AccessControl(user(['culture'])).require('residents:write')).toThrow(/residents:write/);
    expect(() => new AccessControl(user(['community_admin'])).require('residents:write')).not.toThrow();
  });

  it('presents personal fields raw, masked or absent by role', () => {
    const party = new AccessControl(user(['party_affairs']));
    expect(party.present('idNumber', '350203198005170031')).toBe('350203********0031');
    expect(party.present('phone', '13812345678')).toBe('138****5678');
    expect(party.present('careCategories', 'MINIMUM_LIVING_ALLOWANCE')).toBeNull();
    const civil = new AccessControl(user(['civil_affairs']));
    expect(civil.present('idNumber', '350203198005170031')).toBe('350203198005170031');
    expect(civil.fieldAccess('sensitiveTags')).toBe('ABSENT');
    expect(new AccessControl(user(['comprehensive_governance'])).fieldAccess('sensitiveTags')).toBe('RAW');
  });

  it('combines roles by taking the most each allows', () => {
    const both = new AccessControl(user(['party_affairs', 'civil_affairs']));
    expect(both.fieldAccess('idNumber')).toBe('RAW');
    expect(both.can('party:write') && both.can('care:write')).toBe(true);
    expect(both.caseDepartments()?.sort()).toEqual(['PARTY_AFFAIRS', 'SOCIAL_SECURITY']);
  });

  it('limits rows: grid workers to their grids, analysts to their region, departments to their cases', () => {
    expect(new AccessControl(user(['grid_worker'], { grids: ['G1'] })).gridCodes()).toEqual(['G1']);
    expect(new AccessControl(user(['community_admin'])).gridCodes()).toBeNull();
    expect(new AccessControl(user(['analyst'], { communityId: '350203008' })).communityScope()).toEqual({
      kind: 'prefix',
      prefix: '350203008',
    });
    expect(new AccessControl(user(['civil_affairs'])).caseDepartments()).toEqual(['SOCIAL_SECURITY']);
    expect(new AccessControl(user(['community_admin'])).caseDepartments()).toBeNull();
  });

  it('gives street and district admins the community admin’s rights over their region, writing in one community', () => {
    const street = new AccessControl(user(['street_admin'], { communityId: '350203008' }));
    expect(street.communityScope()).toEqual({ kind: 'prefix', prefix: '350203008' });
    expect(POLICY.community_admin.permissions.every((p) => street.can(p))).toBe(true);
    expect(
      street.can('communities:write') && !new AccessControl(user(['community_admin'])).can('communities:write'),
    ).toBe(true);
    expect(street.fieldAccess('idNumber')).toBe('RAW');
    expect(street.communityId).toBe('350203008');
    const acting = new AccessControl(user(['street_admin'], { communityId: '350203008' }), '350203008007');
    expect(acting.communityId).toBe('350203008007');
    expect(acting.communityScope()).toEqual({ kind: 'prefix', prefix: '350203008' });
    expect(() => new AccessControl(user(['street_admin'], { communityId: '350203008' }), '350203010001')).toThrow(
      /不在本账号的辖区内/,
    );
    expect(() => new AccessControl(user(['district_admin'], { communityId: '350203' }), '350203')).toThrow(/辖区/);
  });

  it('covers no region past a street or district code: a home code of another shape sees only itself', () => {
    for (const [roles, code] of [
      [['street_admin'], ''],
      [['street_admin'], '3502030'],
      [['street_admin'], '35020300_'],
      [['street_admin'], '350203'],
      [['district_admin'], '35'],
      [['analyst'], '3502'],
      [['analyst'], '35020%'],
    ] as Array<[Role[], string]>) {
      const access = new AccessControl(user(roles, { communityId: code }));
      expect(access.communityScope(), `${roles.join('+')} of «${code}»`).toEqual({ kind: 'exact', communityId: code });
      expect(access.seesCommunity('350203008006')).toBe(false);
    }
    expect(new AccessControl(user(['district_admin'], { communityId: '350203' })).communityScope()).toEqual({
      kind: 'prefix',
      prefix: '350203',
    });
    expect(new AccessControl(user(['analyst'], { communityId: '350203008006' })).communityScope()).toEqual({
      kind: 'prefix',
      prefix: '350203008006',
    });
  });

  it('grants a department role for several communities: rows of those, writes in the named one', () => {
    const worker = new AccessControl(user(['civil_affairs'], { communities: ['350203008007', '350203008008'] }));
    expect(worker.communityScope()).toEqual({
      kind: 'set',
      communityIds: ['350203008006', '350203008007', '350203008008'],
    });
    expect(worker.seesCommunity('350203008007') && !worker.seesCommunity('350203008009')).toBe(true);
    expect(new AccessControl(worker.principal, '350203008008').communityId).toBe('350203008008');
    expect(() => new AccessControl(worker.principal, '350203008009')).toThrow(/不在本账号的辖区内/);
    expect(worker.caseDepartments()).toEqual(['SOCIAL_SECURITY']);
  });

  it('gives machine clients exactly their scopes, personal data masked unless pii:read', () => {
    const machine = new AccessControl({
      kind: 'machine',
      id: 'k1',
      name: '区人口库',
      communityId: '350203008006',
      scopes: ['residents:import'],
    });
    expect(machine.can('residents:import')).toBe(true);
    expect(machine.can('residents:read')).toBe(false);
    expect(machine.fieldAccess('idNumber')).toBe('MASKED');
    expect(machine.fieldAccess('careCategories')).toBe('ABSENT');
  });

  it('pii:read gives a key raw contact data only: care categories and sensitive tags are scopes of their own', () => {
    const key = machineOf;
    const pii = key(['residents:read', 'pii:read']);
    expect(pii.fieldAccess('idNumber')).toBe('RAW');
    expect(pii.fieldAccess('birthDate')).toBe('RAW');
    expect(pii.fieldAccess('careCategories')).toBe('ABSENT');
    expect(pii.fieldAccess('sensitiveTags')).toBe('ABSENT');
    const care = key(['residents:read', 'care:read']);
    expect(care.fieldAccess('careCategories')).toBe('RAW');
    expect(care.fieldAccess('sensitiveTags')).toBe('ABSENT');
    expect(care.fieldAccess('idNumber')).toBe('MASKED');
    expect(care.fieldAccess('birthDate')).toBe('ABSENT');
    expect(key(['sensitive:read']).fieldAccess('sensitiveTags')).toBe('RAW');
  });

  it.each(ROLE_NAMES)(
    '%s: the exact birth date only where the ID number is raw (it completes the masked digits)',
    (role) => {
      const access = new AccessControl(user([role]));
      expect(access.fieldAccess('birthDate')).toBe(access.fieldAccess('idNumber') === 'RAW' ? 'RAW' : 'ABSENT');
      expect(access.present('birthDate', '1992-01-18')).toBe(
        access.fieldAccess('idNumber') === 'RAW' ? '1992-01-18' : null,
      );
    },
  );

  it('a masked-ID role (grid worker) gets no birth date, whatever else it may see', () => {
    expect(new AccessControl(user(['grid_worker'])).fieldAccess('birthDate')).toBe('ABSENT');
    expect(new AccessControl(user(['grid_worker', 'civil_affairs'])).fieldAccess('birthDate')).toBe('RAW');
  });
});

function machineOf(scopes: Permission[]): AccessControl {
  return new AccessControl({ kind: 'machine', id: 'k2', name: '区平台', communityId: '350203008006', scopes });
}
