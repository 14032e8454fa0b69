import { addYears, ageOn, isIsoDate, labelOf, PartyMemberStages, type PartyMemberStage } from '@shequ/contracts';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import { PartyMemberStatuses, type PartyMemberStatus } from './vocabularies.js';

/**
 * 党员发展流程 (the development pipeline): 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员.
 * One table of the allowed stage changes with the rule each one must satisfy.
 */
export const STAGE_ORDER: readonly PartyMemberStage[] = [
  'APPLICANT',
  'ACTIVIST',
  'DEVELOPMENT_TARGET',
  'PROBATIONARY',
  'FULL_MEMBER',
];

/** Minimum age to apply (党章: 年满十八岁). */
export const MINIMUM_APPLICATION_AGE = 18;

/** The answer to a second file of one resident (also when the unique index answers a race). */
export function memberFileExistsMessage(residentId: string | undefined): string {
  return residentId ? `居民 ${residentId} 已有党员档案` : '该居民已有党员档案';
}
/** 积极分子 are trained and observed at least one year before becoming 发展对象. */
export const ACTIVIST_MINIMUM_YEARS = 1;
/** 预备期 one year; it may be extended once, by at most one year. */
export const PROBATION_YEARS = 1;
export const MAXIMUM_EXTENSION_YEARS = 1;

export interface StageDates {
  appliedOn: string | null;
  activistOn: string | null;
  developmentTargetOn: string | null;
  probationaryOn: string | null;
  fullMemberOn: string | null;
}

export const STAGE_DATE_FIELD: Record<PartyMemberStage, keyof StageDates> = {
  APPLICANT: 'appliedOn',
  ACTIVIST: 'activistOn',
  DEVELOPMENT_TARGET: 'developmentTargetOn',
  PROBATIONARY: 'probationaryOn',
  FULL_MEMBER: 'fullMemberOn',
};

export interface PipelineMember extends StageDates {
  stage: PartyMemberStage;
  status: PartyMemberStatus;
  birthDate: string | null;
  probationExtendedUntil: string | null;
}

/** Allowed changes: from → to, with the earliest date the change may take effect. */
export const STAGE_TRANSITIONS: ReadonlyArray<{
  from: PartyMemberStage;
  to: PartyMemberStage;
  earliest: (m: PipelineMember) => string;
  rule: string;
}> = [
  { from: 'APPLICANT', to: 'ACTIVIST', earliest: (m) => m.appliedOn!, rule: '确定为入党积极分子不得早于递交入党申请' },
  {
    from: 'ACTIVIST',
    to: 'DEVELOPMENT_TARGET',
    earliest: (m) => addYears(m.activistOn!, ACTIVIST_MINIMUM_YEARS),
    rule: '入党积极分子须经一年以上培养考察才能列为发展对象',
  },
  {
    from: 'DEVELOPMENT_TARGET',
    to: 'PROBATIONARY',
    earliest: (m) => m.developmentTargetOn!,
    rule: '接收为预备党员不得早于列为发展对象',
  },
  {
    from: 'PROBATIONARY',
    to: 'FULL_MEMBER',
    earliest: (m) => probationEndsOn(m)!,
    rule: '预备期满一年（延长的须满延长期）才能转为正式党员',
  },
];

export function probationEndsOn(
  member: Pick<PipelineMember, 'probationaryOn' | 'probationExtendedUntil'>,
): string | null {
  if (!member.probationaryOn) return null;
  return member.probationExtendedUntil ?? addYears(member.probationaryOn, PROBATION_YEARS);
}

function requireDate(field: string, value: string): void {
  if (!isIsoDate(value)) throw new InvalidInputError(field, `日期格式应为 YYYY-MM-DD，收到 ${value}`);
}

function requireNotFuture(field: string, value: string, today: string): void {
  if (value > today) throw new InvalidInputError(field, `日期 ${value} 晚于今天 ${today}`);
}

/**
 * How a refusal of the age rule may word the person's age: with it (the caller reads birth dates raw), or only that
 * the rule is not met — to a caller without the birth date, the age on a date it chose would be the birth date by
 * bisection. Default without.
 */
export interface AgeRuleWording {
  ageShown?: boolean;
}

function underAgeMessage(on: string | null, age: number, wording: AgeRuleWording): string {
  const rule = `申请入党须年满 ${MINIMUM_APPLICATION_AGE} 周岁`;
  const when = on ? `${on} 时` : '申请时';
  if (!wording.ageShown) return `${rule}：${when}该居民未满 ${MINIMUM_APPLICATION_AGE} 周岁`;
  return on ? `${rule}，${on} 时该居民 ${age} 岁` : `${rule}（申请时 ${age} 岁）`;
}

/** A new 入党申请人: applied on a real date, not in the future, at least 18 years old on that day. */
export function checkApplication(
  input: { appliedOn: string; birthDate: string | null },
  today: string,
  wording: AgeRuleWording = {},
): void {
  requireDate('appliedOn', input.appliedOn);
  requireNotFuture('appliedOn', input.appliedOn, today);
  if (input.birthDate !== null) {
    requireDate('birthDate', input.birthDate);
    if (input.birthDate >= input.appliedOn) {
      // born after the day: to a caller without the birth date, the same answer as any other under-age one
      if (!wording.ageShown) throw new InvalidInputError('appliedOn', underAgeMessage(null, 0, wording));
      throw new InvalidInputError('birthDate', '出生日期须早于申请日期');
    }
    const age = ageOn(input.birthDate, input.appliedOn);
    if (age < MINIMUM_APPLICATION_AGE) throw new InvalidInputError('appliedOn', underAgeMessage(null, age, wording));
  }
}

/**
 * A 预备党员 arriving by transfer brings the day they were admitted: required (their probation of a year runs from
 * it), a real date not after their arrival, at least 18 years after their birth.
 */
export function checkArrivingProbation(
  input: { probationaryOn: string | null; birthDate: string | null },
  arrivedOn: string,
): string {
  const on = input.probationaryOn;
  if (!on) throw new InvalidInputError('probationaryOn', '转入预备党员须填写接收为预备党员的日期（预备期自此起算）');
  requireDate('probationaryOn', on);
  if (on > arrivedOn)
    throw new InvalidInputError('probationaryOn', `接收为预备党员的日期 ${on} 不得晚于转入办结日期 ${arrivedOn}`);
  if (input.birthDate && ageOn(input.birthDate, on) < MINIMUM_APPLICATION_AGE)
    throw new InvalidInputError('probationaryOn', `${on} 时该居民未满 ${MINIMUM_APPLICATION_AGE} 周岁`);
  return on;
}

/** Checks one step along the pipeline; returns the field to stamp with `on`. */
export function checkStageChange(
  member: PipelineMember,
  to: PartyMemberStage,
  on: string,
  today: string,
): keyof StageDates {
  if (member.status !== 'ACTIVE')
    throw new ConflictError(`党员当前状态为「${labelOf(PartyMemberStatuses, member.status)}」，不能变更发展阶段`);
  requireDate('on', on);
  requireNotFuture('on', on, today);
  const transition = STAGE_TRANSITIONS.find((t) => t.from === member.stage && t.to === to);
  if (!transition) {
    throw new ConflictError(
      `当前阶段为「${labelOf(PartyMemberStages, member.stage)}」，不能变更为「${labelOf(PartyMemberStages, to)}」：须按 入党申请人→入党积极分子→发展对象→预备党员→正式党员 依次进行`,
    );
  }
  const earliest = transition.earliest(member);
  if (!earliest)
    throw new ConflictError(
      `档案缺少「${labelOf(PartyMemberStages, member.stage)}」阶段的日期，无法核对「${transition.rule}」，不能变更阶段`,
    );
  if (on < earliest) throw new InvalidInputError('on', `${transition.rule}（最早 ${earliest}）`);
  return STAGE_DATE_FIELD[to];
}

/** 延长预备期: only a 预备党员, once, to a date after the normal end and at most one year past it. */
export function checkProbationExtension(member: PipelineMember, until: string): void {
  requireDate('until', until);
  if (member.status !== 'ACTIVE' || member.stage !== 'PROBATIONARY')
    throw new ConflictError(`当前阶段为「${labelOf(PartyMemberStages, member.stage)}」，只有预备党员可以延长预备期`);
  if (member.probationExtendedUntil)
    throw new ConflictError(`预备期已延长至 ${member.probationExtendedUntil}，只能延长一次`);
  if (!member.probationaryOn) throw new ConflictError('档案缺少接收为预备党员的日期，无法核对预备期，不能延长');
  const normalEnd = addYears(member.probationaryOn, PROBATION_YEARS);
  if (until <= normalEnd) throw new InvalidInputError('until', `延长后的预备期须晚于原预备期满日 ${normalEnd}`);
  const latest = addYears(normalEnd, MAXIMUM_EXTENSION_YEARS);
  if (until > latest) throw new InvalidInputError('until', `预备期延长不得超过一年（最晚 ${latest}）`);
}

/** 取消预备党员资格: only a 预备党员, on a day within the probation. */
export function checkProbationCancellation(member: PipelineMember, on: string, today: string): void {
  requireDate('on', on);
  requireNotFuture('on', on, today);
  if (member.status !== 'ACTIVE' || member.stage !== 'PROBATIONARY')
    throw new ConflictError(
      `当前阶段为「${labelOf(PartyMemberStages, member.stage)}」，只有预备党员可以取消预备党员资格`,
    );
  if (on < member.probationaryOn!)
    throw new InvalidInputError('on', `取消日期不得早于接收为预备党员的日期 ${member.probationaryOn}`);
}

/**
 * A whole history at once (members recorded with their past, e.g. when seeding or transferring in):
 * the dates of the stages reached are all present, in order and consistent with the rules above.
 */
export function checkStageHistory(member: PipelineMember, today: string, wording: AgeRuleWording = {}): void {
  const reached = STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(member.stage) + 1);
  const field = (stage: PartyMemberStage) => STAGE_DATE_FIELD[stage];
  for (const stage of STAGE_ORDER) {
    const value = member[field(stage)];
    if (reached.includes(stage) && stage !== 'APPLICANT' && !value && member.stage !== 'FULL_MEMBER') {
      throw new InvalidInputError(
        field(stage),
        `已到「${labelOf(PartyMemberStages, stage)}」阶段，须填写该阶段日期（${field(stage)}）`,
      );
    }
    if (!reached.includes(stage) && value)
      throw new InvalidInputError(
        field(stage),
        `尚未到「${labelOf(PartyMemberStages, stage)}」阶段，不应有该阶段日期（${field(stage)}）`,
      );
    if (value) {
      requireDate(field(stage), value);
      requireNotFuture(field(stage), value, today);
    }
  }
  if (member.stage === 'FULL_MEMBER' && !member.fullMemberOn)
    throw new InvalidInputError('fullMemberOn', '正式党员须填写转正日期');
  if (member.appliedOn) checkApplication({ appliedOn: member.appliedOn, birthDate: member.birthDate }, today, wording);
  else if (member.birthDate) {
    // Without the application date, the earliest stage given stands for it: no stage before the 18th birthday.
    const first = STAGE_ORDER.map(field).find((f) => member[f]);
    const on = first ? member[first] : null;
    const age = first && on ? ageOn(member.birthDate, on) : null;
    if (first && on && age !== null && age < MINIMUM_APPLICATION_AGE)
      throw new InvalidInputError(first, underAgeMessage(on, age, wording));
  }
  let previous: { stage: PartyMemberStage; on: string } | null = null;
  for (const stage of reached) {
    const on = member[field(stage)];
    if (!on) continue;
    if (previous) {
      const transition = STAGE_TRANSITIONS.find((t) => t.to === stage)!;
      const partial = { ...member, stage: transition.from, [field(previous.stage)]: previous.on };
      const earliest = previous.stage === transition.from ? transition.earliest(partial) : previous.on;
      if (on < earliest) throw new InvalidInputError(field(stage), `${transition.rule}（最早 ${earliest}）`);
    }
    previous = { stage, on };
  }
}
