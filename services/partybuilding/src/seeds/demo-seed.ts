import type { EntityManager } from '@mikro-orm/core';
import {
  addDays,
  addYears,
  ageOn,
  communityDay,
  startOfCommunityDay,
  SYSTEM_ACTOR,
  type Department,
  type PartyMeetingType,
  type PartyMemberStage,
  type PartyMemberType,
} from '@shequ/contracts';
import { demoDataset, demoId, SeededRandom, type DemoResident, type DemoStaff } from '@shequ/demo-data';
import type { Outbox } from '@shequ/messaging';
import { seedReferenceProjection, type DemoSeedDependencies, type UnitOfWork } from '@shequ/subgraph';
import { decideRedFlag, nominateForRedFlag } from '../application/red-flag.js';
import { checkStageHistory, STAGE_DATE_FIELD, STAGE_ORDER, type StageDates } from '../domain/development-pipeline.js';
import { checkAppraisalYear } from '../domain/appraisal-year.js';
import { RED_FLAG_FIRST_PERIOD } from '../domain/red-flag-selection.js';
import type { MeetingAttendanceStatus, PartyAppraisalGrade } from '../domain/vocabularies.js';
import {
  PartyAppraisal,
  PartyMeeting,
  PartyMeetingAttendance,
  PartyMember,
  PartyMemberStageChange,
  PartyOrganization,
  PartyOrganizationChange,
  PartyTrainingSession,
  PartyTransfer,
  PartyYearPlan,
} from '../entities/index.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** How many of each stage the demo committee has (≈120 records). */
const STAGE_PLAN: Array<[PartyMemberStage, number]> = [
  ['FULL_MEMBER', 98],
  ['PROBATIONARY', 6],
  ['DEVELOPMENT_TARGET', 4],
  ['ACTIVIST', 6],
  ['APPLICANT', 5],
];

/** Stage dates that satisfy the pipeline rules, counted back from the date the member reached `stage`. */
export function stageDates(
  random: SeededRandom,
  stage: PartyMemberStage,
  resident: DemoResident,
  today: string,
): StageDates & { probationExtendedUntil: string | null } {
  const age = ageOn(resident.birthDate, today);
  const dates: StageDates = {
    appliedOn: null,
    activistOn: null,
    developmentTargetOn: null,
    probationaryOn: null,
    fullMemberOn: null,
  };
  let probationaryOn: string;
  if (stage === 'FULL_MEMBER') {
    const joinAge = random.int(21, Math.max(21, Math.min(age - 2, 45)));
    probationaryOn = addDays(addYears(resident.birthDate, joinAge), random.int(0, 300));
    if (probationaryOn > addYears(today, -1)) probationaryOn = addDays(addYears(today, -1), -random.int(5, 300));
    const converted = addDays(addYears(probationaryOn, 1), random.int(0, 20));
    dates.fullMemberOn = converted < today ? converted : today;
  } else if (stage === 'PROBATIONARY') {
    probationaryOn = addDays(today, -random.int(30, 330));
  } else {
    probationaryOn = today;
  }
  const developmentTargetOn =
    stage === 'DEVELOPMENT_TARGET'
      ? addDays(today, -random.int(10, 200))
      : addDays(probationaryOn, -random.int(30, 120));
  const activistOn =
    stage === 'ACTIVIST'
      ? addDays(today, -random.int(20, 500))
      : addDays(addYears(developmentTargetOn, -1), -random.int(0, 90));
  const appliedOn =
    stage === 'APPLICANT' ? addDays(today, -random.int(10, 300)) : addDays(activistOn, -random.int(60, 200));
  const reached = STAGE_ORDER.indexOf(stage);
  if (reached >= 0) dates.appliedOn = appliedOn;
  if (reached >= 1) dates.activistOn = activistOn;
  if (reached >= 2) dates.developmentTargetOn = developmentTargetOn;
  if (reached >= 3) dates.probationaryOn = probationaryOn;
  return { ...dates, probationExtendedUntil: null };
}

interface SeedBranch {
  branch: PartyOrganization;
  groups: PartyOrganization[];
  members: PartyMember[];
}

/**
 * 中共莲秀社区委员会 (upgraded from 党总支 in 2010) with three branches of two groups each, ≈120 members drawn
 * from the demo residents (gender and birth date from there), their stage history, two years of 三会一课 with
 * attendance, transfers, 18 流动红旗岗 awards since 2010, 民主评议 grades, training sessions and year plans.
 * Written in one transaction: directly where the domain rules are checked here (no events: a fresh demo has no
 * subscribers to catch up), the red-flag history through the API's application functions.
 */
export async function seedPartybuildingDemo({ orm, logger, clock, outbox }: DemoSeedDependencies): Promise<void> {
  if ((await orm.em.fork().count(PartyOrganization, {})) > 0) return;
  // Dated relative to the seed's clock, so the demo is current whenever it is loaded.
  const today = communityDay(clock.now());
  const data = demoDataset();
  // The references every write checks: the demo's people, places and staff, as residents' events would state them.
  await seedReferenceProjection(orm.em.fork(), data, 'partybuilding');
  const communityId = data.community.code;
  const random = new SeededRandom('partybuilding-demo');
  const adults = random.shuffle(data.residents.filter((r) => ageOn(r.birthDate, today) >= 24));
  const young = adults.filter((r) => ageOn(r.birthDate, today) <= 45);
  const older = adults.filter((r) => ageOn(r.birthDate, today) > 45);

  await orm.em.fork().transactional(async (em) => {
    let changeIndex = 0;
    const change = (
      organization: PartyOrganization,
      kind: PartyOrganizationChange['kind'],
      changedOn: string,
      fromValue: string | null,
      toValue: string | null,
      note: string | null = null,
    ) =>
      em.create(PartyOrganizationChange, {
        id: demoId('party-organization-change', changeIndex++),
        communityId,
        organization,
        kind,
        changedOn,
        fromValue,
        toValue,
        note,
      });

    const committee = em.create(PartyOrganization, {
      id: demoId('party-organization', 0),
      communityId,
      name: '中共莲秀社区委员会',
      level: 'COMMITTEE',
      establishedOn: '2004-06-18',
    });
    change(committee, 'ESTABLISHED', '2004-06-18', null, '中共莲秀社区总支部委员会');
    change(
      committee,
      'LEVEL_CHANGED',
      '2010-03-26',
      'GENERAL_BRANCH',
      'COMMITTEE',
      '嘉莲街道党工委批复：社区党总支升格为社区党委',
    );
    change(committee, 'RENAMED', '2010-03-26', '中共莲秀社区总支部委员会', '中共莲秀社区委员会');

    const branchNames = ['莲秀社区第一党支部', '莲秀社区第二党支部', '莲秀社区第三党支部'];
    const branches: SeedBranch[] = branchNames.map((name, b) => {
      const branch = em.create(PartyOrganization, {
        id: demoId('party-organization', b + 1),
        communityId,
        name,
        level: 'BRANCH',
        parent: committee,
        establishedOn: b < 2 ? '2004-06-18' : '2012-07-01',
      });
      change(branch, 'ESTABLISHED', branch.establishedOn!, null, name);
      const groups = [1, 2].map((g) => {
        const group = em.create(PartyOrganization, {
          id: demoId('party-organization', 10 + b * 2 + g),
          communityId,
          name: `${name.slice(4)}第${g === 1 ? '一' : '二'}党小组`,
          level: 'GROUP',
          parent: branch,
          establishedOn: branch.establishedOn,
        });
        change(group, 'ESTABLISHED', group.establishedOn!, null, group.name);
        return group;
      });
      return { branch, groups, members: [] };
    });

    // members
    let index = 0;
    let stageChangeIndex = 0;
    const allMembers: PartyMember[] = [];
    const pickResident = (stage: PartyMemberStage) =>
      (stage === 'FULL_MEMBER' && random.chance(0.7) ? older : young).shift()!;
    for (const [stage, count] of STAGE_PLAN) {
      for (let i = 0; i < count; i++) {
        const resident = pickResident(stage);
        const age = ageOn(resident.birthDate, today);
        const dates = stageDates(random, stage, resident, today);
        if (stage === 'PROBATIONARY' && i === 0) {
          dates.probationaryOn = addDays(today, -random.int(370, 420));
          dates.developmentTargetOn = addDays(dates.probationaryOn, -60);
          dates.activistOn = addDays(addYears(dates.developmentTargetOn, -1), -30);
          dates.appliedOn = addDays(dates.activistOn, -120);
          dates.probationExtendedUntil =
            addYears(dates.probationaryOn, 1) < today ? addDays(addYears(dates.probationaryOn, 1), 180) : null;
        }
        checkStageHistory({ ...dates, stage, status: 'ACTIVE', birthDate: resident.birthDate }, today);
        const memberType: PartyMemberType =
          resident.residenceType === 'FLOATING'
            ? 'MOBILE'
            : age >= 60
              ? 'RETIRED'
              : random.chance(0.45)
                ? 'EMPLOYED_REPORTING'
                : 'COMMUNITY';
        const home = branches[index % 3];
        const member = em.create(PartyMember, {
          id: demoId('party-member', index),
          communityId,
          residentId: resident.id,
          branch: home.branch,
          group: home.groups[Math.floor(index / 3) % 2],
          stage,
          stageSince: dates[STAGE_DATE_FIELD[stage]]!,
          memberType,
          gender: resident.gender,
          birthDate: resident.birthDate,
          ...dates,
        });
        let from: PartyMemberStage | null = null;
        for (const reached of STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(stage) + 1)) {
          em.create(PartyMemberStageChange, {
            id: demoId('party-member-stage-change', stageChangeIndex++),
            member,
            kind: 'STAGE_CHANGED',
            fromStage: from,
            toStage: reached,
            changedOn: dates[STAGE_DATE_FIELD[reached]]!,
            note: from === null ? '递交入党申请书' : null,
          });
          from = reached;
        }
        if (dates.probationExtendedUntil) {
          em.create(PartyMemberStageChange, {
            id: demoId('party-member-stage-change', stageChangeIndex++),
            member,
            kind: 'PROBATION_EXTENDED',
            fromStage: 'PROBATIONARY',
            toStage: 'PROBATIONARY',
            changedOn: addYears(dates.probationaryOn!, 1),
            note: `延长至 ${dates.probationExtendedUntil}：预备期内参加组织生活较少`,
          });
        }
        home.members.push(member);
        allMembers.push(member);
        index += 1;
      }
    }
    const fullMembers = allMembers.filter((m) => m.stage === 'FULL_MEMBER');
    committee.secretaryResidentId = fullMembers[0].residentId;
    change(committee, 'SECRETARY_CHANGED', '2021-11-12', null, committee.secretaryResidentId, '社区党委换届选举');
    for (const [b, home] of branches.entries()) {
      home.branch.secretaryResidentId = home.members.find(
        (m) => m.stage === 'FULL_MEMBER' && m.id !== fullMembers[0].id,
      )!.residentId;
      change(home.branch, 'SECRETARY_CHANGED', '2021-10-20', null, home.branch.secretaryResidentId, '支部换届选举');
      for (const group of home.groups)
        group.secretaryResidentId =
          home.members.find((m) => m.group?.id === group.id && m.stage === 'FULL_MEMBER')?.residentId ?? null;
      if (b === 2) home.branch.name = '莲秀社区第三党支部（在职、流动党员）';
    }

    // transfers: three members who arrived, two who left, two in progress
    seedTransfers(em, communityId, random, branches, allMembers, [older.pop()!, older.pop()!, older.pop()!], today);
    seedMeetings(em, communityId, random, branches, today);
    await seedRedFlag(em, outbox, communityId, random, data.staff, today);
    seedServiceRecord(em, communityId, random, fullMembers, today);
  });
  logger.info('demo party organisations, members, meetings, transfers and red-flag history loaded');
}

/** `outsiders`: three residents with no membership record yet (two who left, one asking to come in). */
function seedTransfers(
  em: EntityManager,
  communityId: string,
  random: SeededRandom,
  branches: SeedBranch[],
  members: PartyMember[],
  outsiders: DemoResident[],
  today: string,
): void {
  let i = 0;
  const origins = [
    '中共湖里区殿前街道某社区委员会',
    '中共泉州市丰泽区东海街道某社区支部委员会',
    '中共集美区侨英街道某社区委员会',
  ];
  for (const member of members.filter((m) => m.stage === 'FULL_MEMBER').slice(-3)) {
    const completedOn = addDays(today, -random.int(40, 500));
    em.create(PartyTransfer, {
      id: demoId('party-transfer', i++),
      communityId,
      direction: 'IN',
      status: 'COMPLETED',
      memberId: member.id,
      residentId: member.residentId,
      branch: member.branch,
      externalOrganization: origins[i % origins.length],
      letterNumber: `组转〔${completedOn.slice(0, 4)}〕${pad(random.int(1, 99))}号`,
      requestedOn: addDays(completedOn, -21),
      sentOn: addDays(completedOn, -14),
      receivedOn: addDays(completedOn, -3),
      completedOn,
    });
  }
  // two who left: their records stay with status 已转出
  const leavers = outsiders.slice(0, 2);
  for (const [n, resident] of leavers.entries()) {
    const completedOn = addDays(today, -random.int(60, 600));
    const home = branches[n];
    const member = em.create(PartyMember, {
      id: demoId('party-member', 500 + n),
      communityId,
      residentId: resident.id,
      branch: home.branch,
      stage: 'FULL_MEMBER',
      stageSince: '2008-07-01',
      fullMemberOn: '2008-07-01',
      memberType: 'COMMUNITY',
      status: 'TRANSFERRED_OUT',
      gender: resident.gender,
      birthDate: resident.birthDate,
    });
    em.create(PartyTransfer, {
      id: demoId('party-transfer', i++),
      communityId,
      direction: 'OUT',
      status: 'COMPLETED',
      memberId: member.id,
      residentId: resident.id,
      branch: home.branch,
      externalOrganization: origins[n],
      letterNumber: `莲党转〔${completedOn.slice(0, 4)}〕${pad(n + 3)}号`,
      requestedOn: addDays(completedOn, -20),
      sentOn: addDays(completedOn, -18),
      receivedOn: addDays(completedOn, -5),
      completedOn,
    });
  }
  const waiting = members.find((m) => m.stage === 'FULL_MEMBER' && m.memberType === 'MOBILE') ?? members[10];
  em.create(PartyTransfer, {
    id: demoId('party-transfer', i++),
    communityId,
    direction: 'OUT',
    status: 'SENT',
    memberId: waiting.id,
    residentId: waiting.residentId,
    branch: waiting.branch,
    externalOrganization: '中共漳州市龙文区某街道工委',
    letterNumber: `莲党转〔${addDays(today, -17).slice(0, 4)}〕11号`,
    requestedOn: addDays(today, -20),
    sentOn: addDays(today, -17),
  });
  em.create(PartyTransfer, {
    id: demoId('party-transfer', i++),
    communityId,
    direction: 'IN',
    status: 'REQUESTED',
    residentId: outsiders[2].id,
    requestedOn: addDays(today, -4),
  });
}

const TOPICS: Record<PartyMeetingType, string[]> = {
  GENERAL_ASSEMBLY: ['学习贯彻党的二十届全会精神', '讨论接收预备党员', '民主评议党员', '支部年度工作总结'],
  COMMITTEE_MEETING: ['研究本月支部工作', '研究发展党员工作', '研究党费收缴和困难党员慰问'],
  GROUP_MEETING: ['学习党章党规', '交流志愿服务体会', '学习总书记重要讲话'],
  PARTY_LECTURE: [
    '党课：党史中的厦门',
    '党课：全心全意为人民服务',
    '党课：基层治理与网格化服务',
    '党课：党员的权利和义务',
  ],
  THEMED_PARTY_DAY: ['主题党日：社区环境清洁', '主题党日：走访慰问老党员', '主题党日：重温入党誓词'],
  ORGANIZATIONAL_LIFE: ['年度组织生活会'],
};

function seedMeetings(
  em: EntityManager,
  communityId: string,
  random: SeededRandom,
  branches: SeedBranch[],
  today: string,
): void {
  let meetingIndex = 0;
  let attendanceIndex = 0;
  const hold = (organization: PartyOrganization, type: PartyMeetingType, heldOn: string, attendees: PartyMember[]) => {
    if (heldOn >= today) return;
    const meeting = em.create(PartyMeeting, {
      id: demoId('party-meeting', meetingIndex++),
      communityId,
      organization,
      type,
      heldOn,
      topic: random.pick(TOPICS[type]),
      speaker: type === 'PARTY_LECTURE' ? random.pick(['社区党委书记', '区委党校讲师', '支部书记']) : null,
      minutes: `${heldOn} ${organization.name}召开${type === 'PARTY_LECTURE' ? '党课' : '会议'}，应到 ${attendees.length} 人。`,
    });
    for (const member of attendees) {
      const status: MeetingAttendanceStatus = random.weighted([
        ['PRESENT', member.memberType === 'MOBILE' ? 5 : 17],
        ['EXCUSED', 2],
        ['ABSENT', 1],
      ] as const);
      em.create(PartyMeetingAttendance, {
        id: demoId('party-meeting-attendance', attendanceIndex++),
        meeting,
        memberId: member.id,
        status,
      });
    }
  };
  const thisYear = Number(today.slice(0, 4));
  for (const year of [thisYear - 1, thisYear]) {
    for (const { branch, groups, members } of branches) {
      const active = members.filter((m) => m.stage === 'FULL_MEMBER' || m.stage === 'PROBATIONARY');
      const committeeMembers = active.slice(0, 5);
      for (let q = 0; q < 4; q++) {
        hold(branch, 'GENERAL_ASSEMBLY', `${year}-${pad(q * 3 + 2)}-${pad(random.int(5, 25))}`, active);
        if (!(year === thisYear - 1 && q === 2 && branch === branches[2].branch))
          hold(branch, 'PARTY_LECTURE', `${year}-${pad(q * 3 + 3)}-${pad(random.int(5, 25))}`, active);
      }
      for (let month = 1; month <= 12; month++) {
        if (!random.chance(0.1))
          hold(branch, 'COMMITTEE_MEETING', `${year}-${pad(month)}-${pad(random.int(2, 8))}`, committeeMembers);
        hold(branch, 'THEMED_PARTY_DAY', `${year}-${pad(month)}-${pad(random.int(9, 15))}`, []);
        for (const group of groups) {
          if (!random.chance(0.08))
            hold(
              group,
              'GROUP_MEETING',
              `${year}-${pad(month)}-${pad(random.int(16, 27))}`,
              active.filter((m) => m.group?.id === group.id),
            );
        }
      }
      hold(branch, 'ORGANIZATIONAL_LIFE', `${year}-01-${pad(random.int(10, 25))}`, active);
    }
  }
}

/**
 * The three departments that nominate a 流动红旗手 each month, and whose staff of the residents demo dataset they
 * pick from: 计生, 保障站 and 综治城管 — each only its own staff in post, as the API's rule has it (the nominee's
 * department in residents' record is the nominating department).
 */
export const RED_FLAG_NOMINATING_DEPARTMENTS: ReadonlyArray<readonly [Department, ReadonlyArray<Department>]> = [
  ['FAMILY_PLANNING', ['FAMILY_PLANNING']],
  ['SOCIAL_SECURITY', ['SOCIAL_SECURITY']],
  ['COMPREHENSIVE_GOVERNANCE', ['COMPREHENSIVE_GOVERNANCE']],
];

/**
 * 18 monthly awards since 2010 and this month's open nominations, nominees: staff of the residents demo dataset
 * (`demoDataset().staff`). Written through the API's own application functions (`nominateForRedFlag`,
 * `decideRedFlag`: the same period, nominee and decision rules, checked against the reference projection), dated as
 * of today; each award's red_flag.awarded goes to the outbox dated on its decision.
 */
async function seedRedFlag(
  em: EntityManager,
  outbox: Outbox,
  communityId: string,
  random: SeededRandom,
  staff: ReadonlyArray<DemoStaff>,
  today: string,
): Promise<void> {
  let occurredAt = new Date(`${RED_FLAG_FIRST_PERIOD}-01T00:00:00Z`);
  // each award's red_flag.awarded dated on its decision, as it would have been published then
  const uow: UnitOfWork = {
    em,
    events: {
      record: (definition, payload, options) =>
        outbox.add(em, definition, payload, {
          communityId: options?.communityId ?? communityId,
          actor: SYSTEM_ACTOR,
          correlationId: 'demo-seed',
          occurredAt,
        }),
    },
  };
  const periods = new Set<string>();
  while (periods.size < 18) {
    const period = `${random.int(2010, Number(today.slice(0, 4)))}-${pad(random.int(1, 12))}`;
    if (period >= RED_FLAG_FIRST_PERIOD && period < today.slice(0, 7)) periods.add(period);
  }
  const nominate = async (period: string) => {
    const nominees: string[] = [];
    for (const [department, pool] of RED_FLAG_NOMINATING_DEPARTMENTS) {
      const staffId = random.pick(staff.filter((s) => pool.includes(s.department))).id;
      await nominateForRedFlag(
        uow,
        { period, department, staffId, reason: '服务群众热情周到，主动上门服务' },
        communityId,
        today,
      );
      nominees.push(staffId);
    }
    return nominees;
  };
  for (const period of [...periods].sort()) {
    const winnerStaffId = random.pick(await nominate(period));
    occurredAt = startOfCommunityDay(`${period}-28`);
    await decideRedFlag(
      uow,
      { period, winnerStaffId, decidedOn: `${period}-28`, panel: '社区党委流动红旗岗评议小组' },
      communityId,
      today,
    );
  }
  // this month's nominations, not yet decided
  await nominate(today.slice(0, 7));
}

function seedServiceRecord(
  em: EntityManager,
  communityId: string,
  random: SeededRandom,
  fullMembers: PartyMember[],
  today: string,
): void {
  const thisYear = Number(today.slice(0, 4));
  for (const year of [thisYear - 1, thisYear])
    em.create(PartyYearPlan, {
      id: demoId('party-year-plan', year),
      communityId,
      year,
      recruitmentTarget: 5,
      trainingHeadcountTarget: 300,
    });
  let sessionIndex = 0;
  for (const year of [thisYear - 1, thisYear]) {
    for (const month of [3, 5, 7, 9, 11]) {
      const heldOn = `${year}-${pad(month)}-${pad(random.int(5, 25))}`;
      if (heldOn >= today) continue;
      em.create(PartyTrainingSession, {
        id: demoId('party-training-session', sessionIndex++),
        communityId,
        heldOn,
        title: random.pick(['党校现场教学：社区治理', '党校现场教学：红色教育基地', '党员冬训', '党员春训']),
        location: random.pick(['思明区委党校', '厦门破狱斗争旧址', '社区党群服务中心']),
        headCount: random.int(35, 70),
      });
    }
  }
  let appraisalIndex = 0;
  for (const member of fullMembers) {
    const grade: PartyAppraisalGrade = random.weighted([
      ['EXCELLENT', 2],
      ['QUALIFIED', 7],
      ['BASICALLY_QUALIFIED', 0.3],
    ] as const);
    checkAppraisalYear(member, thisYear - 1, today);
    em.create(PartyAppraisal, {
      id: demoId('party-appraisal', appraisalIndex++),
      communityId,
      memberId: member.id,
      year: thisYear - 1,
      grade,
    });
  }
}
