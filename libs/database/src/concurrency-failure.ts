import { DeadlockException } from '@mikro-orm/core';

/**
 * PostgreSQL aborted the transaction for another that holds what it waits for (a deadlock, SQLSTATE 40P01; two
 * writes locking the same rows in another order, e.g. a reference checked `FOR SHARE` while a consumer applies a
 * fact about it) or could not serialise it (40001): nothing was written, and the same work run again succeeds.
 *
 * An error caused by one (`cause`, e.g. the CONFLICT a subgraph's `ctx.transaction` answers for it) is one too.
 */
export function isConcurrencyFailure(error: unknown): boolean {
  for (let depth = 0; error !== null && typeof error === 'object' && depth < 5; depth++) {
    if (error instanceof DeadlockException) return true;
    const code = (error as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
    error = (error as { cause?: unknown }).cause;
  }
  return false;
}

/** How often a transaction the database aborted as a transient conflict is run again (a consumer's, an import chunk's). */
export const CONCURRENCY_RETRIES = 4;

/** A short, growing, jittered pause before the `attempt`-th run again (the other transaction finishes meanwhile). */
export function concurrencyPause(attempt: number): Promise<void> {
  const ms = 20 * 2 ** Math.min(attempt, 5) + Math.floor(Math.random() * 20);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `work` (a whole transaction) and, when the database aborts it as a transient conflict
 * ({@link isConcurrencyFailure}), runs it again up to `retries` times; any other failure, or the last conflict, is
 * thrown.
 */
export async function retryingConcurrencyFailures<T>(
  work: () => Promise<T>,
  retries = CONCURRENCY_RETRIES,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= retries || !isConcurrencyFailure(error)) throw error;
      await concurrencyPause(attempt);
    }
  }
}
