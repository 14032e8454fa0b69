import { describe, expect, it } from 'vitest';
import { exitReason, startProcess, waitFor } from '../src/index.js';

describe('waitFor', () => {
  it('gives up at once when a process it waits on exits, naming its exit code, long before the timeout', async () => {
    const child = startProcess('crasher', process.execPath, ['-e', 'process.exit(3)']);
    const started = Date.now();
    await expect(
      waitFor(() => false, { timeoutMs: 60_000, intervalMs: 20, what: 'an answer', giveUpIf: () => exitReason(child) }),
    ).rejects.toThrow('gave up waiting for an answer: crasher exited with code 3');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('keeps waiting while the process runs, and returns what the check found', async () => {
    const child = startProcess('sleeper', process.execPath, ['-e', 'setTimeout(() => {}, 30_000)']);
    try {
      let polls = 0;
      const found = await waitFor(() => (++polls === 5 ? 'ready' : undefined), {
        intervalMs: 10,
        giveUpIf: () => exitReason(child),
      });
      expect(found).toBe('ready');
      expect(exitReason(child)).toBeUndefined();
    } finally {
      await child.stop();
    }
    expect(exitReason(child)).toMatch(/sleeper (exited with code|was killed by SIGTERM)/);
  });
});
