import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  AccessControl,
  MACHINE_SCOPES,
  PERSONAL_FIELDS,
  POLICY,
  ROLE_NAMES,
  type FieldAccess,
  type Principal,
  type PersonalField,
  type Role,
} from '../src/index.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Who sees what'), readme.indexOf('## Architecture'));
const COLUMNS: PersonalField[] = ['idNumber', 'birthDate', 'phone', 'address', 'careCategories', 'sensitiveTags'];
const WORD: Record<FieldAccess, string> = { RAW: 'raw', MASKED: 'masked', ABSENT: '—' };
const ROWS: Record<string, string> = { community: 'community', grids: 'own grids', region: 'street/district' };

function tableRow(role: Role): string[] {
  const line = section.split('\n').find((l) => l.startsWith(`| ${role} `) || l.startsWith(`| ${role}|`));
  if (!line) throw new Error(`README "Who sees what" has no row for ${role}`);
  return line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

function accessOf(role: Role, field: PersonalField): FieldAccess {
  const principal: Principal =
    role === 'district_platform'
      ? {
          kind: 'machine',
          id: 'k',
          name: 'k',
          communityId: '350203008006',
          scopes: MACHINE_SCOPES.filter((s) => !['pii:read', 'care:read', 'sensitive:read'].includes(s)),
        }
      : { kind: 'user', id: 'u', name: 'u', communityId: '350203008006', department: null, roles: [role], grids: [] };
  return new AccessControl(principal).fieldAccess(field);
}

describe('README "Who sees what" matches the POLICY table', () => {
  it('lists every personal field as a column, in order', () => {
    expect([...COLUMNS].sort()).toEqual(Object.keys(PERSONAL_FIELDS).sort());
  });

  it.each(ROLE_NAMES)('%s', (role) => {
    const [, , ...cells] = tableRow(role);
    const fields = cells.slice(0, COLUMNS.length);
    expect(fields).toEqual(COLUMNS.map((f) => WORD[accessOf(role, f)]));
    expect(cells[COLUMNS.length].startsWith(ROWS[POLICY[role].rows])).toBe(true);
  });
});
