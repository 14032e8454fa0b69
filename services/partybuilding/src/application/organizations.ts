import { isIsoDate, type PartyOrganizationLevel } from '@shequ/contracts';
import type { EntityManager } from '@mikro-orm/core';
import { forUpdate, newId } from '@shequ/database';
import { InvalidInputError, NotFoundError } from '@shequ/errors';
import { newRecordId, requireOptionalReference, type UnitOfWork } from '@shequ/subgraph';
import {
  checkBranchLevelChange,
  checkEstablishedOn,
  checkOrganizationChangeOn,
  checkPlacement,
} from '../domain/organization-tree.js';
import type { PartyOrganizationChangeKind } from '../domain/vocabularies.js';
import { PartyMember, PartyOrganization, PartyOrganizationChange, PartyTransfer } from '../entities/index.js';

export async function loadOrganization(
  uow: UnitOfWork,
  id: string,
  communityId: string,
  field = 'organizationId',
): Promise<PartyOrganization> {
  // locked like a member (loadMember): a level change and a member placed in the organisation do not cross
  const found = await uow.em.findOne(PartyOrganization, { id, communityId }, { ...forUpdate(uow.em), refresh: true });
  if (!found)
    throw field === 'organizationId'
      ? new NotFoundError('PartyOrganization', id)
      : new InvalidInputError(field, `党组织 ${id} 不存在`);
  return found;
}

function record(
  uow: UnitOfWork,
  organization: PartyOrganization,
  kind: PartyOrganizationChangeKind,
  changedOn: string,
  fromValue: string | null,
  toValue: string | null,
  note: string | null,
) {
  uow.em.create(PartyOrganizationChange, {
    id: newRecordId(uow, 'party-organization-change'),
    communityId: organization.communityId,
    organization,
    kind,
    changedOn,
    fromValue,
    toValue,
    note,
  });
}

export interface CreateOrganizationCommand {
  name: string;
  level: PartyOrganizationLevel;
  parentId?: string | null;
  secretaryResidentId?: string | null;
  establishedOn: string;
}

export async function createOrganization(
  uow: UnitOfWork,
  command: CreateOrganizationCommand,
  communityId: string,
  today: string,
): Promise<PartyOrganization> {
  const name = command.name.trim();
  if (!name) throw new InvalidInputError('name', '名称不能为空');
  if (!isIsoDate(command.establishedOn)) throw new InvalidInputError('establishedOn', '日期格式应为 YYYY-MM-DD');
  checkEstablishedOn(command.establishedOn, today);
  const parent = command.parentId ? await loadOrganization(uow, command.parentId, communityId, 'parentId') : null;
  checkPlacement(command.level, parent?.level ?? null);
  await requireOptionalReference(uow.em, {
    kind: 'RESIDENT',
    id: command.secretaryResidentId,
    field: 'secretaryResidentId',
    communityId,
  });
  const organization = uow.em.create(PartyOrganization, {
    id: newRecordId(uow, 'party-organization'),
    communityId,
    name,
    level: command.level,
    parent,
    secretaryResidentId: command.secretaryResidentId ?? null,
    establishedOn: command.establishedOn,
  });
  record(uow, organization, 'ESTABLISHED', command.establishedOn, null, name, null);
  await uow.em.flush();
  return organization;
}

export interface ChangeOrganizationCommand {
  organizationId: string;
  level?: PartyOrganizationLevel | null;
  name?: string | null;
  secretaryResidentId?: string | null;
  changedOn: string;
  note?: string | null;
}

/** 党组织调整: upgrade/downgrade (e.g. 党总支 → 党委), rename or a new secretary, each kept in the history. */
export async function changeOrganization(
  uow: UnitOfWork,
  command: ChangeOrganizationCommand,
  communityId: string,
  today: string,
): Promise<PartyOrganization> {
  if (!isIsoDate(command.changedOn)) throw new InvalidInputError('changedOn', '日期格式应为 YYYY-MM-DD');
  const organization = await loadOrganization(uow, command.organizationId, communityId);
  checkOrganizationChangeOn(command.changedOn, organization.establishedOn, today);
  if (command.secretaryResidentId !== organization.secretaryResidentId)
    await requireOptionalReference(uow.em, {
      kind: 'RESIDENT',
      id: command.secretaryResidentId,
      field: 'secretaryResidentId',
      communityId,
    });
  const note = command.note ?? null;
  if (command.level && command.level !== organization.level) {
    const parent = organization.parent ? await uow.em.findOneOrFail(PartyOrganization, organization.parent.id) : null;
    const children = await uow.em.find(PartyOrganization, { parent: organization });
    checkPlacement(
      command.level,
      parent?.level ?? null,
      children.map((c) => c.level),
    );
    if (organization.level === 'BRANCH') {
      // Every member sits in exactly one 党支部, and a transfer in waits for one: they move first.
      const members = await uow.em.count(PartyMember, { branch: organization, status: 'ACTIVE' });
      const transfers = await uow.em.count(PartyTransfer, { branch: organization, status: { $ne: 'COMPLETED' } });
      checkBranchLevelChange(command.level, members, transfers);
    }
    record(uow, organization, 'LEVEL_CHANGED', command.changedOn, organization.level, command.level, note);
    organization.level = command.level;
  }
  if (command.name?.trim() && command.name.trim() !== organization.name) {
    record(uow, organization, 'RENAMED', command.changedOn, organization.name, command.name.trim(), note);
    organization.name = command.name.trim();
  }
  if (command.secretaryResidentId && command.secretaryResidentId !== organization.secretaryResidentId) {
    record(
      uow,
      organization,
      'SECRETARY_CHANGED',
      command.changedOn,
      organization.secretaryResidentId,
      command.secretaryResidentId,
      note,
    );
    organization.secretaryResidentId = command.secretaryResidentId;
  }
  await uow.em.flush();
  return organization;
}

/**
 * A secretary who died leaves the post vacant (residents' `resident.deceased`): each organisation they led gets no
 * secretary, kept in its history as a 书记变更 on the day of death (not before the organisation's establishment).
 * A new one is appointed with `changePartyOrganization`, which takes current residents only.
 */
export async function vacateSecretaryPosts(em: EntityManager, residentId: string, diedOn: string): Promise<void> {
  for (const organization of await em.find(PartyOrganization, { secretaryResidentId: residentId })) {
    const establishedOn = organization.establishedOn;
    em.create(PartyOrganizationChange, {
      id: newId(),
      communityId: organization.communityId,
      organization,
      kind: 'SECRETARY_CHANGED',
      changedOn: establishedOn && diedOn < establishedOn ? establishedOn : diedOn,
      fromValue: residentId,
      toValue: null,
      note: '书记已去世（居民服务通知），职务空缺',
    });
    organization.secretaryResidentId = null;
  }
  await em.flush();
}
