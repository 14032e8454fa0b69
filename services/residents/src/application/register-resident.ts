import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { communityDay, ResidentRegistered } from '@shequ/contracts';
import { forUpdate, newId } from '@shequ/database';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';
import { validDate } from '../domain/dates.js';
import { validResidence } from '../domain/floating-permit.js';
import { assertHeadVacant, headAfterArriving } from '../domain/household-rules.js';
import { checkLifeDate } from '../domain/resident-lifecycle.js';
import {
  ID_NUMBER_NOT_REGISTRABLE,
  validateRegistration,
  type RegistrationInput,
} from '../domain/resident-registration.js';
import { Household } from '../entities/household.js';
import { Resident, type RelationToHead } from '../entities/resident.js';
import { residentLocation } from './resident-location.js';

export interface RegisterResidentCommand extends RegistrationInput {
  householdId: string;
  relationToHead?: RelationToHead | null;
  residenceType?: string | null;
  residencePermitIssuedOn?: string | null;
  residencePermitExpiresOn?: string | null;
  movedInOn?: string | null;
}

/**
 * Registers a resident into an existing household and publishes `resident.registered`. Bad input writes
 * nothing. `householdVisible` decides whether the caller may use the household (row scope), `residentVisible`
 * whether the caller may see a resident already registered with the ID number: only then is the refusal
 * «已登记» (CONFLICT); otherwise it is the neutral BAD_USER_INPUT on `idNumber` the import gives, which does not
 * tell where (or whether) the person lives.
 */
export async function registerResident(
  uow: UnitOfWork,
  command: RegisterResidentCommand,
  communityId: string,
  today: Date,
  householdVisible: (household: Household, em: UnitOfWork['em']) => Promise<boolean> = async () => true,
  residentVisible: (resident: Resident, em: UnitOfWork['em']) => Promise<boolean> = async (resident) =>
    resident.communityId === communityId,
): Promise<Resident> {
  const valid = validateRegistration(command, today);
  const residence = validResidence(command);
  const movedInOn = checkLifeDate(
    'movedInOn',
    command.movedInOn ? validDate(command.movedInOn, 'movedInOn') : communityDay(today),
    valid,
    communityDay(today),
  );
  // locked: two registrations as 户主 of one flat at once check its head one after the other
  const household = await uow.em.findOne(
    Household,
    { id: command.householdId, communityId },
    { ...(forUpdate(uow.em) as object), refresh: true },
  );
  if (!household || !(await householdVisible(household, uow.em)))
    throw new InvalidInputError('householdId', `住户 ${command.householdId} 不存在`);
  const registered = await uow.em.findOne(Resident, { idNumber: valid.idNumber });
  if (registered) {
    if (registered.communityId === communityId && (await residentVisible(registered, uow.em)))
      throw new ConflictError('该身份证号的居民已登记', { field: 'idNumber' });
    throw new InvalidInputError('idNumber', ID_NUMBER_NOT_REGISTRABLE);
  }
  assertHeadVacant(household.headResidentId, '', command.relationToHead);
  const resident = uow.em.create(Resident, {
    id: newId(),
    communityId,
    ...valid,
    household,
    relationToHead: command.relationToHead ?? 'OTHER',
    ...residence,
    movedInOn,
  });
  household.headResidentId = headAfterArriving(household.headResidentId, resident.id, resident.relationToHead);
  const location = await residentLocation(uow.em, household.id);
  uow.events.record(ResidentRegistered, {
    residentId: resident.id,
    ...location,
    gender: resident.gender,
    birthDate: resident.birthDate,
    residenceType: resident.residenceType,
    residencePermitExpiresOn: resident.residencePermitExpiresOn,
  });
  await flushHoldingIdNumber(uow);
  return resident;
}

/**
 * Flushes a write that gives a resident an ID number (registration, 身份证号更正): the number taken by another request
 * meanwhile, possibly in another community, hits the unique index and is answered with the neutral refusal.
 */
export async function flushHoldingIdNumber(uow: UnitOfWork): Promise<void> {
  try {
    await uow.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new InvalidInputError('idNumber', ID_NUMBER_NOT_REGISTRABLE);
    throw error;
  }
}
