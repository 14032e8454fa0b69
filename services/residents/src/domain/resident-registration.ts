import { parseResidentIdNumber, type Gender } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';

export interface RegistrationInput {
  name: string;
  idNumber: string;
  phone?: string | null;
}

export interface ValidRegistration {
  name: string;
  idNumber: string;
  gender: Gender;
  birthDate: string;
  phone: string | null;
}

/**
 * The refusal when an ID number is already registered where the caller may not see it (another community, or a grid
 * worker's other grid): it names the field and says nothing of where, or whether, the person is registered, so that
 * neither the import nor `registerResident` tells an importer where an ID number lives.
 */
export const ID_NUMBER_NOT_REGISTRABLE = '该身份证号不能在本社区登记，请核实证件号码';

const NAME = /^[\u4e00-\u9fffA-Za-z·・.\s]{2,50}$/;
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** Checks a name: 2–50 Chinese or Latin letters (· allowed for names of ethnic minorities). */
export function validName(raw: string, field = 'name'): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!NAME.test(name)) throw new InvalidInputError(field, '姓名须为 2–50 个汉字或字母');
  return name;
}

/** Checks a mainland mobile (11 digits) or landline number; empty means none. */
export function validPhone(raw: string | null | undefined, field = 'phone'): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const phone = raw.replace(/[\s-]/g, (m) => (m === '-' ? '-' : ''));
  if (!MOBILE.test(phone) && !LANDLINE.test(phone))
    throw new InvalidInputError(field, '电话号码须为 11 位手机号或带区号的固定电话');
  return phone;
}

/** An ID number with what follows from it. */
export type ValidIdNumber = Pick<ValidRegistration, 'idNumber' | 'gender' | 'birthDate'>;

/**
 * The ID number rule of every path that records one (registration, 身份证号更正): a valid 18-digit ID (GB 11643
 * check digit, real birth date not after today, region code shape); gender and birth date are derived from it,
 * never taken from the caller. `BAD_USER_INPUT` on `field` otherwise.
 */
export function validIdNumber(raw: string, today: Date, field = 'idNumber'): ValidIdNumber {
  const parsed = parseResidentIdNumber(raw, today);
  if (!parsed.ok) throw new InvalidInputError(field, parsed.message, { problem: parsed.problem });
  return { idNumber: parsed.value.idNumber, gender: parsed.value.gender, birthDate: parsed.value.birthDate };
}

/**
 * The rules for registering a resident: a valid ID number (`validIdNumber`) from which gender and birth date are
 * derived, a plausible name and phone.
 */
export function validateRegistration(input: RegistrationInput, today: Date): ValidRegistration {
  const name = validName(input.name);
  return { name, ...validIdNumber(input.idNumber, today), phone: validPhone(input.phone) };
}
