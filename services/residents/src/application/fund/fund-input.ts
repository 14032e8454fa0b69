import { InvalidInputError } from '@shequ/errors';

/** Trimmed text of at most `max` characters; required unless `required` is false. */
export function fundText(raw: string | null | undefined, field: string, max: number, required = true): string | null {
  const value = raw?.trim() ?? '';
  if (!value) {
    if (required) throw new InvalidInputError(field, `${field} 不能为空：须填写，至多 ${max} 个字`);
    return null;
  }
  if (value.length > max) throw new InvalidInputError(field, `不能超过 ${max} 个字`);
  return value;
}

/** A vocabulary code, or InvalidInputError naming the field. */
export function fundCode<K extends string>(
  vocab: { codes: readonly K[] },
  raw: string,
  field: string,
  what: string,
): K {
  if (!vocab.codes.includes(raw as K)) throw new InvalidInputError(field, `未知的${what}：${raw}`);
  return raw as K;
}

/** Who did it, as stored on fund records (the principal's id). */
export interface FundActor {
  id: string;
  communityId: string;
  now: Date;
  today: string;
}
