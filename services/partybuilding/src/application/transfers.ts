import type { EntityManager } from '@mikro-orm/core';
import {
  communityDay,
  isIsoDate,
  labelOf,
  MemberTransferredIn,
  MemberTransferredOut,
  PartyMemberStages,
  type Gender,
  type PartyMemberStage,
  type PartyMemberType,
} from '@shequ/contracts';
import { forUpdate, newId } from '@shequ/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import { newRecordId, requireReference, type UnitOfWork } from '@shequ/subgraph';
import { checkArrivingProbation } from '../domain/development-pipeline.js';
import { checkMemberPlacement } from '../domain/organization-tree.js';
import { checkNoOpenTransferOut, checkTransferStep } from '../domain/transfer-workflow.js';
import { PartyMemberStatuses, type PartyTransferDirection, type PartyTransferStatus } from '../domain/vocabularies.js';
import { PartyMember, PartyMemberStageChange, PartyTransfer } from '../entities/index.js';
import { loadMember, type RuleUses } from './members.js';
import { loadOrganization } from './organizations.js';

/** 组织关系 (and so a transfer of it) belongs to 预备党员 and 正式党员; applicants and activists have none. */
function holdsMembership(stage: PartyMemberStage): boolean {
  return stage === 'FULL_MEMBER' || stage === 'PROBATIONARY';
}

export interface RequestTransferCommand {
  direction: PartyTransferDirection;
  memberId?: string | null;
  residentId?: string | null;
  branchId?: string | null;
  externalOrganization?: string | null;
  letterNumber?: string | null;
  requestedOn: string;
  caseId?: string | null;
}

/** 转接申请. OUT names an active member of ours; IN names the resident (and, if known, the receiving branch). */
export async function requestTransfer(
  uow: UnitOfWork,
  command: RequestTransferCommand,
  communityId: string,
  today: string,
): Promise<PartyTransfer> {
  if (!isIsoDate(command.requestedOn) || command.requestedOn > today)
    throw new InvalidInputError('requestedOn', '申请日期须为不晚于今天的 YYYY-MM-DD');
  let residentId = command.residentId ?? null;
  let memberId: string | null = null;
  let branchId = command.branchId ?? null;
  if (command.direction === 'OUT') {
    if (!command.memberId) throw new InvalidInputError('memberId', '转出须指明党员');
    const member = await loadMember(uow, command.memberId, communityId).catch(() => {
      throw new InvalidInputError('memberId', `党员 ${command.memberId} 不存在`);
    });
    if (member.status !== 'ACTIVE')
      throw new ConflictError(`党员当前状态为「${labelOf(PartyMemberStatuses, member.status)}」，不能转出`);
    if (!holdsMembership(member.stage))
      throw new ConflictError(
        `当前阶段为「${labelOf(PartyMemberStages, member.stage)}」：转接组织关系的须为正式党员或预备党员`,
        { field: 'memberId' },
      );
    const open = await uow.em.count(PartyTransfer, {
      memberId: member.id,
      direction: 'OUT',
      status: { $ne: 'COMPLETED' },
    });
    checkNoOpenTransferOut(open);
    memberId = member.id;
    residentId = member.residentId;
    branchId = member.branch.id;
  } else if (!residentId) {
    throw new InvalidInputError('residentId', '转入须指明居民');
  } else {
    await requireReference(uow.em, { kind: 'RESIDENT', id: residentId, field: 'residentId', communityId });
  }
  const branch = branchId ? await loadOrganization(uow, branchId, communityId, 'branchId') : null;
  if (branch) checkMemberPlacement(branch, null);
  const transfer = uow.em.create(PartyTransfer, {
    id: newRecordId(uow, 'party-transfer'),
    communityId,
    direction: command.direction,
    memberId,
    residentId,
    branch,
    externalOrganization: command.externalOrganization?.trim() || null,
    letterNumber: command.letterNumber?.trim() || null,
    requestedOn: command.requestedOn,
    caseId: command.caseId ?? null,
  });
  await uow.em.flush();
  return transfer;
}

export interface AdvanceTransferCommand {
  transferId: string;
  to: PartyTransferStatus;
  on: string;
  letterNumber?: string | null;
  branchId?: string | null;
  externalOrganization?: string | null;
  /** For a transfer in whose request did not name the resident (e.g. an anonymous case). */
  residentId?: string | null;
  /** For a transfer in: the stage and type the member arrives with (default 正式党员, 社区党员). */
  stage?: PartyMemberStage | null;
  /** For a 预备党员 transferring in: the day they were admitted (their probation runs from it). */
  probationaryOn?: string | null;
  memberType?: PartyMemberType | null;
}

/** Moves a transfer one step; completion moves the member in (new record) or out (record kept, status 已转出). */
export async function advanceTransfer(
  uow: UnitOfWork,
  command: AdvanceTransferCommand,
  communityId: string,
  today: string,
  pii?: RuleUses,
): Promise<PartyTransfer> {
  if (!isIsoDate(command.on)) throw new InvalidInputError('on', '日期格式应为 YYYY-MM-DD');
  const transfer = await uow.em.findOne(
    PartyTransfer,
    { id: command.transferId, communityId },
    { ...forUpdate(uow.em), refresh: true },
  );
  if (!transfer) throw new NotFoundError('PartyTransfer', command.transferId);
  if (command.letterNumber?.trim()) transfer.letterNumber = command.letterNumber.trim();
  if (command.externalOrganization?.trim()) transfer.externalOrganization = command.externalOrganization.trim();
  if (command.residentId && transfer.direction === 'IN' && transfer.status !== 'COMPLETED') {
    await requireReference(uow.em, { kind: 'RESIDENT', id: command.residentId, field: 'residentId', communityId });
    transfer.residentId = command.residentId;
  }
  if (command.branchId && transfer.direction === 'IN') {
    const branch = await loadOrganization(uow, command.branchId, communityId, 'branchId');
    checkMemberPlacement(branch, null);
    transfer.branch = branch as never;
  }
  const stamp = checkTransferStep(transfer, command.to, command.on, today);
  if (command.to === 'COMPLETED') {
    if (!transfer.externalOrganization)
      throw new InvalidInputError(
        'externalOrganization',
        transfer.direction === 'IN' ? '须填写原党组织' : '须填写接收党组织',
      );
    if (transfer.direction === 'IN') await completeTransferIn(uow, transfer, command, communityId, pii);
    else await completeTransferOut(uow, transfer, command.on);
  }
  transfer[stamp] = command.on;
  transfer.status = command.to;
  await uow.em.flush();
  return transfer;
}

async function completeTransferIn(
  uow: UnitOfWork,
  transfer: PartyTransfer,
  command: AdvanceTransferCommand,
  communityId: string,
  pii?: RuleUses,
): Promise<void> {
  if (!transfer.branch) throw new InvalidInputError('branchId', '转入办结须指定接收党支部');
  if (!transfer.residentId) throw new InvalidInputError('residentId', '转入办结须指明居民');
  // Checked again when it takes effect: the request (or the case it came from) may be weeks old, and the resident
  // may have died or moved away since; the birth date is residents' (for the 18-year rule and age statistics).
  const resident = await requireReference(uow.em, {
    kind: 'RESIDENT',
    id: transfer.residentId,
    field: 'residentId',
    communityId,
  });
  const stage = command.stage ?? 'FULL_MEMBER';
  if (!holdsMembership(stage)) throw new InvalidInputError('stage', '转接组织关系的须为正式党员或预备党员');
  // the 18-year rule on the day of admission decides on the birth date for the caller: in the resident's trail
  if (stage === 'PROBATIONARY' && resident.birthDate !== null) pii?.usedByRule(resident, 'birthDate');
  const probationaryOn =
    stage === 'PROBATIONARY'
      ? checkArrivingProbation(
          { probationaryOn: command.probationaryOn ?? null, birthDate: resident.birthDate },
          command.on,
        )
      : null;
  let member = await uow.em.findOne(PartyMember, { residentId: transfer.residentId });
  if (member && member.status === 'ACTIVE') throw new ConflictError('该居民已是本社区在册党员');
  if (member) {
    member.status = 'ACTIVE';
    member.branch = transfer.branch;
    member.group = null;
    member.followUpReason = null;
    member.followUpSince = null;
    member.birthDate = resident.birthDate ?? member.birthDate;
    member.gender = (resident.gender as Gender | null) ?? member.gender;
  } else {
    member = uow.em.create(PartyMember, {
      id: newRecordId(uow, 'party-member'),
      communityId,
      residentId: transfer.residentId,
      branch: transfer.branch,
      stage,
      stageSince: command.on,
      memberType: command.memberType ?? 'COMMUNITY',
      birthDate: resident.birthDate,
      gender: resident.gender as Gender | null,
      probationaryOn,
    });
    uow.em.create(PartyMemberStageChange, {
      id: newRecordId(uow, 'party-member-stage-change'),
      member,
      kind: 'STAGE_CHANGED',
      fromStage: null,
      toStage: stage,
      changedOn: command.on,
      note: '组织关系转入',
    });
  }
  transfer.memberId = member.id;
  uow.events.record(MemberTransferredIn, {
    transferId: transfer.id,
    memberId: member.id,
    residentId: member.residentId,
    letterNumber: transfer.letterNumber ?? '',
    completedOn: command.on,
    fromOrganization: transfer.externalOrganization!,
    toOrganizationId: transfer.branch.id,
    caseId: transfer.caseId,
  });
}

async function completeTransferOut(uow: UnitOfWork, transfer: PartyTransfer, on: string): Promise<void> {
  const member = await uow.em.findOneOrFail(PartyMember, transfer.memberId!, { ...forUpdate(uow.em), refresh: true });
  if (member.status !== 'ACTIVE')
    throw new ConflictError(`党员当前状态为「${labelOf(PartyMemberStatuses, member.status)}」，不能转出`);
  member.status = 'TRANSFERRED_OUT';
  uow.events.record(MemberTransferredOut, {
    transferId: transfer.id,
    memberId: member.id,
    residentId: member.residentId,
    letterNumber: transfer.letterNumber ?? '',
    completedOn: on,
    fromOrganizationId: member.branch.id,
    toOrganization: transfer.externalOrganization!,
    caseId: transfer.caseId,
  });
}

/**
 * A case of category 组织关系转接 opened in the cases service: one transfer request per case. A resident who is
 * an active member here asks to move out; anyone else asks to move in (branch chosen when it is handled).
 */
export async function transferRequestFromCase(
  em: EntityManager,
  data: {
    caseId: string;
    category: string;
    number: string;
    reporterId: string | null;
    residentIds: string[];
    openedAt: string;
  },
  communityId: string,
): Promise<PartyTransfer | null> {
  if (data.category !== 'PARTY_MEMBERSHIP_TRANSFER') return null; // only 组织关系转接 cases become transfers
  if (await em.findOne(PartyTransfer, { caseId: data.caseId })) return null;
  const residentId = data.reporterId ?? data.residentIds[0] ?? null;
  const found = residentId ? await em.findOne(PartyMember, { residentId, status: 'ACTIVE' }) : null;
  const member = found && holdsMembership(found.stage) ? found : null;
  // the API's rule: one transfer out of a member at a time (a second case of theirs adds no second transfer)
  if (member) {
    const open = await em.count(PartyTransfer, { memberId: member.id, direction: 'OUT', status: { $ne: 'COMPLETED' } });
    try {
      checkNoOpenTransferOut(open);
    } catch (error) {
      if (error instanceof ConflictError) return null;
      throw error;
    }
  }
  const transfer = em.create(PartyTransfer, {
    id: newId(),
    communityId,
    direction: member ? 'OUT' : 'IN',
    memberId: member?.id ?? null,
    residentId,
    branch: member ? member.branch : null,
    // the community's day the case was opened on (the instant is UTC: 01:00 in China is the previous day in UTC)
    requestedOn: communityDay(new Date(data.openedAt)),
    caseId: data.caseId,
  });
  await em.flush();
  return transfer;
}
