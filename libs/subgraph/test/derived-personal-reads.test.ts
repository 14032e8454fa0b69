import { describe, expect, it } from 'vitest';
import { AccessControl, type Role } from '@shequ/auth';
import { InvalidInputError } from '@shequ/errors';
import { decodeAuditSubjects, encodeAuditSubjects, PersonalDataReader, ruleBreaches } from '../src/index.js';

const reader = (role: Role) =>
  new PersonalDataReader(
    new AccessControl({
      kind: 'user',
      id: 'u',
      name: 'u',
      communityId: '350203008006',
      department: null,
      roles: [role],
      grids: [],
    }),
  );
const person = { id: '01a249f2-22e2-770d-b208-6a63cad50870', communityId: '350203008006' };

describe('a value derived from a personal field (the age) is a read of its own', () => {
  it('is remembered whenever it is shown, whatever the access to the field it comes from', () => {
    const culture = reader('culture'); // reads residents, not birth dates
    expect(culture.read(person, 'birthDate', '1992-01-18')).toBeNull();
    expect(culture.readDerived(person, 'age', 34)).toBe(34);
    expect(culture.reads()).toEqual([
      { subjectType: 'Resident', subjectId: person.id, communityId: person.communityId, fields: ['age'] },
    ]);
  });

  it('is remembered for each person a list filtered on it matches, shown or only counted (usedByFilter)', () => {
    const culture = reader('culture');
    culture.usedByFilter(person, 'age');
    culture.usedByFilter({ id: 'resident-2', communityId: '350203008007' }, 'age');
    culture.usedByFilter(person, 'age');
    expect(culture.reads()).toEqual([
      { subjectType: 'Resident', subjectId: person.id, communityId: person.communityId, fields: ['age'] },
      { subjectType: 'Resident', subjectId: 'resident-2', communityId: '350203008007', fields: ['age'] },
    ]);
  });

  it('is not remembered when there is none to show', () => {
    const culture = reader('culture');
    expect(culture.readDerived(person, 'age', null)).toBeNull();
    expect(culture.reads()).toEqual([]);
  });

  it('travels in the compact subjects of the one trail row and comes back', () => {
    const subjects = [
      { subjectType: 'Resident' as const, subjectId: person.id, fields: ['age' as const, 'birthDate' as const] },
      { subjectType: 'Resident' as const, subjectId: 'resident-2', fields: ['age' as const] },
    ];
    const encoded = encodeAuditSubjects(subjects);
    expect(encoded).toMatch(/ R\.bg /);
    expect(encoded).toMatch(/ R\.g ~resident-2 /);
    expect(decodeAuditSubjects(encoded)).toEqual(subjects);
  });
});

describe('a rule audit line names the record and the rule, not the refusal', () => {
  it('keeps the rule and the refused field, never the message', () => {
    const { problems, check } = ruleBreaches();
    check('报名 g-1', '活动面向人群的年龄', () => {
      throw new InvalidInputError('residentId', '该居民出生于 1992-01-18，活动当天 34 周岁');
    });
    check('报名 g-2', '活动面向人群的年龄', () => undefined);
    check('活动 e-1', '活动时间', () => {
      throw new Error('2026-12-01 晚于 2026-11-30');
    });
    expect(problems).toEqual([
      '报名 g-1: 不符合规则「活动面向人群的年龄」（residentId）',
      '活动 e-1: 不符合规则「活动时间」',
    ]);
  });
});
