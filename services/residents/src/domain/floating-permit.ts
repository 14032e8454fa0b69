import type { ResidenceType } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { validDate } from './dates.js';

export interface Residence {
  residenceType: ResidenceType;
  residencePermitIssuedOn: string | null;
  residencePermitExpiresOn: string | null;
}

/**
 * 户籍 residents carry no 居住证; floating residents (流动人口) need the permit's issue and expiry dates, the expiry
 * after the issue.
 */
export function validResidence(input: {
  residenceType?: string | null;
  residencePermitIssuedOn?: string | null;
  residencePermitExpiresOn?: string | null;
}): Residence {
  const residenceType = (input.residenceType ?? 'REGISTERED') as ResidenceType;
  if (residenceType !== 'REGISTERED' && residenceType !== 'FLOATING')
    throw new InvalidInputError('residenceType', `未知的居住类型：${String(residenceType)}`);
  if (residenceType === 'REGISTERED') {
    if (input.residencePermitIssuedOn || input.residencePermitExpiresOn) {
      throw new InvalidInputError('residencePermitExpiresOn', '户籍人口不登记居住证');
    }
    return { residenceType, residencePermitIssuedOn: null, residencePermitExpiresOn: null };
  }
  const issuedOn = validDate(input.residencePermitIssuedOn, 'residencePermitIssuedOn');
  const expiresOn = validDate(input.residencePermitExpiresOn, 'residencePermitExpiresOn');
  if (expiresOn <= issuedOn) throw new InvalidInputError('residencePermitExpiresOn', '居住证到期日须晚于签发日');
  return { residenceType, residencePermitIssuedOn: issuedOn, residencePermitExpiresOn: expiresOn };
}

/**
 * Where a 居住证 stands on a day: `EXPIRED` once its expiry day has passed, `EXPIRING` on and before it (a permit is
 * valid through its expiry day). The lists of expiring and of expired permits are separate answers.
 */
export function permitStanding(expiresOn: string, today: string): 'EXPIRING' | 'EXPIRED' {
  return expiresOn < today ? 'EXPIRED' : 'EXPIRING';
}
