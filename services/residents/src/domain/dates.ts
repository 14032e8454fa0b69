import { addMonths, isIsoDate } from '@shequ/contracts';
import { InvalidInputError, echoed } from '@shequ/errors';

/** Checks a YYYY-MM-DD date that exists in the calendar. */
export function validDate(raw: string | null | undefined, field: string): string {
  const value = raw?.trim() ?? '';
  if (!value) throw new InvalidInputError(field, `${field} 未填写：须为 YYYY-MM-DD 格式的有效日期`);
  if (!isIsoDate(value))
    throw new InvalidInputError(field, `日期须为 YYYY-MM-DD 格式的有效日期，收到「${echoed(value)}」`);
  return value;
}

/** The latest birth date of someone at least `years` old on `date`. */
export const bornOnOrBefore = (date: string, years: number): string => addMonths(date, -12 * years);

/**
 * The date of a fact (a care category began, a review was made, a category ended): a valid date that is not after
 * `today` — what has not happened yet cannot be recorded as done.
 */
export function factDate(raw: string | null | undefined, field: string, today: string, what: string): string {
  const value = validDate(raw, field);
  if (value > today) throw new InvalidInputError(field, `${what}不能晚于今天（${today}），收到 ${value}`);
  return value;
}
