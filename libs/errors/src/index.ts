/**
 * Errors raised by domain rules and application services. They know nothing of GraphQL or the ORM:
 * the subgraph layer turns them into GraphQL errors with `extensions.code` (DESIGN §7).
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  /** A reference this service cannot check yet (its projection is still catching up): retry shortly. */
  | 'NOT_YET_SYNCED'
  /** The service has more writes waiting than it takes (its SQLite transaction queue is full): retry shortly. */
  | 'SERVICE_BUSY';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra machine-readable details copied to `extensions`. */
  readonly details: Record<string, unknown>;

  /** `options.cause`: the failure it stands for (logged, never shown to the caller). */
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
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

/**
 * An id of another service's record (a resident, a household, a staff member …) that this service's projection
 * does not know, or knows as out of scope: BAD_USER_INPUT with the field, nothing written.
 */
export class UnknownReferenceError extends InvalidInputError {
  constructor(
    field: string,
    message: string,
    readonly kind: string,
    readonly id: string,
  ) {
    super(field, message, { reference: kind });
  }
}

/**
 * The projection a reference is checked against is still catching up: a retryable refusal, nothing written. `field`:
 * the input field of the reference; undefined when it is the caller's own record (`UnregisteredCallerError`).
 */
export class ReferenceNotSyncedError extends DomainError {
  readonly code = 'NOT_YET_SYNCED' as const;
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message, { ...(field === undefined ? {} : { field }), retryable: true });
  }
}

/** Too many writes wait for their turn (the SQLite transaction queue's limit): nothing was written, retry shortly. */
export class ServiceBusyError extends DomainError {
  readonly code = 'SERVICE_BUSY' as const;
  constructor(message: string) {
    super(message, { retryable: true });
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

/**
 * The caller is not on the register another service keeps that a write needs (a visit logged by someone not on the
 * community's staff register, in post): FORBIDDEN naming the caller, no input field. Like `UnknownReferenceError`,
 * it becomes a retryable NOT_YET_SYNCED while the projection it was checked against is still catching up.
 */
export class UnregisteredCallerError extends ForbiddenError {
  constructor(
    permission: string,
    message: string,
    readonly kind: string,
    readonly id: string,
  ) {
    super(permission, message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
export * from './statement-values.js';
export * from './command-line.js';
export * from './counts.js';
