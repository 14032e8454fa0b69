import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, isDomainError } from '../src/index.js';

describe('domain errors', () => {
  it('carry a code and the details that become GraphQL extensions', () => {
    const bad = new InvalidInputError('input.idNumber', '身份证号校验位错误');
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.details).toEqual({ field: 'input.idNumber' });
    expect(new NotFoundError('Resident', 'r1').details).toEqual({ entity: 'Resident', id: 'r1' });
    expect(new ForbiddenError('residents:read').message).toContain('residents:read');
    expect(new ConflictError('重复').code).toBe('CONFLICT');
  });

  it('are told apart from other errors', () => {
    expect(isDomainError(new ConflictError('x'))).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
  });
});
