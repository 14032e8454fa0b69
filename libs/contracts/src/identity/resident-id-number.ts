import { communityDay } from '../calendar/community-calendar.js';
/**
 * 居民身份证号 (GB 11643-1999): 6-digit administrative division code, 8-digit birth date, 3-digit sequence
 * (odd for men, even for women) and a check digit (0–9 or X) computed with ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function residentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type ResidentIdProblem = 'LENGTH' | 'CHARACTERS' | 'REGION' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export const residentIdProblemMessages: Record<ResidentIdProblem, string> = {
  LENGTH: '居民身份证号应为 18 位',
  CHARACTERS: '居民身份证号前 17 位须为数字，最后一位为数字或 X',
  REGION: '居民身份证号前 6 位不是有效的行政区划代码',
  BIRTH_DATE: '居民身份证号中的出生日期无效',
  CHECK_DIGIT: '居民身份证号校验位错误',
};

export interface ResidentIdInfo {
  /** Normalised: trimmed, final x upper-cased. */
  idNumber: string;
  regionCode: string;
  birthDate: string;
  gender: 'MALE' | 'FEMALE';
}

export type ResidentIdResult =
  { ok: true; value: ResidentIdInfo } | { ok: false; problem: ResidentIdProblem; message: string };

/** Province-level prefixes in use (11 北京 … 82 澳门). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82,
]);

function fail(problem: ResidentIdProblem): ResidentIdResult {
  return { ok: false, problem, message: residentIdProblemMessages[problem] };
}

const birthDateOf = (value: string): string => `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;

/**
 * Validates an 18-digit resident ID: length, characters, region code shape, a real birth date not in the
 * future (relative to the community's day of `today`), and the check digit. A lowercase x is accepted and normalised to X.
 */
export function parseResidentIdNumber(raw: string, today: Date = new Date()): ResidentIdResult {
  const value = raw.trim().toUpperCase();
  if (value.length !== 18) return fail('LENGTH');
  if (!/^\d{17}[\dX]$/.test(value)) return fail('CHARACTERS');
  const region = value.slice(0, 6);
  if (!PROVINCES.has(Number(region.slice(0, 2))) || (region.slice(2, 4) === '00' && region.slice(4) !== '00'))
    return fail('REGION');
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1890 ||
    birth.getUTCFullYear() !== y ||
    birth.getUTCMonth() !== m - 1 ||
    birth.getUTCDate() !== d ||
    birthDateOf(value) > communityDay(today)
  ) {
    return fail('BIRTH_DATE');
  }
  if (residentIdCheckDigit(value.slice(0, 17)) !== value[17]) return fail('CHECK_DIGIT');
  return {
    ok: true,
    value: {
      idNumber: value,
      regionCode: region,
      birthDate: birthDateOf(value),
      gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    },
  };
}

/** Builds a valid ID number (demo data, tests): region, birth date YYYY-MM-DD, 3-digit sequence. */
export function composeResidentIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}
