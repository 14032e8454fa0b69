import { ResidentIdentityCorrected } from '@shequ/contracts';
import { newId } from '@shequ/database';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';
import { checkIdentityCorrection, validCorrectionReason } from '../domain/identity-correction.js';
import { residentTransition } from '../domain/resident-lifecycle.js';
import { ID_NUMBER_NOT_REGISTRABLE, validIdNumber } from '../domain/resident-registration.js';
import { ResidentIdentityCorrection } from '../entities/resident-identity-correction.js';
import { Resident } from '../entities/resident.js';
import { loadVisible } from './load.js';
import { flushHoldingIdNumber } from './register-resident.js';
import type { Visibility } from './resident-lifecycle.js';

export interface CorrectResidentIdNumberCommand {
  residentId: string;
  idNumber: string;
  reason: string;
}

/**
 * 身份证号更正 (户籍信息更正): the resident's ID number is replaced by the corrected one, checked by the rule of
 * registration (`validIdNumber`), and gender and birth date are derived from it again; the correction is kept
 * (`ResidentIdentityCorrection`: when, by whom, why) and `resident.identity_corrected` tells the other services the
 * gender and birth date (never the number). A number held by another resident is refused as registration refuses
 * it: «已登记» (CONFLICT on `idNumber`) when the caller may see that resident, else the neutral BAD_USER_INPUT that
 * does not tell where the person lives. An unchanged number is refused (nothing to correct). Bad input writes
 * nothing. The resident statistics follow through the rollup kept with the resident's row.
 */
export async function correctResidentIdNumber(
  uow: UnitOfWork,
  command: CorrectResidentIdNumberCommand,
  scope: Visibility,
  actor: { id: string },
  now: Date,
): Promise<Resident> {
  const reason = validCorrectionReason(command.reason);
  const corrected = validIdNumber(command.idNumber, now);
  const resident = await loadVisible(uow, Resident, command.residentId, scope.communityId, '居民', scope.resident);
  residentTransition(resident.status, 'UPDATE');
  checkIdentityCorrection(resident, corrected);
  const holder = await uow.em.findOne(Resident, { idNumber: corrected.idNumber });
  if (holder) {
    if (holder.communityId === scope.communityId && (await scope.resident(holder, uow.em)))
      throw new ConflictError('该身份证号的居民已登记', { field: 'idNumber' });
    throw new InvalidInputError('idNumber', ID_NUMBER_NOT_REGISTRABLE);
  }
  const changed = ['idNumber'];
  if (resident.gender !== corrected.gender) changed.push('gender');
  if (resident.birthDate !== corrected.birthDate) changed.push('birthDate');
  resident.idNumber = corrected.idNumber;
  resident.gender = corrected.gender;
  resident.birthDate = corrected.birthDate;
  uow.em.create(ResidentIdentityCorrection, {
    id: newId(),
    communityId: resident.communityId,
    residentId: resident.id,
    changedFields: changed.join(','),
    correctedAt: now,
    correctedBy: actor.id,
    reason,
  });
  uow.events.record(ResidentIdentityCorrected, {
    residentId: resident.id,
    gender: corrected.gender,
    birthDate: corrected.birthDate,
  });
  await flushHoldingIdNumber(uow);
  return resident;
}
