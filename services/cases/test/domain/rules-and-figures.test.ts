import { describe, expect, it } from 'vitest';
import { appraisalPeriod, appraise } from '../../src/domain/appraisal.js';
import { deadlinesFor } from '../../src/domain/category-policy.js';
import { evaluationValidity } from '../../src/domain/evaluation-validity.js';
import { evaluateRules, PROACTIVE_RULES, settledBy } from '../../src/domain/proactive-rules/index.js';
import { drawSample } from '../../src/domain/rater-sampling.js';
import { groupCaseStatistics } from '../../src/domain/statistics.js';
import { newlyOverdue } from '../../src/domain/time-limits.js';

const at = (iso: string) => new Date(iso);

describe('time limits', () => {
  const opened = at('2026-03-02T01:00:00Z');
  const { acknowledgeDueAt, resolveDueAt } = deadlinesFor('HOUSING_REPAIR', opened);
  const facts = {
    status: 'ASSIGNED' as const,
    acknowledgeDueAt,
    resolveDueAt,
    acknowledgedAt: null,
    resolvedAt: null,
    acknowledgeOverdueAt: null,
    resolveOverdueAt: null,
  };

  it('come from the category: 房屋渗水 24 h to take up, 5 days to resolve', () => {
    expect(acknowledgeDueAt.toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(resolveDueAt.toISOString()).toBe('2026-03-07T01:00:00.000Z');
  });

  it('flag each limit once, only after it passed and only while the case runs', () => {
    expect(newlyOverdue(facts, at('2026-03-03T01:00:00Z'))).toEqual([]);
    expect(newlyOverdue(facts, at('2026-03-03T01:00:01Z'))).toEqual(['ACKNOWLEDGE']);
    expect(newlyOverdue(facts, at('2026-03-08T00:00:00Z'))).toEqual(['ACKNOWLEDGE', 'RESOLVE']);
    expect(
      newlyOverdue({ ...facts, acknowledgeOverdueAt: at('2026-03-04T00:00:00Z') }, at('2026-03-08T00:00:00Z')),
    ).toEqual(['RESOLVE']);
    expect(newlyOverdue({ ...facts, acknowledgedAt: at('2026-03-02T05:00:00Z') }, at('2026-03-04T00:00:00Z'))).toEqual(
      [],
    );
    expect(newlyOverdue({ ...facts, status: 'REJECTED' }, at('2026-03-08T00:00:00Z'))).toEqual([]);
  });
});

describe('evaluation validity', () => {
  it('keeps 优 and 差 without a reason as invalid, with why; 良 and 中 need none', () => {
    expect(evaluationValidity('EXCELLENT', null)).toEqual({
      valid: false,
      invalidReason: expect.stringContaining('优'),
    });
    expect(evaluationValidity('POOR', ' ')).toEqual({ valid: false, invalidReason: expect.stringContaining('差') });
    expect(evaluationValidity('EXCELLENT', '上门三次解决渗水')).toEqual({ valid: true, invalidReason: null });
    expect(evaluationValidity('GOOD', null).valid).toBe(true);
    expect(evaluationValidity('FAIR', null).valid).toBe(true);
  });
});

describe('rater sampling', () => {
  const served = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r2', 'r5'];
  it('draws distinct residents, the same for the same seed whatever the input order', () => {
    const first = drawSample(served, 4, '2026Q1-张');
    expect(new Set(first).size).toBe(4);
    expect(first.every((id) => served.includes(id))).toBe(true);
    expect(drawSample([...served].reverse(), 4, '2026Q1-张')).toEqual(first);
    const others = ['a', 'b', 'c', 'd', 'e'].map((s) => drawSample(served, 4, s).join());
    expect(new Set([first.join(), ...others]).size).toBeGreaterThan(1);
    expect(drawSample(served, 20, 'x')).toHaveLength(8);
  });
});

describe('appraisal', () => {
  it('computes the hand-worked fixture', () => {
    // 4 daily cases (3 on time), 2 ad-hoc (1 on time): on-time 4/6 = 0.6667.
    // Valid ratings 优 优 良 差(with reason) → (100+100+80+0)/4 = 70; one 优 without reason is invalid.
    // Score = 0.6 × 70 + 0.4 × 66.67 = 42 + 26.67 = 68.67.
    const resolvedAt = at('2026-02-01T00:00:00Z');
    const figures = appraise(
      [
        { workType: 'DAILY', resolvedAt, onTime: true },
        { workType: 'DAILY', resolvedAt, onTime: true },
        { workType: 'DAILY', resolvedAt, onTime: true },
        { workType: 'DAILY', resolvedAt, onTime: false },
        { workType: 'AD_HOC', resolvedAt, onTime: true },
        { workType: 'AD_HOC', resolvedAt, onTime: false },
      ],
      [
        { grade: 'EXCELLENT', valid: true },
        { grade: 'EXCELLENT', valid: true },
        { grade: 'GOOD', valid: true },
        { grade: 'POOR', valid: true },
        { grade: 'EXCELLENT', valid: false },
      ],
    );
    expect(figures.total).toEqual({ casesHandled: 6, onTime: 4, onTimeRate: 0.6667 });
    expect(figures.daily).toEqual({ casesHandled: 4, onTime: 3, onTimeRate: 0.75 });
    expect(figures.adHoc).toEqual({ casesHandled: 2, onTime: 1, onTimeRate: 0.5 });
    expect(figures.validRatings).toEqual({ EXCELLENT: 2, GOOD: 1, FAIR: 0, POOR: 1 });
    expect(figures.invalidRatings).toBe(1);
    expect(figures.ratingScore).toBe(70);
    expect(figures.score).toBe(68.67);
  });

  it('uses the community calendar (UTC+8) for quarters and years', () => {
    expect(appraisalPeriod('QUARTER', 2026, 2)).toEqual({
      from: at('2026-03-31T16:00:00Z'),
      to: at('2026-06-30T16:00:00Z'),
    });
    expect(appraisalPeriod('YEAR', 2026)).toEqual({ from: at('2025-12-31T16:00:00Z'), to: at('2026-12-31T16:00:00Z') });
    expect(() => appraisalPeriod('QUARTER', 2026, 5)).toThrow(expect.objectContaining({ field: 'quarter' }));
  });
});

describe('proactive rules', () => {
  const now = at('2026-06-30T02:00:00Z');
  const snapshot = (days: number, categories = ['ELDERLY_LIVING_ALONE'] as any[]) => ({
    kind: 'RESIDENT_SNAPSHOT' as const,
    residentId: 'r1',
    gridId: 'g1',
    birthDate: '1940-01-01',
    careCategories: categories,
    lastContactAt: new Date(now.getTime() - days * 86_400_000),
    active: true,
  });

  it('are data plus one function each, with distinct codes', () => {
    expect(new Set(PROACTIVE_RULES.map((r) => r.code)).size).toBe(PROACTIVE_RULES.length);
    expect(PROACTIVE_RULES.find((r) => r.code === 'ELDERLY_NO_CONTACT')?.settings).toMatchObject({ days: 30 });
  });

  it('opens a visit task for an elderly resident living alone after 30 days without contact, not before, not for others', () => {
    expect(evaluateRules(snapshot(29), now)).toEqual([]);
    expect(evaluateRules(snapshot(30), now)).toEqual([
      expect.objectContaining({ rule: 'ELDERLY_NO_CONTACT', residentId: 'r1', dueOn: '2026-07-03' }),
    ]);
    expect(evaluateRules(snapshot(90, ['MINIMUM_LIVING_ALLOWANCE']), now)).toEqual([]);
    expect(evaluateRules({ ...snapshot(90), active: false }, now)).toEqual([]);
  });

  it('takes the threshold from its settings', () => {
    const rule = PROACTIVE_RULES.find((r) => r.code === 'ELDERLY_NO_CONTACT')!;
    const strict = { ...rule, settings: { ...rule.settings, days: 7 } };
    expect(evaluateRules(snapshot(8), now, [strict])).toHaveLength(1);
  });

  it('opens a review task when a care review falls due, and a verification task for a new floating resident only', () => {
    expect(
      evaluateRules(
        {
          kind: 'CARE_REVIEW_DUE',
          residentId: 'r2',
          gridId: null,
          category: 'MINIMUM_LIVING_ALLOWANCE',
          dueOn: '2026-07-15',
        },
        now,
      ),
    ).toEqual([
      expect.objectContaining({
        rule: 'CARE_REVIEW_DUE',
        dueOn: '2026-07-15',
        key: 'MINIMUM_LIVING_ALLOWANCE-2026-07-15',
      }),
    ]);
    expect(
      evaluateRules({ kind: 'RESIDENT_REGISTERED', residentId: 'r3', gridId: 'g1', residenceType: 'FLOATING' }, now),
    ).toEqual([expect.objectContaining({ rule: 'FLOATING_RESIDENT_VERIFY', dueOn: '2026-07-07' })]);
    expect(
      evaluateRules({ kind: 'RESIDENT_REGISTERED', residentId: 'r4', gridId: 'g1', residenceType: 'REGISTERED' }, now),
    ).toEqual([]);
  });

  it('asks to verify a resident who turns floating (keyed by the day), not one who was floating already or turns 户籍', () => {
    const change = {
      kind: 'RESIDENCE_TYPE_CHANGED' as const,
      residentId: 'r5',
      gridId: 'g1',
      from: 'REGISTERED' as const,
      to: 'FLOATING' as const,
      on: '2026-06-29',
    };
    expect(evaluateRules(change, now)).toEqual([
      expect.objectContaining({
        rule: 'FLOATING_RESIDENT_VERIFY',
        gridId: 'g1',
        dueOn: '2026-07-07',
        key: 'floating-since:2026-06-29',
      }),
    ]);
    expect(evaluateRules({ ...change, from: null }, now)).toHaveLength(1);
    expect(evaluateRules({ ...change, from: 'FLOATING' }, now)).toEqual([]);
    expect(evaluateRules({ ...change, from: 'FLOATING', to: 'REGISTERED' }, now)).toEqual([]);
  });
});

describe('tasks that no longer apply', () => {
  it('are settled by the rule that opened them', () => {
    const ended = { kind: 'CARE_CATEGORY_ENDED' as const, residentId: 'r1', category: 'ELDERLY_LIVING_ALONE' as const };
    expect(settledBy(ended, { rule: 'ELDERLY_NO_CONTACT', key: 'since-x' })).toBe(true);
    expect(settledBy({ ...ended, category: 'DISABILITY' }, { rule: 'ELDERLY_NO_CONTACT', key: 'since-x' })).toBe(false);
    const reviewed = { kind: 'CARE_REVIEWED' as const, residentId: 'r1', category: 'DISABILITY' as const };
    expect(settledBy(reviewed, { rule: 'CARE_REVIEW_DUE', key: 'DISABILITY-2026-07-20' })).toBe(true);
    expect(settledBy(reviewed, { rule: 'CARE_REVIEW_DUE', key: 'MINIMUM_LIVING_ALLOWANCE-2026-07-20' })).toBe(false);
    expect(settledBy(reviewed, { rule: 'FLOATING_RESIDENT_VERIFY', key: 'registration' })).toBe(false);
    const backToLocal = {
      kind: 'RESIDENCE_TYPE_CHANGED' as const,
      residentId: 'r1',
      gridId: null,
      from: 'FLOATING' as const,
      to: 'REGISTERED' as const,
      on: '2026-07-01',
    };
    expect(settledBy(backToLocal, { rule: 'FLOATING_RESIDENT_VERIFY', key: 'registration' })).toBe(true);
    expect(
      settledBy(
        { ...backToLocal, from: 'REGISTERED', to: 'FLOATING' },
        { rule: 'FLOATING_RESIDENT_VERIFY', key: 'registration' },
      ),
    ).toBe(false);
    expect(settledBy(backToLocal, { rule: 'CARE_REVIEW_DUE', key: 'DISABILITY-2026-07-20' })).toBe(false);
  });
});

describe('case statistics', () => {
  const base = {
    channel: 'WALK_IN',
    status: 'CLOSED',
    gridId: 'g1',
    department: 'OFFICE',
    resolveDueAt: at('2026-01-10T00:00:00Z'),
  };
  it('groups by dimensions with on-time rate, mean hours and valid ratings', () => {
    const groups = groupCaseStatistics(
      [
        {
          ...base,
          category: 'CERTIFICATE',
          openedAt: at('2026-01-05T00:00:00Z'),
          resolvedAt: at('2026-01-05T10:00:00Z'),
          validGrades: ['EXCELLENT'],
        },
        {
          ...base,
          category: 'CERTIFICATE',
          openedAt: at('2026-01-06T00:00:00Z'),
          resolvedAt: at('2026-01-11T00:00:00Z'),
          validGrades: ['POOR', 'GOOD'],
        },
        {
          ...base,
          category: 'CERTIFICATE',
          openedAt: at('2026-02-01T00:00:00Z'),
          resolvedAt: null,
          validGrades: [],
          status: 'IN_PROGRESS',
        },
        {
          ...base,
          category: 'SANITATION',
          openedAt: at('2026-01-31T17:00:00Z'),
          resolvedAt: at('2026-02-01T01:00:00Z'),
          resolveDueAt: at('2026-02-03T17:00:00Z'),
          validGrades: [],
        },
      ],
      ['CATEGORY', 'MONTH'],
    );
    expect(groups).toEqual([
      {
        key: { CATEGORY: 'CERTIFICATE', MONTH: '2026-01' },
        count: 2,
        resolved: 2,
        onTimeRate: 0.5,
        averageResolutionHours: 65,
        ratings: { EXCELLENT: 1, GOOD: 1, FAIR: 0, POOR: 1 },
      },
      {
        key: { CATEGORY: 'CERTIFICATE', MONTH: '2026-02' },
        count: 1,
        resolved: 0,
        onTimeRate: null,
        averageResolutionHours: null,
        ratings: { EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 },
      },
      {
        key: { CATEGORY: 'SANITATION', MONTH: '2026-02' },
        count: 1,
        resolved: 1,
        onTimeRate: 1,
        averageResolutionHours: 8,
        ratings: { EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 },
      },
    ]);
  });
});
