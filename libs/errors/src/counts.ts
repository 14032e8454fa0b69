import { InvalidInputError } from './index.js';

/** The bounds of a count (a capacity, a head count, a target): whole numbers from `min` to `max`. */
export interface CountBounds {
  min: number;
  max: number;
}

/**
 * Refuses a count outside its bounds, naming the field and the bounds in Chinese (`BAD_USER_INPUT`, with `min` and
 * `max` in the extensions). GraphQL's `Int` takes anything up to 2,147,483,647: a venue for two billion people, a
 * training session with a billion participants were stored and then counted in every total.
 */
export function checkCount(field: string, label: string, value: number, bounds: CountBounds): void {
  if (Number.isInteger(value) && value >= bounds.min && value <= bounds.max) return;
  throw new InvalidInputError(field, `${label}须为 ${bounds.min} 至 ${bounds.max} 之间的整数（收到 ${value}）`, {
    min: bounds.min,
    max: bounds.max,
  });
}
