import { InvalidInputError } from '@shequ/errors';
import type { ValidIdNumber } from './resident-registration.js';

/** 更正原因: required, 2–200 characters after trimming (kept with the correction, never in events or logs). */
export function validCorrectionReason(raw: string | null | undefined, field = 'reason'): string {
  const reason = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (reason.length === 0) throw new InvalidInputError(field, '请填写更正原因');
  if ([...reason].length < 2 || [...reason].length > 200) throw new InvalidInputError(field, '更正原因须为 2–200 个字');
  return reason;
}

/** What a resident's record holds that a corrected ID number must agree with. */
export interface IdentityOnRecord {
  idNumber: string;
  movedInOn: string | null;
  movedOutOn: string | null;
  diedOn: string | null;
}

/**
 * 身份证号更正: the corrected number (already checked by `validIdNumber`) must differ from the one on record (an
 * unchanged number is refused, nothing to correct), and the birth date it gives must precede the dates of the life
 * already on record (moving in, moving out, death), as `checkLifeDate` requires of every new date.
 * `BAD_USER_INPUT` on `field`.
 */
export function checkIdentityCorrection(
  record: IdentityOnRecord,
  corrected: ValidIdNumber,
  field = 'idNumber',
): ValidIdNumber {
  if (corrected.idNumber === record.idNumber)
    throw new InvalidInputError(field, '更正后的身份证号与现登记的相同，无需更正');
  const later = (
    [
      ['迁入本户日期', record.movedInOn],
      ['迁出日期', record.movedOutOn],
      ['死亡日期', record.diedOn],
    ] as const
  ).find(([, date]) => date !== null && date < corrected.birthDate);
  if (later)
    throw new InvalidInputError(
      field,
      `更正后的身份证号推出的出生日期（${corrected.birthDate}）晚于已登记的${later[0]}（${later[1]}），请核实证件号码`,
    );
  return corrected;
}
