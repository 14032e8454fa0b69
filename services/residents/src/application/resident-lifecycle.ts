import { labelsOf, ResidentDeceased, ResidentMovedIn, ResidentMovedOut, ResidentUpdated } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import type { PersonalDataReader, UnitOfWork } from '@shequ/subgraph';
import { validDate } from '../domain/dates.js';
import { validResidence } from '../domain/floating-permit.js';
import { validPhone } from '../domain/resident-registration.js';
import { checkLifeDate, residentTransition } from '../domain/resident-lifecycle.js';
import { assertHeadVacant, headAfterArriving, holderAfterLeaving } from '../domain/household-rules.js';
import { RelationsToHead, type RelationToHeadCode } from '../domain/vocabularies.js';
import type { EntityManager } from '@mikro-orm/core';
import { forUpdate } from '@shequ/database';
import { Building } from '../entities/building.js';
import { Household } from '../entities/household.js';
import { Resident } from '../entities/resident.js';
import { closeFundMattersOfLeaving } from './fund/disbursements.js';
import { loadVisible } from './load.js';
import { residentLocation } from './resident-location.js';

export interface Visibility {
  communityId: string;
  /** The community day of the change (dates of a life may not be after it). */
  today: string;
  resident: (resident: Resident, em: EntityManager) => Promise<boolean>;
  household: (household: Household, em: EntityManager) => Promise<boolean>;
  /**
   * Where a rule decided on a resident's personal field for the caller is recorded (the request's `ctx.pii`): a life
   * date checked against the birth date tells, passed or refused, whether the person was born by then.
   */
  ruleUses?: Pick<PersonalDataReader, 'usedByRule'>;
}

export interface UpdateResidentCommand {
  residentId: string;
  phone?: string | null;
  residenceType?: string | null;
  residencePermitIssuedOn?: string | null;
  residencePermitExpiresOn?: string | null;
  relationToHead?: string | null;
}

/** A caller's life date is checked against the resident's birth date: that use is in the resident's audit trail. */
function usedBirthDate(resident: Resident, scope: Visibility): void {
  if (resident.birthDate) scope.ruleUses?.usedByRule(resident, 'birthDate');
}

/** Updates contact, residence type (流动人口 with 居住证 dates) or relation to head; publishes `resident.updated` when something changed. */
export async function updateResident(
  uow: UnitOfWork,
  command: UpdateResidentCommand,
  scope: Visibility,
): Promise<Resident> {
  const phone = command.phone === undefined ? undefined : validPhone(command.phone);
  const retyped = command.residenceType !== undefined && command.residenceType !== null;
  // New 居住证 dates alone (a renewal) change the permit too: the residence type stays what it is.
  const touchesResidence =
    retyped ||
    (command.residencePermitIssuedOn ?? null) !== null ||
    (command.residencePermitExpiresOn ?? null) !== null;
  if (command.relationToHead && !RelationsToHead.codes.includes(command.relationToHead as RelationToHeadCode)) {
    throw new InvalidInputError(
      'relationToHead',
      `未知的与户主关系「${command.relationToHead}」，应为：${labelsOf(RelationsToHead)}`,
    );
  }
  const resident = await loadVisible(uow, Resident, command.residentId, scope.communityId, '居民', scope.resident);
  residentTransition(resident.status, 'UPDATE');
  const residence = touchesResidence
    ? validResidence(
        retyped
          ? command
          : {
              residenceType: resident.residenceType,
              residencePermitIssuedOn: command.residencePermitIssuedOn ?? resident.residencePermitIssuedOn,
              residencePermitExpiresOn: command.residencePermitExpiresOn ?? resident.residencePermitExpiresOn,
            },
      )
    : undefined;
  const changed: string[] = [];
  const set = <K extends keyof Resident>(key: K, value: Resident[K] | undefined) => {
    if (value === undefined || resident[key] === value) return;
    resident[key] = value;
    changed.push(String(key));
  };
  set('phone', phone);
  if (residence) {
    set('residenceType', residence.residenceType);
    set('residencePermitIssuedOn', residence.residencePermitIssuedOn);
    set('residencePermitExpiresOn', residence.residencePermitExpiresOn);
  }
  if (command.relationToHead) set('relationToHead', command.relationToHead as RelationToHeadCode);
  if (changed.includes('relationToHead') && resident.household) {
    // the flat's head on record follows: no longer HEAD leaves the post, HEAD in a flat without one takes it
    const household = await uow.em.findOne(Household, resident.household.id, {
      ...(forUpdate(uow.em) as object),
      refresh: true,
    });
    if (household) {
      assertHeadVacant(household.headResidentId, resident.id, resident.relationToHead);
      const head =
        resident.relationToHead === 'HEAD'
          ? headAfterArriving(household.headResidentId, resident.id, 'HEAD')
          : holderAfterLeaving(household.headResidentId, resident.id);
      household.headResidentId = head;
    }
  }
  if (changed.length > 0) {
    uow.events.record(ResidentUpdated, {
      residentId: resident.id,
      changedFields: changed,
      residenceType: resident.residenceType,
      residencePermitExpiresOn: resident.residencePermitExpiresOn,
    });
    await uow.em.flush();
  }
  return resident;
}

export interface MoveResidentCommand {
  residentId: string;
  householdId: string;
  movedInOn: string;
  relationToHead?: string | null;
}

/** Moves a resident into another household (换户 / 地址变更), or back into the community after moving out (迁回). */
export async function moveResident(
  uow: UnitOfWork,
  command: MoveResidentCommand,
  scope: Visibility,
): Promise<Resident> {
  const movedInOn = validDate(command.movedInOn, 'movedInOn');
  if (command.relationToHead && !RelationsToHead.codes.includes(command.relationToHead as RelationToHeadCode)) {
    throw new InvalidInputError(
      'relationToHead',
      `未知的与户主关系「${command.relationToHead}」，应为：${labelsOf(RelationsToHead)}`,
    );
  }
  const household = await uow.em.findOne(Household, { id: command.householdId, communityId: scope.communityId });
  if (!household || !(await scope.household(household, uow.em)))
    throw new InvalidInputError('householdId', `住户 ${command.householdId} 不存在`);
  const resident = await loadVisible(uow, Resident, command.residentId, scope.communityId, '居民', scope.resident);
  const wasOut = resident.status === 'MOVED_OUT';
  const from = resident.household?.id ?? null;
  if (!wasOut && from === household.id) throw new InvalidInputError('householdId', '居民已在该住户');
  resident.status = residentTransition(resident.status, 'MOVE_HOUSEHOLD');
  usedBirthDate(resident, scope);
  checkLifeDate('movedInOn', movedInOn, resident, scope.today);
  // both flats locked, in id order (two moves between them in opposite directions wait, never deadlock): the
  // head of the one arrived in is checked against a concurrent 户主 arriving
  for (const id of [from, household.id].filter((h): h is string => h !== null).sort())
    await uow.em.findOne(Household, id, { ...(forUpdate(uow.em) as object), refresh: true });
  assertHeadVacant(household.headResidentId, resident.id, command.relationToHead);
  await leaveHousehold(uow.em, resident, household);
  resident.household = uow.em.getReference(Household, household.id, { wrapped: true });
  resident.relationToHead = (command.relationToHead as RelationToHeadCode | null) ?? 'OTHER';
  resident.movedInOn = movedInOn;
  household.headResidentId = headAfterArriving(household.headResidentId, resident.id, resident.relationToHead);
  if (wasOut) {
    resident.movedOutOn = null;
    resident.moveOutDestination = null;
  }
  const location = await residentLocation(uow.em, household.id);
  uow.events.record(ResidentMovedIn, {
    residentId: resident.id,
    householdId: household.id,
    buildingId: location.buildingId!,
    gridId: location.gridId!,
    fromHouseholdId: wasOut ? null : from,
    movedInOn,
  });
  await uow.em.flush();
  return resident;
}

/** 迁出: the resident stays on record with status MOVED_OUT, the date and where to. */
export async function moveOutResident(
  uow: UnitOfWork,
  command: { residentId: string; movedOutOn: string; destination: string },
  scope: Visibility,
): Promise<Resident> {
  const movedOutOn = validDate(command.movedOutOn, 'movedOutOn');
  const destination = command.destination.trim();
  if (destination.length < 2 || destination.length > 100)
    throw new InvalidInputError('destination', '迁往地须为 2–100 个字');
  const resident = await loadVisible(uow, Resident, command.residentId, scope.communityId, '居民', scope.resident);
  resident.status = residentTransition(resident.status, 'MOVE_OUT');
  usedBirthDate(resident, scope);
  checkLifeDate('movedOutOn', movedOutOn, resident, scope.today);
  await leaveHousehold(uow.em, resident, null);
  resident.movedOutOn = movedOutOn;
  resident.moveOutDestination = destination;
  await closeFundMattersOfLeaving(uow, resident, scope.today);
  uow.events.record(ResidentMovedOut, {
    residentId: resident.id,
    fromHouseholdId: resident.household?.id ?? null,
    movedOutOn,
    destination,
  });
  await uow.em.flush();
  return resident;
}

/** 死亡登记: final; the record stays. */
export async function recordDeath(
  uow: UnitOfWork,
  command: { residentId: string; diedOn: string },
  scope: Visibility,
): Promise<Resident> {
  const diedOn = validDate(command.diedOn, 'diedOn');
  if (diedOn > scope.today) throw new InvalidInputError('diedOn', '死亡日期不能晚于今天');
  const resident = await loadVisible(uow, Resident, command.residentId, scope.communityId, '居民', scope.resident);
  resident.status = residentTransition(resident.status, 'RECORD_DEATH');
  usedBirthDate(resident, scope);
  checkLifeDate('diedOn', diedOn, resident, scope.today);
  await leaveHousehold(uow.em, resident, null);
  resident.diedOn = diedOn;
  await closeFundMattersOfLeaving(uow, resident, scope.today);
  uow.events.record(ResidentDeceased, { residentId: resident.id, diedOn });
  await uow.em.flush();
  return resident;
}

/**
 * The resident leaves their flat (a move, a move-out, a death) for `to` (or for nowhere here): the flat's head and
 * the building's 楼栋长 are residents of them, so a post the resident held there falls vacant.
 */
async function leaveHousehold(em: EntityManager, resident: Resident, to: Household | null): Promise<void> {
  const householdId = resident.household?.id;
  if (householdId) {
    const household = await em.findOne(Household, householdId, forUpdate(em));
    if (household) household.headResidentId = holderAfterLeaving(household.headResidentId, resident.id);
  }
  const led = await em.find(Building, { leaderResidentId: resident.id }, { ...(forUpdate(em) as object) });
  for (const building of led)
    if (building.id !== to?.building.id)
      building.leaderResidentId = holderAfterLeaving(building.leaderResidentId, resident.id);
}
