import {
  Genders,
  labelOf,
  MemberStageChanged,
  type Gender,
  type PartyMemberStage,
  type PartyMemberType,
} from '@shequ/contracts';
import { forUpdate } from '@shequ/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import { newRecordId, requireReference, type PersonalDataReader, type UnitOfWork } from '@shequ/subgraph';
import {
  checkApplication,
  checkProbationCancellation,
  checkProbationExtension,
  checkStageChange,
  checkStageHistory,
  memberFileExistsMessage,
  STAGE_DATE_FIELD,
  type StageDates,
} from '../domain/development-pipeline.js';
import { checkMemberAliveOn } from '../domain/member-death.js';
import { checkMemberMovable, checkMemberPlacement } from '../domain/organization-tree.js';
import { PartyMember, PartyMemberStageChange, PartyOrganization } from '../entities/index.js';
import { loadOrganization } from './organizations.js';

/**
 * A member about to be changed, its row locked for the rest of the transaction (PostgreSQL `FOR UPDATE`; SQLite
 * serialises writers): two concurrent changes of one member are checked one after the other, never both against
 * the same old state.
 */
export async function loadMember(uow: UnitOfWork, id: string, communityId: string): Promise<PartyMember> {
  const member = await uow.em.findOne(PartyMember, { id, communityId }, { ...forUpdate(uow.em), refresh: true });
  if (!member) throw new NotFoundError('PartyMember', id);
  return member;
}

async function placement(uow: UnitOfWork, branchId: string, groupId: string | null | undefined, communityId: string) {
  const branch = await loadOrganization(uow, branchId, communityId, 'branchId');
  const group = groupId ? await loadOrganization(uow, groupId, communityId, 'groupId') : null;
  checkMemberPlacement(branch, group ? { level: group.level, parentId: group.parent?.id ?? null } : null);
  return { branch, group };
}

export interface EnrolMemberCommand extends Partial<StageDates> {
  residentId: string;
  branchId: string;
  groupId?: string | null;
  stage?: PartyMemberStage | null;
  memberType?: PartyMemberType | null;
  /** Deprecated inputs: residents' facts; a value given must agree with the resident's record. */
  gender?: Gender | null;
  birthDate?: string | null;
  probationExtendedUntil?: string | null;
  /** The note of the file's first history entry (default 建档). */
  note?: string | null;
  /**
   * Whether the caller may read the exact birth date (its `birthDate` raw). Without it a birth date given is refused
   * whatever its value and the record's is never named: telling a match from a mismatch would let party affairs
   * (birth date withheld, ID number masked) find a resident's birth date — digits 7–14 of the ID number — by trying
   * dates; and the 18-year rule refuses without the age (the age on a chosen date would give it too). Default false.
   */
  callerReadsBirthDate?: boolean;
}

/**
 * A fact of the person that residents owns (gender, birth date), given by the caller as well: refused when it
 * contradicts residents' record (or residents has none to check it against); the record's value is what is kept.
 */
function checkCallerFact(
  field: 'gender' | 'birthDate',
  given: string | null | undefined,
  recorded: string | null,
  label: (value: string) => string,
  callerReadsRecord = true,
): void {
  if (given === null || given === undefined) return;
  const name = field === 'gender' ? '性别' : '出生日期';
  if (!callerReadsRecord) throw new InvalidInputError(field, `${name}取自居民服务的登记，不能由建档填写：请不填该字段`);
  if (given === recorded) return;
  throw new InvalidInputError(
    field,
    recorded === null
      ? `居民档案没有${name}记录，不能由建档填写：${name}以居民服务的登记为准`
      : `填写的${name}「${label(given)}」与居民档案的「${label(recorded)}」不一致：${name}以居民服务的登记为准，可不填`,
  );
}

/**
 * Where a rule evaluated on a resident's personal field for the caller is recorded (the request's `ctx.pii`): the
 * audit trail of that resident shows the use. Seeds and jobs, acting for nobody, pass none.
 */
export type RuleUses = Pick<PersonalDataReader, 'usedByRule'>;

/**
 * Records a resident in the pipeline: a new 入党申请人 (only `appliedOn`), or a member with their past
 * (stage and the dates of the stages reached, checked as one history). Publishes member.stage_changed.
 */
export async function enrolMember(
  uow: UnitOfWork,
  command: EnrolMemberCommand,
  communityId: string,
  today: string,
  options: { publish?: boolean; pii?: RuleUses } = {},
): Promise<PartyMember> {
  const stage = command.stage ?? 'APPLICANT';
  // The resident and their birth date come from residents' facts (the projection), never from the caller.
  const resident = await requireReference(uow.em, {
    kind: 'RESIDENT',
    id: command.residentId,
    field: 'residentId',
    communityId,
  });
  const birthDate = resident.birthDate;
  // so are their gender (kept in partybuilding's projection from resident.registered): a caller's value that
  // contradicts residents' is refused, never stored
  const gender = resident.gender as Gender | null;
  checkCallerFact('gender', command.gender, gender, (value) => labelOf(Genders, value as Gender));
  // a caller who reads birth dates has the one it gave compared with the record, which a mismatch names: a read
  if (birthDate !== null && command.birthDate != null && command.callerReadsBirthDate)
    options.pii?.usedByRule(resident, 'birthDate');
  checkCallerFact('birthDate', command.birthDate, birthDate, (value) => value, command.callerReadsBirthDate ?? false);
  const dates: StageDates = {
    appliedOn: command.appliedOn ?? null,
    activistOn: command.activistOn ?? null,
    developmentTargetOn: command.developmentTargetOn ?? null,
    probationaryOn: command.probationaryOn ?? null,
    fullMemberOn: command.fullMemberOn ?? null,
  };
  // the 18-year rule decides on the birth date for the caller: its use is in the resident's audit trail, and its
  // refusal gives the age only to a caller who reads the birth date
  if (birthDate !== null) options.pii?.usedByRule(resident, 'birthDate');
  const wording = { ageShown: command.callerReadsBirthDate ?? false };
  if (stage === 'APPLICANT') {
    if (!dates.appliedOn) throw new InvalidInputError('appliedOn', '入党申请人须填写申请日期');
    checkApplication({ appliedOn: dates.appliedOn, birthDate }, today, wording);
  }
  checkStageHistory(
    {
      ...dates,
      stage,
      status: 'ACTIVE',
      birthDate,
      probationExtendedUntil: command.probationExtendedUntil ?? null,
    },
    today,
    wording,
  );
  const { branch, group } = await placement(uow, command.branchId, command.groupId, communityId);
  if (await uow.em.count(PartyMember, { residentId: command.residentId }))
    throw new ConflictError(memberFileExistsMessage(command.residentId));
  const stageSince = dates[STAGE_DATE_FIELD[stage]]!;
  const member = uow.em.create(PartyMember, {
    id: newRecordId(uow, 'party-member'),
    communityId,
    residentId: command.residentId,
    branch,
    group,
    stage,
    stageSince,
    memberType: command.memberType ?? 'COMMUNITY',
    gender,
    birthDate,
    ...dates,
    probationExtendedUntil: command.probationExtendedUntil ?? null,
  });
  uow.em.create(PartyMemberStageChange, {
    id: newRecordId(uow, 'party-member-stage-change'),
    member,
    kind: 'STAGE_CHANGED',
    fromStage: null,
    toStage: stage,
    changedOn: stageSince,
    note: command.note ?? '建档',
  });
  if (options.publish !== false) {
    uow.events.record(MemberStageChanged, {
      memberId: member.id,
      residentId: member.residentId,
      organizationId: branch.id,
      from: null,
      to: stage,
      changedOn: stageSince,
    });
  }
  await uow.em.flush();
  return member;
}

/** One step along the pipeline (the rules are in domain/development-pipeline). */
export async function advanceMemberStage(
  uow: UnitOfWork,
  command: { memberId: string; to: PartyMemberStage; on: string; note?: string | null },
  communityId: string,
  today: string,
): Promise<PartyMember> {
  const member = await loadMember(uow, command.memberId, communityId);
  const field = checkStageChange(member, command.to, command.on, today);
  checkMemberAliveOn(member, command.on, 'on', '变更其发展阶段');
  const from = member.stage;
  member[field] = command.on;
  member.stage = command.to;
  member.stageSince = command.on;
  uow.em.create(PartyMemberStageChange, {
    id: newRecordId(uow, 'party-member-stage-change'),
    member,
    kind: 'STAGE_CHANGED',
    fromStage: from,
    toStage: command.to,
    changedOn: command.on,
    note: command.note ?? null,
  });
  uow.events.record(MemberStageChanged, {
    memberId: member.id,
    residentId: member.residentId,
    organizationId: member.branch.id,
    from,
    to: command.to,
    changedOn: command.on,
  });
  await uow.em.flush();
  return member;
}

export async function extendProbation(
  uow: UnitOfWork,
  command: { memberId: string; until: string; reason: string },
  communityId: string,
  today: string,
): Promise<PartyMember> {
  if (!command.reason.trim()) throw new InvalidInputError('reason', '延长预备期须写明理由');
  const member = await loadMember(uow, command.memberId, communityId);
  checkProbationExtension(member, command.until);
  checkMemberAliveOn(member, today, 'memberId', '延长其预备期');
  member.probationExtendedUntil = command.until;
  uow.em.create(PartyMemberStageChange, {
    id: newRecordId(uow, 'party-member-stage-change'),
    member,
    kind: 'PROBATION_EXTENDED',
    fromStage: 'PROBATIONARY',
    toStage: 'PROBATIONARY',
    changedOn: today,
    note: `延长至 ${command.until}：${command.reason.trim()}`,
  });
  await uow.em.flush();
  return member;
}

export async function cancelProbation(
  uow: UnitOfWork,
  command: { memberId: string; on: string; reason: string },
  communityId: string,
  today: string,
): Promise<PartyMember> {
  if (!command.reason.trim()) throw new InvalidInputError('reason', '取消预备党员资格须写明理由');
  const member = await loadMember(uow, command.memberId, communityId);
  checkProbationCancellation(member, command.on, today);
  checkMemberAliveOn(member, command.on, 'on', '取消其预备党员资格');
  member.status = 'PROBATION_CANCELLED';
  member.probationCancelledOn = command.on;
  uow.em.create(PartyMemberStageChange, {
    id: newRecordId(uow, 'party-member-stage-change'),
    member,
    kind: 'PROBATION_CANCELLED',
    fromStage: 'PROBATIONARY',
    toStage: 'PROBATIONARY',
    changedOn: command.on,
    note: command.reason.trim(),
  });
  await uow.em.flush();
  return member;
}

/** 调整所在支部/党小组 (still exactly one branch). */
export async function moveMember(
  uow: UnitOfWork,
  command: { memberId: string; branchId: string; groupId?: string | null },
  communityId: string,
): Promise<PartyMember> {
  const member = await loadMember(uow, command.memberId, communityId);
  checkMemberMovable(member);
  const { branch, group } = await placement(uow, command.branchId, command.groupId, communityId);
  member.branch = uow.em.getReference(PartyOrganization, branch.id, { wrapped: true });
  member.group = group ? uow.em.getReference(PartyOrganization, group.id, { wrapped: true }) : null;
  await uow.em.flush();
  return member;
}

/**
 * 身份证号更正 in residents: a member's gender and birth date are residents' facts copied at enrolment, so the file
 * (and the party statistics by gender and age kept with it) takes the corrected ones. Not a member: nothing to do.
 */
export async function followResidentIdentity(
  em: UnitOfWork['em'],
  residentId: string,
  facts: { gender: Gender; birthDate: string },
): Promise<void> {
  const member = await em.findOne(PartyMember, { residentId }, { ...forUpdate(em), refresh: true });
  if (!member) return;
  member.gender = facts.gender;
  member.birthDate = facts.birthDate;
  await em.flush();
}
