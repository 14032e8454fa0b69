/**
 * Errors raised by domain rules and application services. They know nothing of GraphQL or the ORM:
 * the subgraph layer turns them into GraphQL errors with `extensions.code` (DESIGN §7).
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra machine-readable details copied to `extensions`. */
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** Bad input: names the offending field (a dotted path into the input, e.g. `input.idNumber`). */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    readonly field: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { field, ...details });
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(
    readonly entity: string,
    readonly id: string,
    message = `${entity} ${id} 不存在`,
  ) {
    super(message, { entity, id });
  }
}

/** A state conflict: a duplicate, or an operation the current state does not allow. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  constructor(
    readonly permission: string,
    message = `没有权限：需要 ${permission}`,
  ) {
    super(message, { permission });
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = '未认证：请提供有效的凭证（Authorization 头）') {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
