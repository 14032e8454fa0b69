import { lastDayOfMonth, type PartyMeetingType } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import type { MeetingAttendanceStatus } from './vocabularies.js';

/**
 * 三会一课 requirements: 支部党员大会 and 党课 each quarter, 支委会 and 党小组会 each month.
 * 党小组会 is required of every 党小组 of the branch, so a month needs one meeting per group.
 */
export const MEETING_REQUIREMENTS: ReadonlyArray<{
  type: PartyMeetingType;
  cadence: 'QUARTER' | 'MONTH';
  heldBy: 'BRANCH' | 'GROUP';
}> = [
  { type: 'GENERAL_ASSEMBLY', cadence: 'QUARTER', heldBy: 'BRANCH' },
  { type: 'PARTY_LECTURE', cadence: 'QUARTER', heldBy: 'BRANCH' },
  { type: 'COMMITTEE_MEETING', cadence: 'MONTH', heldBy: 'BRANCH' },
  { type: 'GROUP_MEETING', cadence: 'MONTH', heldBy: 'GROUP' },
];

export interface HeldMeeting {
  type: PartyMeetingType;
  heldOn: string;
  /** The organisation that held it (the branch itself, or one of its groups). */
  organizationId: string;
}

export interface CompliancePeriod {
  type: PartyMeetingType;
  /** `2026-Q1` or `2026-03` */
  period: string;
  startsOn: string;
  endsOn: string;
  required: number;
  held: number;
  met: boolean;
  /** The period has ended by the reference date (only ended periods count towards the rate). */
  ended: boolean;
}

export interface ComplianceSummary {
  type: PartyMeetingType;
  requiredPeriods: number;
  metPeriods: number;
  /** met / required among ended periods; null when no period has ended yet. */
  rate: number | null;
}

function periodsOf(
  year: number,
  cadence: 'QUARTER' | 'MONTH',
): Array<{ period: string; startsOn: string; endsOn: string }> {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (cadence === 'MONTH') {
    return Array.from({ length: 12 }, (_, i) => ({
      period: `${year}-${pad(i + 1)}`,
      startsOn: `${year}-${pad(i + 1)}-01`,
      endsOn: lastDayOfMonth(year, i + 1),
    }));
  }
  return Array.from({ length: 4 }, (_, q) => ({
    period: `${year}-Q${q + 1}`,
    startsOn: `${year}-${pad(q * 3 + 1)}-01`,
    endsOn: lastDayOfMonth(year, q * 3 + 3),
  }));
}

/**
 * Required vs held per period for one branch in `year`. `groupIds` are the branch's 党小组; meetings outside
 * the year, of other organisations or of other types are ignored; several meetings of one organisation in one
 * period count once.
 */
export function meetingCompliance(input: {
  branchId: string;
  groupIds: readonly string[];
  year: number;
  meetings: readonly HeldMeeting[];
  today: string;
}): {
  periods: CompliancePeriod[];
  summary: ComplianceSummary[];
} {
  const periods: CompliancePeriod[] = [];
  for (const requirement of MEETING_REQUIREMENTS) {
    const holders = requirement.heldBy === 'BRANCH' ? [input.branchId] : [...input.groupIds];
    for (const p of periodsOf(input.year, requirement.cadence)) {
      const heldBy = new Set(
        input.meetings
          .filter(
            (m) =>
              m.type === requirement.type &&
              holders.includes(m.organizationId) &&
              m.heldOn >= p.startsOn &&
              m.heldOn <= p.endsOn,
          )
          .map((m) => m.organizationId),
      );
      const required = holders.length;
      periods.push({
        type: requirement.type,
        ...p,
        required,
        held: heldBy.size,
        met: heldBy.size >= required,
        ended: p.endsOn < input.today,
      });
    }
  }
  const summary = MEETING_REQUIREMENTS.map(({ type }) => {
    const ended = periods.filter((p) => p.type === type && p.ended && p.required > 0);
    const met = ended.filter((p) => p.met).length;
    return { type, requiredPeriods: ended.length, metPeriods: met, rate: ended.length ? met / ended.length : null };
  });
  return { periods, summary };
}

export interface AttendanceTally {
  memberId: string;
  present: number;
  excused: number;
  absent: number;
  /** present / (present + excused + absent) */
  rate: number;
}

/**
 * Attendance per member over the meetings they were expected at. Each record is one attendance, or `count` of them
 * (a member's attendances of one status counted by the database).
 */
export function attendanceRates(
  records: ReadonlyArray<{ memberId: string; status: MeetingAttendanceStatus; count?: number }>,
): AttendanceTally[] {
  const byMember = new Map<string, AttendanceTally>();
  for (const { memberId, status, count = 1 } of records) {
    const tally = byMember.get(memberId) ?? { memberId, present: 0, excused: 0, absent: 0, rate: 0 };
    if (status === 'PRESENT') tally.present += count;
    else if (status === 'EXCUSED') tally.excused += count;
    else tally.absent += count;
    byMember.set(memberId, tally);
  }
  return [...byMember.values()]
    .map((t) => ({ ...t, rate: t.present / (t.present + t.excused + t.absent) }))
    .sort((a, b) => a.memberId.localeCompare(b.memberId));
}

/** Which organisation level may hold which meeting. */
export function meetingHolderAllowed(type: PartyMeetingType, level: string): boolean {
  if (type === 'GROUP_MEETING') return level === 'GROUP';
  if (type === 'GENERAL_ASSEMBLY' || type === 'COMMITTEE_MEETING')
    return level === 'BRANCH' || level === 'GENERAL_BRANCH' || level === 'COMMITTEE';
  return level !== 'GROUP' || type === 'THEMED_PARTY_DAY';
}

/**
 * A meeting is held only if someone came: at least one member of the holding organisation (`isMember`: who the
 * caller counts as its member) attended (出席). A meeting with nobody on its attendance list, or with everyone on it
 * excused or absent, is not a meeting held and would count in 三会一课 compliance and attendance rates for nothing.
 */
export function checkMeetingAttended(
  attendance: ReadonlyArray<{ memberId: string; status: MeetingAttendanceStatus }>,
  isMember: (memberId: string) => boolean,
): void {
  if (!attendance.some((a) => a.status === 'PRESENT' && isMember(a.memberId)))
    throw new InvalidInputError('attendance', '参会登记须至少有一名本组织党员出席：无人出席的会议不能登记为已召开');
}

/**
 * The attendance of a meeting being recorded: each member listed once, each on the holding organisation's register
 * (`onRegister`), and at least one of them present (checkMeetingAttended).
 */
export function checkMeetingAttendance(
  attendance: ReadonlyArray<{ memberId: string; status: MeetingAttendanceStatus }>,
  onRegister: ReadonlySet<string>,
): void {
  const seen = new Set<string>();
  attendance.forEach(({ memberId }, i) => {
    if (seen.has(memberId)) throw new InvalidInputError(`attendance.${i}.memberId`, `党员 ${memberId} 重复登记`);
    if (!onRegister.has(memberId))
      throw new InvalidInputError(`attendance.${i}.memberId`, `党员 ${memberId} 不是该党组织的在册党员`);
    seen.add(memberId);
  });
  checkMeetingAttended(attendance, (memberId) => onRegister.has(memberId));
}
