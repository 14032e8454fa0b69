import type { EntityManager } from '@mikro-orm/core';
import { labelOf, PartyMeetingTypes, PartyOrganizationLevels } from '@shequ/contracts';
import { ReferenceProjection, ruleBreaches } from '@shequ/subgraph';
import { checkAppraisalYear } from '../domain/appraisal-year.js';
import { checkProbationExtension, checkStageHistory } from '../domain/development-pipeline.js';
import { checkMeetingAttended, meetingHolderAllowed } from '../domain/meeting-compliance.js';
import { checkAppraisalYearAlive, checkMemberAliveOn } from '../domain/member-death.js';
import {
  branchesUnder,
  checkEstablishedOn,
  checkMemberPlacement,
  checkOrganizationChangeOn,
  checkPlacement,
} from '../domain/organization-tree.js';
import { checkDecision, checkDecisionDate, checkPeriod, checkPeriodBegun } from '../domain/red-flag-selection.js';
import { checkNoOpenTransferOut, checkTransferStep, TRANSFER_TRANSITIONS } from '../domain/transfer-workflow.js';
import { PartyTransferStatuses, type PartyTransferStatus } from '../domain/vocabularies.js';
import {
  PartyAppraisal,
  PartyMeeting,
  PartyMeetingAttendance,
  PartyMember,
  PartyMemberStageChange,
  PartyOrganization,
  PartyOrganizationChange,
  PartyTransfer,
  RedFlagNomination,
  RedFlagPeriod,
} from '../entities/index.js';

/** A resident's facts as residents records them (its own database, or the reference projection). */
export interface ResidentFacts {
  gender: string | null;
  birthDate: string | null;
  status: string;
}

/**
 * Every rule of the API checked over what is stored, whatever wrote it (the API, a seed, an event handler): the
 * same domain functions the application layer calls, read as history on `today`. Returns one line per breach
 * (empty when the data keeps every rule). `residents`: residents' record of each person (by default the service's
 * reference projection; a system test passes residents' own rows), for the facts a member takes from it.
 */
export async function partybuildingRuleViolations(
  em: EntityManager,
  today: string,
  residents?: ReadonlyMap<string, ResidentFacts>,
): Promise<string[]> {
  const { problems, check } = ruleBreaches();
  const facts =
    residents ??
    new Map(
      (await em.find(ReferenceProjection, { kind: 'RESIDENT' })).map((r) => [
        r.id,
        { gender: r.gender, birthDate: r.birthDate, status: r.status },
      ]),
    );

  const organizations = await em.find(PartyOrganization, {});
  const tree = organizations.map((o) => ({ id: o.id, level: o.level, parentId: o.parent?.id ?? null }));
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const changes = await em.find(PartyOrganizationChange, {});
  for (const o of organizations) {
    // a secretary who died left the post (resident.deceased)
    if (o.secretaryResidentId && facts.get(o.secretaryResidentId)?.status === 'DECEASED')
      problems.push(`党组织 ${o.id}: 书记 ${o.secretaryResidentId} 已去世，仍登记为书记`);
    const establishedOn = o.establishedOn;
    if (establishedOn) check(`党组织 ${o.id}`, '成立日期', () => checkEstablishedOn(establishedOn, today));
  }
  for (const c of changes) {
    const holder = organizations.find((o) => o.id === c.organization.id);
    check(`党组织调整 ${c.id}`, '调整日期', () =>
      checkOrganizationChangeOn(c.changedOn, holder?.establishedOn ?? null, today),
    );
  }
  for (const o of organizations)
    check(`党组织 ${o.id}`, '党组织层级', () =>
      checkPlacement(
        o.level,
        o.parent ? byId.get(o.parent.id)!.level : null,
        tree.filter((c) => c.parentId === o.id).map((c) => c.level),
      ),
    );

  const transfers = await em.find(PartyTransfer, {});
  const arrived = new Set(
    transfers.filter((t) => t.direction === 'IN' && t.status === 'COMPLETED').map((t) => t.memberId),
  );
  const members = await em.find(PartyMember, {});
  const memberById = new Map(members.map((m) => [m.id, m]));
  const changesOf = new Map<string, PartyMemberStageChange[]>();
  for (const c of await em.find(PartyMemberStageChange, {}))
    changesOf.set(c.member.id, [...(changesOf.get(c.member.id) ?? []), c]);
  for (const m of members) {
    const what = `党员 ${m.id}`;
    const person = facts.get(m.residentId);
    if (!person) problems.push(`${what}: 居民 ${m.residentId} 不存在`);
    else {
      // the person's values are not named: the record and the rule are
      if (m.gender !== person.gender) problems.push(`${what}: 性别与居民档案不一致`);
      if (m.birthDate !== person.birthDate) problems.push(`${what}: 出生日期与居民档案不一致`);
    }
    const birthDate = person?.birthDate ?? m.birthDate;
    // a member who died: no stage change, extension or cancellation dated after the death (the file is kept)
    for (const change of changesOf.get(m.id) ?? [])
      check(what, '去世后不再变更发展阶段', () =>
        checkMemberAliveOn(m, change.changedOn, 'changedOn', '变更其发展阶段'),
      );
    if (m.status !== 'ACTIVE') continue;
    if (arrived.has(m.id) && !m.appliedOn) {
      // arrived by transfer: the file holds the membership only (completeTransferIn)
      if (m.stage !== 'FULL_MEMBER' && m.stage !== 'PROBATIONARY') problems.push(`${what}: 转入的须为党员`);
    } else
      check(what, '发展阶段及其日期（含年满 18 周岁）', () =>
        checkStageHistory({ ...m, birthDate, status: 'ACTIVE' }, today),
      );
    if (m.stage === 'PROBATIONARY' && m.probationExtendedUntil)
      check(what, '延长预备期', () =>
        checkProbationExtension({ ...m, birthDate, probationExtendedUntil: null }, m.probationExtendedUntil!),
      );
    const branch = byId.get(m.branch.id)!;
    const group = m.group ? byId.get(m.group.id)! : null;
    check(what, '所在党支部、党小组', () =>
      checkMemberPlacement(branch, group ? { level: group.level, parentId: group.parent?.id ?? null } : null),
    );
  }

  // one transfer out of a member at a time
  const openOut = new Map<string, number>();
  for (const t of transfers) {
    if (t.direction !== 'OUT' || t.status === 'COMPLETED' || !t.memberId) continue;
    const earlier = openOut.get(t.memberId) ?? 0;
    check(`转接 ${t.id}`, '同一党员只有一项未办结的转出', () => checkNoOpenTransferOut(earlier));
    openOut.set(t.memberId, earlier + 1);
  }
  for (const t of transfers) {
    const what = `转接 ${t.id}`;
    if (t.requestedOn > today) problems.push(`${what}: 申请日期晚于今天`);
    let status: PartyTransferStatus = 'REQUESTED';
    const dates: Record<'requestedOn' | 'sentOn' | 'receivedOn' | 'completedOn', string | null> & {
      requestedOn: string;
    } = { requestedOn: t.requestedOn, sentOn: null, receivedOn: null, completedOn: null };
    for (const step of TRANSFER_TRANSITIONS) {
      const on = t[step.stamps];
      if (status !== step.from || !on) continue;
      check(what, '组织关系转接流程', () =>
        checkTransferStep({ status, letterNumber: t.letterNumber ?? null, ...dates }, step.to, on, today),
      );
      dates[step.stamps] = on;
      status = step.to;
    }
    if (status !== t.status)
      problems.push(
        `${what}: 状态 ${labelOf(PartyTransferStatuses, t.status)} 不是按流程办到的（${labelOf(PartyTransferStatuses, status)}）`,
      );
    if (t.status === 'COMPLETED') {
      const member = t.memberId ? memberById.get(t.memberId) : undefined;
      if (!member) problems.push(`${what}: 办结的转接没有党员档案`);
      else if (t.direction === 'OUT' && member.status !== 'TRANSFERRED_OUT')
        problems.push(`${what}: 转出已办结，党员档案未标记为转出`);
    }
  }

  const meetings = await em.find(PartyMeeting, {});
  const attendance = await em.find(PartyMeetingAttendance, {});
  const byMeeting = new Map<string, PartyMeetingAttendance[]>();
  for (const a of attendance) byMeeting.set(a.meeting.id, [...(byMeeting.get(a.meeting.id) ?? []), a]);
  for (const meeting of meetings) {
    const what = `会议 ${meeting.id}`;
    const holder = byId.get(meeting.organization.id)!;
    if (meeting.heldOn > today) problems.push(`${what}: 召开日期晚于今天`);
    if (!meetingHolderAllowed(meeting.type, holder.level))
      problems.push(
        `${what}: ${labelOf(PartyOrganizationLevels, holder.level)} 不召开 ${labelOf(PartyMeetingTypes, meeting.type)}`,
      );
    const branches = holder.level === 'BRANCH' ? [holder.id] : branchesUnder(holder.id, tree);
    const belongs = (memberId: string) => {
      const member = memberById.get(memberId);
      return (
        !!member && (holder.level === 'GROUP' ? member.group?.id === holder.id : branches.includes(member.branch.id))
      );
    };
    const listed = byMeeting.get(meeting.id) ?? [];
    const seen = new Set<string>();
    for (const a of listed) {
      if (!belongs(a.memberId)) problems.push(`${what}: 党员 ${a.memberId} 不是该党组织的党员`);
      const member = memberById.get(a.memberId);
      if (member)
        check(what, '去世党员不列入其后召开的会议', () =>
          checkMemberAliveOn(member, meeting.heldOn, 'attendance', '列入其去世后召开的会议'),
        );
      if (seen.has(a.memberId)) problems.push(`${what}: 党员 ${a.memberId} 重复登记`);
      seen.add(a.memberId);
    }
    // members who have since left count: the rule held on the day the meeting was recorded
    check(what, '会议须有本组织党员出席', () => checkMeetingAttended(listed, belongs));
  }

  for (const a of await em.find(PartyAppraisal, {})) {
    const member = memberById.get(a.memberId);
    if (!member) problems.push(`评议 ${a.id}: 党员 ${a.memberId} 不存在`);
    else {
      check(`评议 ${a.id}`, '不评议去世以后的年度', () => checkAppraisalYearAlive(member, a.year));
      check(`评议 ${a.id}`, '民主评议年度', () =>
        checkAppraisalYear(
          { ...member, birthDate: facts.get(member.residentId)?.birthDate ?? member.birthDate },
          a.year,
          today,
        ),
      );
    }
  }

  const nominations = await em.find(RedFlagNomination, {});
  for (const p of await em.find(RedFlagPeriod, {})) {
    const what = `红旗岗 ${p.period}`;
    check(what, '评选期', () => checkPeriod(p.period));
    check(what, '评选期已开始', () => checkPeriodBegun(p.period, today));
    const nominees = nominations.filter((n) => n.period.id === p.id);
    if (new Set(nominees.map((n) => n.department)).size !== nominees.length) problems.push(`${what}: 部门重复提名`);
    if (p.decidedOn) {
      check(what, '评定日期', () => checkDecisionDate(p.period, p.decidedOn!, today));
      check(what, '评定须在提名中', () => checkDecision(nominees, p.winnerStaffId!, false));
    }
  }
  return problems;
}
