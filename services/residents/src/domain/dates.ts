import { addMonths, isIsoDate } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';

/** Checks a YYYY-MM-DD date that exists in the calendar. */
export function validDate(raw: string | null | undefined, field: string): string {
  const value = raw?.trim() ?? '';
  if (!value) throw new InvalidInputError(field, `${field} 未填写：须为 YYYY-MM-DD 格式的有效日期`);
  if (!isIsoDate(value)) throw new InvalidInputError(field, `日期须为 YYYY-MM-DD 格式的有效日期，收到「${raw}」`);
  return value;
}

/** The latest birth date of someone at least `years` old on `date`. */
export const bornOnOrBefore = (date: string, years: number): string => addMonths(date, -12 * years);
