import { ageOn } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { EventAudiences, type EventAudience } from './vocabularies.js';

/** Age ranges (inclusive, in full years on the day of the event) of each audience; null = no bound. */
const AGE_RANGES: Record<EventAudience, Array<[number | null, number | null]>> = {
  ALL: [[null, null]],
  ELDERLY: [[60, null]],
  CHILDREN: [[6, 14]],
  ELDERS_AND_CHILDREN: [
    [60, null],
    [6, 14],
  ],
  ADULTS: [[18, null]],
};

export const ELDERLY_AGE = 60;

export function ageFits(audience: EventAudience, age: number): boolean {
  return AGE_RANGES[audience].some(([min, max]) => (min === null || age >= min) && (max === null || age <= max));
}

/**
 * Checks that a resident belongs to the event's audience on the day it starts. An open event needs no
 * birth date; a restricted one refuses residents whose age is unknown. The refusal gives the age on that day, and
 * tells an unknown birth date from an age outside the audience, only when `ageShown` (the caller reads birth dates
 * raw): a caller who reads the age (today's) but not the birth date would learn the birthday from ages on days it
 * chooses (an event's day is the organiser's), and whether a birth date is on record from a refusal worded for it;
 * it is told only that the resident's age does not fit, in one wording for both.
 */
export function checkAudience(
  audience: EventAudience,
  birthDate: string | null,
  eventStartsAt: Date,
  wording: { ageShown?: boolean } = {},
): void {
  if (audience === 'ALL') return;
  const label = EventAudiences.labels[audience];
  const notFitting = () =>
    new InvalidInputError('residentId', `该活动面向${label}，该居民活动当天的年龄不符合条件`, { audience });
  if (!birthDate) {
    if (!wording.ageShown) throw notFitting();
    throw new InvalidInputError('residentId', `该活动面向${label}，但居民的出生日期未知，无法核对年龄`, { audience });
  }
  const age = ageOn(birthDate, eventStartsAt);
  if (ageFits(audience, age)) return;
  if (!wording.ageShown) throw notFitting();
  throw new InvalidInputError('residentId', `该活动面向${label}，该居民活动当天 ${age} 周岁，不符合条件`, {
    audience,
    age,
  });
}
