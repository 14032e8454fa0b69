import { InvalidInputError } from '@shequ/errors';

export const MAX_DESCRIPTION_LENGTH = 2000;

/** A case must say what the matter is: 2 to 2,000 characters after trimming. */
export function validDescription(raw: string): string {
  const description = raw.trim();
  if (description.length < 2) throw new InvalidInputError('description', '请填写事项内容（至少 2 个字）');
  if (description.length > MAX_DESCRIPTION_LENGTH)
    throw new InvalidInputError('description', `事项内容不能超过 ${MAX_DESCRIPTION_LENGTH} 字`);
  return description;
}
