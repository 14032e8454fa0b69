import { describe, expect, it } from 'vitest';
import {
  attendanceRates,
  checkMeetingAttendance,
  checkMeetingAttended,
  meetingCompliance,
  meetingHolderAllowed,
  type HeldMeeting,
} from '../src/domain/meeting-compliance.js';
import { groupMembers } from '../src/domain/party-statistics.js';

const B = 'branch';
const calendar: HeldMeeting[] = [
  // 支部党员大会: Q1 and Q3 only (two in Q1 count once)
  { type: 'GENERAL_ASSEMBLY', heldOn: '2025-01-15', organizationId: B },
  { type: 'GENERAL_ASSEMBLY', heldOn: '2025-03-31', organizationId: B },
  { type: 'GENERAL_ASSEMBLY', heldOn: '2025-07-01', organizationId: B },
  // 党课 every quarter
  { type: 'PARTY_LECTURE', heldOn: '2025-02-10', organizationId: B },
  { type: 'PARTY_LECTURE', heldOn: '2025-05-10', organizationId: B },
  { type: 'PARTY_LECTURE', heldOn: '2025-08-10', organizationId: B },
  { type: 'PARTY_LECTURE', heldOn: '2025-12-31', organizationId: B },
  // 支委会 in Jan–Oct except April
  ...['01', '02', '03', '05', '06', '07', '08', '09', '10'].map((m) => ({
    type: 'COMMITTEE_MEETING' as const,
    heldOn: `2025-${m}-05`,
    organizationId: B,
  })),
  // 党小组会: group g1 every month Jan–Jun, group g2 only January
  ...['01', '02', '03', '04', '05', '06'].map((m) => ({
    type: 'GROUP_MEETING' as const,
    heldOn: `2025-${m}-20`,
    organizationId: 'g1',
  })),
  { type: 'GROUP_MEETING', heldOn: '2025-01-21', organizationId: 'g2' },
  // noise: other year, other branch, non-required type
  { type: 'GENERAL_ASSEMBLY', heldOn: '2024-12-31', organizationId: B },
  { type: 'GENERAL_ASSEMBLY', heldOn: '2025-04-02', organizationId: 'other-branch' },
  { type: 'THEMED_PARTY_DAY', heldOn: '2025-04-01', organizationId: B },
];

describe('三会一课 compliance against a hand-made calendar', () => {
  const { periods, summary } = meetingCompliance({
    branchId: B,
    groupIds: ['g1', 'g2'],
    year: 2025,
    meetings: calendar,
    today: '2026-01-10',
  });
  const of = (type: string) => periods.filter((p) => p.type === type);

  it('counts 支部党员大会 and 党课 per quarter, several in one quarter once', () => {
    expect(of('GENERAL_ASSEMBLY').map((p) => [p.period, p.held, p.met])).toEqual([
      ['2025-Q1', 1, true],
      ['2025-Q2', 0, false],
      ['2025-Q3', 1, true],
      ['2025-Q4', 0, false],
    ]);
    expect(of('PARTY_LECTURE').every((p) => p.met)).toBe(true);
  });

  it('counts 支委会 per month and 党小组会 per month per group', () => {
    expect(
      of('COMMITTEE_MEETING')
        .filter((p) => !p.met)
        .map((p) => p.period),
    ).toEqual(['2025-04', '2025-11', '2025-12']);
    expect(
      of('GROUP_MEETING')
        .slice(0, 3)
        .map((p) => [p.period, p.required, p.held, p.met]),
    ).toEqual([
      ['2025-01', 2, 2, true],
      ['2025-02', 2, 1, false],
      ['2025-03', 2, 1, false],
    ]);
  });

  it('summarises rates over ended periods', () => {
    expect(summary).toEqual([
      { type: 'GENERAL_ASSEMBLY', requiredPeriods: 4, metPeriods: 2, rate: 0.5 },
      { type: 'PARTY_LECTURE', requiredPeriods: 4, metPeriods: 4, rate: 1 },
      { type: 'COMMITTEE_MEETING', requiredPeriods: 12, metPeriods: 9, rate: 0.75 },
      { type: 'GROUP_MEETING', requiredPeriods: 12, metPeriods: 1, rate: 1 / 12 },
    ]);
  });

  it('leaves periods that have not ended out of the rate', () => {
    const midYear = meetingCompliance({
      branchId: B,
      groupIds: [],
      year: 2025,
      meetings: calendar,
      today: '2025-05-15',
    });
    expect(midYear.summary.find((s) => s.type === 'COMMITTEE_MEETING')).toEqual({
      type: 'COMMITTEE_MEETING',
      requiredPeriods: 4,
      metPeriods: 3,
      rate: 0.75,
    });
    expect(midYear.summary.find((s) => s.type === 'GENERAL_ASSEMBLY')).toEqual({
      type: 'GENERAL_ASSEMBLY',
      requiredPeriods: 1,
      metPeriods: 1,
      rate: 1,
    });
    // a branch without groups owes no 党小组会
    expect(midYear.summary.find((s) => s.type === 'GROUP_MEETING')).toEqual({
      type: 'GROUP_MEETING',
      requiredPeriods: 0,
      metPeriods: 0,
      rate: null,
    });
  });

  it('computes attendance rates per member and who may hold which meeting', () => {
    expect(
      attendanceRates([
        { memberId: 'a', status: 'PRESENT' },
        { memberId: 'a', status: 'EXCUSED' },
        { memberId: 'b', status: 'ABSENT' },
        { memberId: 'a', status: 'PRESENT' },
        { memberId: 'a', status: 'ABSENT' },
      ]),
    ).toEqual([
      { memberId: 'a', present: 2, excused: 1, absent: 1, rate: 0.5 },
      { memberId: 'b', present: 0, excused: 0, absent: 1, rate: 0 },
    ]);
    expect(meetingHolderAllowed('GROUP_MEETING', 'BRANCH')).toBe(false);
    expect(meetingHolderAllowed('GROUP_MEETING', 'GROUP')).toBe(true);
    expect(meetingHolderAllowed('COMMITTEE_MEETING', 'GROUP')).toBe(false);
  });
});

describe('a meeting held has a member of its organisation present', () => {
  const register = new Set(['a', 'b']);
  const field = (run: () => void) => {
    try {
      run();
      return null;
    } catch (error) {
      return (error as { details?: { field?: string } }).details?.field;
    }
  };

  it('refuses an empty list, a list nobody on it attended, or whose only one present is not a member', () => {
    expect(field(() => checkMeetingAttendance([], register))).toBe('attendance');
    expect(
      field(() =>
        checkMeetingAttendance(
          [
            { memberId: 'a', status: 'EXCUSED' },
            { memberId: 'b', status: 'ABSENT' },
          ],
          register,
        ),
      ),
    ).toBe('attendance');
    expect(field(() => checkMeetingAttended([{ memberId: 'x', status: 'PRESENT' }], (id) => register.has(id)))).toBe(
      'attendance',
    );
  });

  it('keeps the checks of each listed member first: on the register, listed once', () => {
    expect(field(() => checkMeetingAttendance([{ memberId: 'x', status: 'PRESENT' }], register))).toBe(
      'attendance.0.memberId',
    );
    expect(
      field(() =>
        checkMeetingAttendance(
          [
            { memberId: 'a', status: 'PRESENT' },
            { memberId: 'a', status: 'ABSENT' },
          ],
          register,
        ),
      ),
    ).toBe('attendance.1.memberId');
    expect(
      field(() =>
        checkMeetingAttendance(
          [
            { memberId: 'a', status: 'ABSENT' },
            { memberId: 'b', status: 'PRESENT' },
          ],
          register,
        ),
      ),
    ).toBeNull();
  });
});

describe('party statistics grouping', () => {
  const members = [
    {
      organizationId: 'b2',
      organization: '二支部',
      stage: 'APPLICANT',
      memberType: 'COMMUNITY',
      gender: 'FEMALE',
      birthDate: '2000-01-01',
    },
    {
      organizationId: 'b1',
      organization: '一支部',
      stage: 'FULL_MEMBER',
      memberType: 'RETIRED',
      gender: 'MALE',
      birthDate: '1950-01-01',
    },
    {
      organizationId: 'b1',
      organization: '一支部',
      stage: 'FULL_MEMBER',
      memberType: 'COMMUNITY',
      gender: 'FEMALE',
      birthDate: '1990-01-01',
    },
    {
      organizationId: null,
      organization: '',
      stage: 'ACTIVIST',
      memberType: 'COMMUNITY',
      gender: null,
      birthDate: null,
    },
  ];

  it('counts by the chosen dimensions only, keys in the order of groupBy with Chinese labels', () => {
    expect(groupMembers(members, ['ORGANIZATION'], '2026-01-01')).toEqual([
      { keys: [{ dimension: 'ORGANIZATION', value: 'b2', label: '二支部' }], count: 1 },
      { keys: [{ dimension: 'ORGANIZATION', value: 'b1', label: '一支部' }], count: 2 },
      { keys: [{ dimension: 'ORGANIZATION', value: 'UNKNOWN', label: '未知' }], count: 1 },
    ]);
    expect(groupMembers(members, ['AGE_BAND', 'GENDER'], '2026-01-01')).toEqual([
      {
        keys: [
          { dimension: 'AGE_BAND', value: 'UNDER_36', label: '35岁及以下' },
          { dimension: 'GENDER', value: 'FEMALE', label: '女' },
        ],
        count: 1,
      },
      {
        keys: [
          { dimension: 'AGE_BAND', value: 'AGE_36_45', label: '36–45岁' },
          { dimension: 'GENDER', value: 'FEMALE', label: '女' },
        ],
        count: 1,
      },
      {
        keys: [
          { dimension: 'AGE_BAND', value: 'OVER_70', label: '71岁及以上' },
          { dimension: 'GENDER', value: 'MALE', label: '男' },
        ],
        count: 1,
      },
      {
        keys: [
          { dimension: 'AGE_BAND', value: 'UNKNOWN', label: '未知' },
          { dimension: 'GENDER', value: 'UNKNOWN', label: '未知' },
        ],
        count: 1,
      },
    ]);
  });

  it('orders groups naturally: stages as declared, branches by Chinese collation, not by count', () => {
    // 二 (èr) before 一 (yī) in pinyin; stages in the pipeline's order although 正式党员 counts most
    expect(
      groupMembers(members, ['STAGE', 'ORGANIZATION'], '2026-01-01').map((g) => g.keys.map((k) => k.label)),
    ).toEqual([
      ['入党申请人', '二支部'],
      ['入党积极分子', '未知'],
      ['正式党员', '一支部'],
    ]);
  });
});
