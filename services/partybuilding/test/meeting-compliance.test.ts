import { describe, expect, it } from 'vitest';
import {
  attendanceRates,
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

describe('party statistics grouping', () => {
  it('counts by the chosen dimensions only', () => {
    const members = [
      { organization: '一支部', stage: 'FULL_MEMBER', memberType: 'RETIRED', gender: 'MALE', birthDate: '1950-01-01' },
      {
        organization: '一支部',
        stage: 'FULL_MEMBER',
        memberType: 'COMMUNITY',
        gender: 'FEMALE',
        birthDate: '1990-01-01',
      },
      {
        organization: '二支部',
        stage: 'APPLICANT',
        memberType: 'COMMUNITY',
        gender: 'FEMALE',
        birthDate: '2000-01-01',
      },
    ];
    expect(groupMembers(members, ['ORGANIZATION'], '2026-01-01')).toEqual([
      { organization: '一支部', stage: null, memberType: null, ageBand: null, gender: null, count: 2 },
      { organization: '二支部', stage: null, memberType: null, ageBand: null, gender: null, count: 1 },
    ]);
    expect(
      groupMembers(members, ['GENDER', 'AGE_BAND'], '2026-01-01')
        .map((g) => [g.gender, g.ageBand, g.count])
        .sort(),
    ).toEqual([
      ['FEMALE', 'AGE_36_45', 1],
      ['FEMALE', 'UNDER_36', 1],
      ['MALE', 'OVER_70', 1],
    ]);
  });
});
