import { describe, expect, it } from 'vitest';
import {
  checkApplication,
  checkProbationCancellation,
  checkProbationExtension,
  checkStageChange,
  checkStageHistory,
  probationEndsOn,
  type PipelineMember,
} from '../src/domain/development-pipeline.js';
import { checkPlacement } from '../src/domain/organization-tree.js';

const TODAY = '2026-06-30';
const base: PipelineMember = {
  stage: 'APPLICANT',
  status: 'ACTIVE',
  birthDate: '1995-05-01',
  appliedOn: '2023-03-01',
  activistOn: null,
  developmentTargetOn: null,
  probationaryOn: null,
  fullMemberOn: null,
  probationExtendedUntil: null,
};

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

describe('development pipeline (入党申请人 → … → 正式党员)', () => {
  it('goes one stage at a time, in order', () => {
    expect(checkStageChange(base, 'ACTIVIST', '2023-09-01', TODAY)).toBe('activistOn');
    expect(code(() => checkStageChange(base, 'DEVELOPMENT_TARGET', '2024-09-01', TODAY))).toBe('CONFLICT');
    expect(code(() => checkStageChange(base, 'FULL_MEMBER', '2024-09-01', TODAY))).toBe('CONFLICT');
    expect(
      code(() =>
        checkStageChange(
          { ...base, stage: 'FULL_MEMBER', fullMemberOn: '2020-01-01' },
          'PROBATIONARY',
          '2024-09-01',
          TODAY,
        ),
      ),
    ).toBe('CONFLICT');
  });

  it('does not date a step before the previous one, nor in the future', () => {
    expect(code(() => checkStageChange(base, 'ACTIVIST', '2023-02-28', TODAY))).toBe('BAD_USER_INPUT');
    expect(code(() => checkStageChange(base, 'ACTIVIST', '2026-07-01', TODAY))).toBe('BAD_USER_INPUT');
    expect(code(() => checkStageChange(base, 'ACTIVIST', '2023-02-30', TODAY))).toBe('BAD_USER_INPUT');
  });

  it('keeps an activist under observation for at least one year before 发展对象', () => {
    const activist = { ...base, stage: 'ACTIVIST' as const, activistOn: '2024-03-10' };
    expect(code(() => checkStageChange(activist, 'DEVELOPMENT_TARGET', '2025-03-09', TODAY))).toBe('BAD_USER_INPUT');
    expect(checkStageChange(activist, 'DEVELOPMENT_TARGET', '2025-03-10', TODAY)).toBe('developmentTargetOn');
  });

  it('admits a development target as 预备党员 no earlier than designation', () => {
    const target = {
      ...base,
      stage: 'DEVELOPMENT_TARGET' as const,
      activistOn: '2024-01-01',
      developmentTargetOn: '2025-02-01',
    };
    expect(code(() => checkStageChange(target, 'PROBATIONARY', '2025-01-31', TODAY))).toBe('BAD_USER_INPUT');
    expect(checkStageChange(target, 'PROBATIONARY', '2025-06-01', TODAY)).toBe('probationaryOn');
  });

  it('requires a full year of probation (or the extended term) before full membership', () => {
    const probationary = {
      ...base,
      stage: 'PROBATIONARY' as const,
      activistOn: '2023-06-01',
      developmentTargetOn: '2024-06-01',
      probationaryOn: '2025-06-15',
    };
    expect(probationEndsOn(probationary)).toBe('2026-06-15');
    expect(code(() => checkStageChange(probationary, 'FULL_MEMBER', '2026-06-14', TODAY))).toBe('BAD_USER_INPUT');
    expect(checkStageChange(probationary, 'FULL_MEMBER', '2026-06-15', TODAY)).toBe('fullMemberOn');
    const extended = { ...probationary, probationExtendedUntil: '2026-12-15' };
    expect(code(() => checkStageChange(extended, 'FULL_MEMBER', '2026-06-20', TODAY))).toBe('BAD_USER_INPUT');
    expect(checkStageChange(extended, 'FULL_MEMBER', '2026-12-15', '2027-01-01')).toBe('fullMemberOn');
  });

  it('extends probation once, past the normal end, by at most a year; cancellation only in probation', () => {
    const probationary = {
      ...base,
      stage: 'PROBATIONARY' as const,
      activistOn: '2023-06-01',
      developmentTargetOn: '2024-06-01',
      probationaryOn: '2025-06-15',
    };
    expect(code(() => checkProbationExtension(probationary, '2026-06-15'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkProbationExtension(probationary, '2027-06-16'))).toBe('BAD_USER_INPUT');
    expect(checkProbationExtension(probationary, '2027-06-15')).toBeUndefined();
    expect(
      code(() => checkProbationExtension({ ...probationary, probationExtendedUntil: '2026-12-15' }, '2027-03-01')),
    ).toBe('CONFLICT');
    expect(code(() => checkProbationExtension(base, '2027-03-01'))).toBe('CONFLICT');
    expect(code(() => checkProbationCancellation(probationary, '2025-06-14', TODAY))).toBe('BAD_USER_INPUT');
    expect(checkProbationCancellation(probationary, '2026-01-10', TODAY)).toBeUndefined();
    expect(code(() => checkProbationCancellation(base, '2026-01-10', TODAY))).toBe('CONFLICT');
    expect(
      code(() =>
        checkStageChange({ ...probationary, status: 'PROBATION_CANCELLED' }, 'FULL_MEMBER', '2026-06-20', TODAY),
      ),
    ).toBe('CONFLICT');
  });

  it('accepts applications only from residents aged 18 or more on the day', () => {
    expect(code(() => checkApplication({ appliedOn: '2026-04-30', birthDate: '2008-05-01' }, TODAY))).toBe(
      'BAD_USER_INPUT',
    );
    expect(checkApplication({ appliedOn: '2026-05-01', birthDate: '2008-05-01' }, TODAY)).toBeUndefined();
    expect(code(() => checkApplication({ appliedOn: '1990-05-01', birthDate: '1995-05-01' }, TODAY))).toBe(
      'BAD_USER_INPUT',
    );
    expect(code(() => checkApplication({ appliedOn: '2026-07-01', birthDate: null }, TODAY))).toBe('BAD_USER_INPUT');
  });

  it('checks a recorded history as a whole: dates present for stages reached, in order, none for stages not reached', () => {
    const full = {
      ...base,
      stage: 'FULL_MEMBER' as const,
      appliedOn: '2018-01-05',
      activistOn: '2018-04-01',
      developmentTargetOn: '2019-05-01',
      probationaryOn: '2019-07-01',
      fullMemberOn: '2020-07-01',
    };
    expect(checkStageHistory(full, TODAY)).toBeUndefined();
    expect(code(() => checkStageHistory({ ...full, fullMemberOn: '2020-06-30' }, TODAY))).toBe('BAD_USER_INPUT');
    expect(code(() => checkStageHistory({ ...full, developmentTargetOn: '2019-03-31' }, TODAY))).toBe('BAD_USER_INPUT');
    expect(code(() => checkStageHistory({ ...full, stage: 'ACTIVIST' }, TODAY))).toBe('BAD_USER_INPUT');
    expect(
      code(() =>
        checkStageHistory({ ...full, stage: 'PROBATIONARY', fullMemberOn: null, probationaryOn: null }, TODAY),
      ),
    ).toBe('BAD_USER_INPUT');
    // an old member recorded only with the date of full membership (档案 from before the system)
    expect(
      checkStageHistory(
        { ...base, stage: 'FULL_MEMBER', birthDate: '1950-01-01', appliedOn: null, fullMemberOn: '1975-07-01' },
        TODAY,
      ),
    ).toBeUndefined();
    expect(
      code(() =>
        checkStageHistory(
          { ...base, stage: 'FULL_MEMBER', birthDate: '1970-01-01', appliedOn: null, fullMemberOn: '1975-07-01' },
          TODAY,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('organisation tree', () => {
  it('places 党委 → 党总支 → 党支部 → 党小组 and checks children on a level change', () => {
    expect(checkPlacement('COMMITTEE', null)).toBeUndefined();
    expect(checkPlacement('BRANCH', 'GENERAL_BRANCH')).toBeUndefined();
    expect(code(() => checkPlacement('GROUP', 'COMMITTEE'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkPlacement('BRANCH', null))).toBe('BAD_USER_INPUT');
    expect(checkPlacement('COMMITTEE', null, ['BRANCH', 'GENERAL_BRANCH'])).toBeUndefined();
    expect(code(() => checkPlacement('BRANCH', 'COMMITTEE', ['BRANCH']))).toBe('BAD_USER_INPUT');
  });
});
