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

/** Most characters of a caller's value a message repeats (`echoed`). */
export const MAX_ECHOED_CHARACTERS = 40;

/**
 * A caller's value as a message repeats it: at most `MAX_ECHOED_CHARACTERS` characters, then «…（共 n 个字）». A
 * refusal that quoted the value whole gave back whatever it was sent — a 20 MiB import file's one cell, once per row.
 */
export function echoed(value: string): string {
  const characters = [...value];
  if (characters.length <= MAX_ECHOED_CHARACTERS) return value;
  return `${characters.slice(0, MAX_ECHOED_CHARACTERS).join('')}…（共 ${characters.length} 个字）`;
}
