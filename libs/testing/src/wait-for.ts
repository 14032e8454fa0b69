import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` until it returns a truthy value or `timeoutMs` passes. `giveUpIf`, when given, is asked before each
 * poll: a reason it returns (a process that exited, say) fails the wait at once with that reason.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  {
    timeoutMs = 10_000,
    intervalMs = 50,
    what = 'condition',
    giveUpIf,
  }: { timeoutMs?: number; intervalMs?: number; what?: string; giveUpIf?: () => string | undefined } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const reason = giveUpIf?.();
    if (reason !== undefined) throw new Error(`gave up waiting for ${what}: ${reason}`);
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const suffix = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${suffix}`);
    }
    await sleep(intervalMs);
  }
}

export function portIsOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
