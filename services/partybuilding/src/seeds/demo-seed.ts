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
import { setYearPlan } from '../application/development-plan.js';
import { recordMeeting } from '../application/meetings.js';
import { advanceMemberStage, enrolMember, extendProbation, moveMember } from '../application/members.js';
import {
  changeOrganization,
  createOrganization,
  type ChangeOrganizationCommand,
  type CreateOrganizationCommand,
} from '../application/organizations.js';
import { decideRedFlag, nominateForRedFlag } from '../application/red-flag.js';
import { recordAppraisal, recordTrainingSession } from '../application/service-record.js';
import { advanceTransfer, requestTransfer, type AdvanceTransferCommand } from '../application/transfers.js';
import { STAGE_DATE_FIELD, STAGE_ORDER, type StageDates } from '../domain/development-pipeline.js';
import { RED_FLAG_FIRST_PERIOD } from '../domain/red-flag-selection.js';
import type { MeetingAttendanceStatus, PartyAppraisalGrade, PartyTransferStatus } from '../domain/vocabularies.js';
import { PartyMember, PartyOrganization } from '../entities/index.js';

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
  members: SeedMember[];
}

/** A member of the demo as planned (drawn in the order the dataset has always drawn them), then written. */
interface SeedMember {
  index: number;
  resident: DemoResident;
  stage: PartyMemberStage;
  dates: StageDates & { probationExtendedUntil: string | null };
  memberType: PartyMemberType;
  home: SeedBranch;
  group: PartyOrganization;
  /** Arrives by 组织关系转入 (its transfer completes the file) instead of being enrolled here. */
  arrives: boolean;
  entity?: PartyMember;
}

/**
 * The demo's unit of work: events dated on the step they describe (set `on` before each call), record ids those of
 * `@shequ/demo-data` (a kind's next index, or the one `pin` gives for the next record of that kind).
 */
class DemoWork implements UnitOfWork {
  readonly events: UnitOfWork['events'];
  private occurredAt = new Date(0);
  private readonly next = new Map<string, number>();
  private readonly pinned = new Map<string, number>();

  constructor(
    readonly em: EntityManager,
    outbox: Outbox,
    communityId: string,
  ) {
    this.events = {
      record: (definition, payload, options) =>
        outbox.add(em, definition, payload, {
          communityId: options?.communityId ?? communityId,
          actor: SYSTEM_ACTOR,
          correlationId: 'demo-seed',
          occurredAt: this.occurredAt,
        }),
    };
  }

  /** The community day the next calls act on (their events' time); returned for use as the calls' "today". */
  on(day: string): string {
    this.occurredAt = startOfCommunityDay(day);
    return day;
  }

  /**
   * Forgets the entities of the steps before (each application function flushed its own): the identity map stays
   * small, so each flush stays cheap (the functions load what they change by id, locked and refreshed).
   */
  forget(): void {
    this.em.clear();
  }

  at(instant: Date): void {
    this.occurredAt = instant;
  }

  pin(kind: string, index: number): void {
    this.pinned.set(kind, index);
  }

  readonly recordIds = (kind: string): string => {
    const pinned = this.pinned.get(kind);
    if (pinned !== undefined) {
      this.pinned.delete(kind);
      return demoId(kind, pinned);
    }
    const index = this.next.get(kind) ?? 0;
    this.next.set(kind, index + 1);
    return demoId(kind, index);
  };
}

/**
 * 中共莲秀社区委员会 with three branches of two groups each, ≈120 members drawn
 * from the demo residents (gender and birth date from residents' record), their stage history, two years of 三会一课
 * with attendance, transfers, 18 流动红旗岗 awards since 2010, 民主评议 grades, training sessions and year plans.
 * Written in one transaction through the API's own application functions (`createOrganization`, `enrolMember`,
 * `advanceMemberStage`, `requestTransfer` / `advanceTransfer`, `recordMeeting`, `nominateForRedFlag` /
 * `decideRedFlag`, `recordAppraisal` …), each step replayed on its own day: no rule of the API can be skipped, and
 * their events go to the outbox dated on the step.
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
    const uow = new DemoWork(em, outbox, communityId);
    const organization = async (index: number, command: CreateOrganizationCommand) => {
      uow.pin('party-organization', index);
      uow.on(command.establishedOn);
      return createOrganization(uow, command, communityId, today);
    };
    const change = (command: ChangeOrganizationCommand) => {
      uow.on(command.changedOn);
      return changeOrganization(uow, command, communityId, today);
    };

    // 2004: the 党委 and its first two branches; 2012: the third branch. (The demo had the committee founded as a
    // 党总支 and upgraded in 2010; the API refuses a 党总支 without a 党委 above it — ALLOWED_PARENTS — so no
    // write path can record that history: the committee is a 党委 from its founding.)
    const committee = await organization(0, {
      name: '中共莲秀社区委员会',
      level: 'COMMITTEE',
      establishedOn: '2004-06-18',
    });
    const branchNames = ['莲秀社区第一党支部', '莲秀社区第二党支部', '莲秀社区第三党支部'];
    const branches: SeedBranch[] = [];
    for (const [b, name] of branchNames.entries()) {
      const establishedOn = b < 2 ? '2004-06-18' : '2012-07-01';
      const branch = await organization(b + 1, { name, level: 'BRANCH', parentId: committee.id, establishedOn });
      const groups: PartyOrganization[] = [];
      for (const g of [1, 2])
        groups.push(
          await organization(10 + b * 2 + g, {
            name: `${name.slice(4)}第${g === 1 ? '一' : '二'}党小组`,
            level: 'GROUP',
            parentId: branch.id,
            establishedOn,
          }),
        );
      branches.push({ branch, groups, members: [] });
    }

    // members, drawn as the demo has always drawn them
    const planned: SeedMember[] = [];
    const pickResident = (stage: PartyMemberStage) =>
      (stage === 'FULL_MEMBER' && random.chance(0.7) ? older : young).shift()!;
    const fullMemberCount = STAGE_PLAN.find(([stage]) => stage === 'FULL_MEMBER')![1];
    for (const [stage, count] of STAGE_PLAN) {
      for (let i = 0; i < count; i++) {
        const index = planned.length;
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
        const memberType: PartyMemberType =
          resident.residenceType === 'FLOATING'
            ? 'MOBILE'
            : age >= 60
              ? 'RETIRED'
              : random.chance(0.45)
                ? 'EMPLOYED_REPORTING'
                : 'COMMUNITY';
        const home = branches[index % 3];
        const member: SeedMember = {
          index,
          resident,
          stage,
          dates,
          memberType,
          home,
          group: home.groups[Math.floor(index / 3) % 2],
          // the last three 正式党员 came to the community by transfer (see seedTransfers)
          arrives: stage === 'FULL_MEMBER' && i >= fullMemberCount - 3,
        };
        if (!member.arrives) member.entity = await enrol(uow, member, communityId);
        uow.forget();
        home.members.push(member);
        planned.push(member);
      }
    }

    // transfers: three members who arrived, two who left, two in progress
    await seedTransfers(uow, communityId, random, planned, [older.pop()!, older.pop()!, older.pop()!], today);

    const fullMembers = planned.filter((m) => m.stage === 'FULL_MEMBER');
    await change({
      organizationId: committee.id,
      secretaryResidentId: fullMembers[0].resident.id,
      changedOn: '2021-11-12',
      note: '社区党委换届选举',
    });
    for (const [b, home] of branches.entries()) {
      const secretary = home.members.find((m) => m.stage === 'FULL_MEMBER' && m !== fullMembers[0])!;
      await change({
        organizationId: home.branch.id,
        secretaryResidentId: secretary.resident.id,
        name: b === 2 ? '莲秀社区第三党支部（在职、流动党员）' : null,
        changedOn: '2021-10-20',
        note: '支部换届选举',
      });
      for (const group of home.groups) {
        const leader = home.members.find((m) => m.group === group && m.stage === 'FULL_MEMBER');
        if (leader)
          await change({
            organizationId: group.id,
            secretaryResidentId: leader.resident.id,
            changedOn: '2021-10-20',
            note: '支部换届选举',
          });
      }
    }

    await seedMeetings(uow, communityId, random, branches, today);
    await seedRedFlag(uow, communityId, random, data.staff, today);
    await seedServiceRecord(uow, communityId, random, fullMembers, today);
  });
  logger.info('demo party organisations, members, meetings, transfers and red-flag history loaded');
}

/**
 * A member's file as it grew: enrolled as 入党申请人 on the day they applied (`enrolMember`: the resident's facts from
 * residents, the 18-year rule), then each stage on its day (`advanceMemberStage`: the pipeline's waiting times), and a
 * probation extended when it fell due (`extendProbation`).
 */
async function enrol(uow: DemoWork, member: SeedMember, communityId: string): Promise<PartyMember> {
  const { dates } = member;
  uow.pin('party-member', member.index);
  const entity = await enrolMember(
    uow,
    {
      residentId: member.resident.id,
      branchId: member.home.branch.id,
      groupId: member.group.id,
      stage: 'APPLICANT',
      appliedOn: dates.appliedOn,
      memberType: member.memberType,
      note: '递交入党申请书',
    },
    communityId,
    uow.on(dates.appliedOn!),
  );
  for (const to of STAGE_ORDER.slice(1, STAGE_ORDER.indexOf(member.stage) + 1)) {
    const on = dates[STAGE_DATE_FIELD[to]]!;
    await advanceMemberStage(uow, { memberId: entity.id, to, on }, communityId, uow.on(on));
  }
  if (dates.probationExtendedUntil)
    await extendProbation(
      uow,
      { memberId: entity.id, until: dates.probationExtendedUntil, reason: '预备期内参加组织生活较少' },
      communityId,
      uow.on(addYears(dates.probationaryOn!, 1)),
    );
  return entity;
}

/**
 * Replayed through the transfer workflow (`requestTransfer`, `advanceTransfer` step by step, each on its day):
 * three members who arrived (their files begin with the completed transfer in), two who left, one letter sent, one
 * request to come in. `outsiders`: three residents with no membership record yet (two who left, one asking to come in).
 */
async function seedTransfers(
  uow: DemoWork,
  communityId: string,
  random: SeededRandom,
  members: SeedMember[],
  outsiders: DemoResident[],
  today: string,
): Promise<void> {
  const origins = [
    '中共湖里区殿前街道某社区委员会',
    '中共泉州市丰泽区东海街道某社区支部委员会',
    '中共集美区侨英街道某社区委员会',
  ];
  const step = (transferId: string, to: PartyTransferStatus, on: string, more: Partial<AdvanceTransferCommand> = {}) =>
    advanceTransfer(uow, { transferId, to, on, ...more }, communityId, uow.on(on));
  let n = 0;
  for (const member of members.filter((m) => m.arrives)) {
    n += 1;
    const completedOn = addDays(today, -random.int(40, 500));
    const requestedOn = addDays(completedOn, -21);
    const transfer = await requestTransfer(
      uow,
      {
        direction: 'IN',
        residentId: member.resident.id,
        branchId: member.home.branch.id,
        externalOrganization: origins[n % origins.length],
        letterNumber: `组转〔${completedOn.slice(0, 4)}〕${pad(random.int(1, 99))}号`,
        requestedOn,
      },
      communityId,
      uow.on(requestedOn),
    );
    await step(transfer.id, 'SENT', addDays(completedOn, -14));
    await step(transfer.id, 'RECEIVED', addDays(completedOn, -3));
    uow.pin('party-member', member.index);
    await step(transfer.id, 'COMPLETED', completedOn, { stage: 'FULL_MEMBER', memberType: member.memberType });
    member.entity = await moveMember(
      uow,
      { memberId: transfer.memberId!, branchId: member.home.branch.id, groupId: member.group.id },
      communityId,
    );
  }
  // two who left: their records stay with status 已转出
  for (const [i, resident] of outsiders.slice(0, 2).entries()) {
    const completedOn = addDays(today, -random.int(60, 600));
    uow.pin('party-member', 500 + i);
    const member = await enrolMember(
      uow,
      {
        residentId: resident.id,
        branchId: members[i].home.branch.id,
        stage: 'FULL_MEMBER',
        fullMemberOn: '2008-07-01',
        memberType: 'COMMUNITY',
      },
      communityId,
      uow.on('2008-07-01'),
    );
    const requestedOn = addDays(completedOn, -20);
    const transfer = await requestTransfer(
      uow,
      {
        direction: 'OUT',
        memberId: member.id,
        externalOrganization: origins[i],
        letterNumber: `莲党转〔${completedOn.slice(0, 4)}〕${pad(i + 3)}号`,
        requestedOn,
      },
      communityId,
      uow.on(requestedOn),
    );
    await step(transfer.id, 'SENT', addDays(completedOn, -18));
    await step(transfer.id, 'RECEIVED', addDays(completedOn, -5));
    await step(transfer.id, 'COMPLETED', completedOn);
  }
  const waiting = members.find((m) => m.stage === 'FULL_MEMBER' && m.memberType === 'MOBILE') ?? members[10];
  const sent = await requestTransfer(
    uow,
    {
      direction: 'OUT',
      memberId: waiting.entity!.id,
      externalOrganization: '中共漳州市龙文区某街道工委',
      letterNumber: `莲党转〔${addDays(today, -17).slice(0, 4)}〕11号`,
      requestedOn: addDays(today, -20),
    },
    communityId,
    uow.on(addDays(today, -20)),
  );
  await step(sent.id, 'SENT', addDays(today, -17));
  await requestTransfer(
    uow,
    { direction: 'IN', residentId: outsiders[2].id, requestedOn: addDays(today, -4) },
    communityId,
    uow.on(addDays(today, -4)),
  );
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

async function seedMeetings(
  uow: DemoWork,
  communityId: string,
  random: SeededRandom,
  branches: SeedBranch[],
  today: string,
): Promise<void> {
  // recorded through recordMeeting (who may hold which meeting, attendance only of members on the register)
  const hold = async (
    organization: PartyOrganization,
    type: PartyMeetingType,
    heldOn: string,
    attendees: SeedMember[],
    draw: SeededRandom = random,
  ) => {
    if (heldOn >= today) return;
    const topic = random.pick(TOPICS[type]);
    const speaker = type === 'PARTY_LECTURE' ? random.pick(['社区党委书记', '区委党校讲师', '支部书记']) : null;
    const attendance = attendees.map(({ entity, memberType }) => ({
      memberId: entity!.id,
      status: draw.weighted<MeetingAttendanceStatus>([
        ['PRESENT', memberType === 'MOBILE' ? 5 : 17],
        ['EXCUSED', 2],
        ['ABSENT', 1],
      ]),
    }));
    // a meeting nobody came to (a small group's members all away) was not held: recordMeeting would refuse it
    if (!attendance.some((a) => a.status === 'PRESENT')) return;
    await recordMeeting(
      uow,
      {
        organizationId: organization.id,
        type,
        heldOn,
        topic,
        speaker,
        minutes: `${heldOn} ${organization.name}召开${type === 'PARTY_LECTURE' ? '党课' : '会议'}，应到 ${attendees.length} 人。`,
        attendance,
      },
      communityId,
      uow.on(heldOn),
    );
    uow.forget();
  };
  // who came to each 主题党日 (the branch's members on the register, as to its 党员大会): drawn from a stream of
  // their own, so that giving these days their attendance left the other meetings, dates and draws as they were
  const themedDay = new SeededRandom(`${communityId}:themed-party-day`);
  const thisYear = Number(today.slice(0, 4));
  for (const year of [thisYear - 1, thisYear]) {
    for (const { branch, groups, members } of branches) {
      const active = members.filter((m) => m.stage === 'FULL_MEMBER' || m.stage === 'PROBATIONARY');
      const committeeMembers = active.slice(0, 5);
      for (let q = 0; q < 4; q++) {
        await hold(branch, 'GENERAL_ASSEMBLY', `${year}-${pad(q * 3 + 2)}-${pad(random.int(5, 25))}`, active);
        if (!(year === thisYear - 1 && q === 2 && branch === branches[2].branch))
          await hold(branch, 'PARTY_LECTURE', `${year}-${pad(q * 3 + 3)}-${pad(random.int(5, 25))}`, active);
      }
      for (let month = 1; month <= 12; month++) {
        if (!random.chance(0.1))
          await hold(branch, 'COMMITTEE_MEETING', `${year}-${pad(month)}-${pad(random.int(2, 8))}`, committeeMembers);
        await hold(branch, 'THEMED_PARTY_DAY', `${year}-${pad(month)}-${pad(random.int(9, 15))}`, active, themedDay);
        for (const group of groups) {
          if (!random.chance(0.08))
            await hold(
              group,
              'GROUP_MEETING',
              `${year}-${pad(month)}-${pad(random.int(16, 27))}`,
              active.filter((m) => m.group === group),
            );
        }
      }
      await hold(branch, 'ORGANIZATIONAL_LIFE', `${year}-01-${pad(random.int(10, 25))}`, active);
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
  uow: DemoWork,
  communityId: string,
  random: SeededRandom,
  staff: ReadonlyArray<DemoStaff>,
  today: string,
): Promise<void> {
  uow.at(new Date(`${RED_FLAG_FIRST_PERIOD}-01T00:00:00Z`));
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
    // each award's red_flag.awarded dated on its decision, as it would have been published then
    uow.on(`${period}-28`);
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

/** Year plans (`setYearPlan`), training sessions (`recordTrainingSession`) and last year's 民主评议 (`recordAppraisal`). */
async function seedServiceRecord(
  uow: DemoWork,
  communityId: string,
  random: SeededRandom,
  fullMembers: SeedMember[],
  today: string,
): Promise<void> {
  const thisYear = Number(today.slice(0, 4));
  for (const year of [thisYear - 1, thisYear])
    await setYearPlan(uow.em, { year, recruitmentTarget: 5, trainingHeadcountTarget: 300 }, communityId);
  for (const year of [thisYear - 1, thisYear]) {
    for (const month of [3, 5, 7, 9, 11]) {
      const heldOn = `${year}-${pad(month)}-${pad(random.int(5, 25))}`;
      if (heldOn >= today) continue;
      const title = random.pick(['党校现场教学：社区治理', '党校现场教学：红色教育基地', '党员冬训', '党员春训']);
      const location = random.pick(['思明区委党校', '厦门破狱斗争旧址', '社区党群服务中心']);
      const headCount = random.int(35, 70);
      await recordTrainingSession(uow, { heldOn, title, location, headCount }, communityId, uow.on(heldOn));
    }
  }
  // appraised at the turn of the year (today for the demo: the API takes a past year's grade any day after it)
  uow.on(today);
  for (const member of fullMembers) {
    const grade: PartyAppraisalGrade = random.weighted([
      ['EXCELLENT', 2],
      ['QUALIFIED', 7],
      ['BASICALLY_QUALIFIED', 0.3],
    ] as const);
    await recordAppraisal(uow, { memberId: member.entity!.id, year: thisYear - 1, grade }, communityId, today);
  }
}
