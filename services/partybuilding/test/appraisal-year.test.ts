import { describe, expect, it } from 'vitest';
import { checkAppraisalYear } from '../src/domain/appraisal-year.js';

const none = { probationaryOn: null, fullMemberOn: null };

describe('民主评议 year against the membership facts on file', () => {
  it('refuses a year before joining (预备党员, or 正式党员 without probation on file)', () => {
    expect(() => checkAppraisalYear({ ...none, probationaryOn: '2020-07-01' }, 2019, '2026-06-30')).toThrow(
      /早于其入党的 2020 年/,
    );
    expect(() => checkAppraisalYear({ ...none, fullMemberOn: '2021-07-01' }, 2020, '2026-06-30')).toThrow(/2021/);
    expect(() => checkAppraisalYear({ ...none, probationaryOn: '2020-07-01' }, 2020, '2026-06-30')).not.toThrow();
  });

  it('checks a member with neither date (arrived by transfer as 正式党员) against what the file holds', () => {
    // the latest stage before membership: joined after it
    expect(() =>
      checkAppraisalYear({ ...none, appliedOn: '2015-03-01', developmentTargetOn: '2018-05-01' }, 2017, '2026-06-30'),
    ).toThrow(/2018-05-01/);
    // only the birth date (residents'): no one is a member before turning 18
    expect(() => checkAppraisalYear({ ...none, birthDate: '2004-09-01' }, 2021, '2026-06-30')).toThrow(
      /年满 18 周岁的 2022 年/,
    );
    expect(() => checkAppraisalYear({ ...none, birthDate: '2004-09-01' }, 2022, '2026-06-30')).not.toThrow();
    expect(() => checkAppraisalYear({ ...none, birthDate: '1950-01-01' }, 1960, '2026-06-30')).toThrow(/评议年度 1960/);
  });

  it('never accepts a year after this one', () => {
    expect(() => checkAppraisalYear(none, 2027, '2026-06-30')).toThrow(/不能晚于今年/);
  });
});
