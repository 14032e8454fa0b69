import { existsSync, readFileSync } from 'node:fs';
import type { RunningProcess } from '@shequ/testing';

/** CPU time (user + system, clock ticks) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function cpuTicks(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  // Fields after the command name "(…)": state is the 3rd field, utime and stime the 14th and 15th.
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Waits until the services are idle: right after start they still relay the demo seed's events through
 * NATS and apply them in the consuming services, which would load the first measured operation. Idle: the
 * processes together use under `idleTicksPerSecond` (100 ticks = one core) for two seconds in a row.
 * Returns the seconds waited, or undefined when /proc is not there (then it does not wait).
 */
export async function waitUntilIdle(
  processes: RunningProcess[],
  { idleTicksPerSecond = 8, timeoutMs = 90_000 } = {},
): Promise<number | undefined> {
  const total = () => {
    let sum = 0;
    for (const p of processes) {
      const ticks = cpuTicks(p.child.pid);
      if (ticks === undefined) return undefined;
      sum += ticks;
    }
    return sum;
  };
  const started = performance.now();
  let previous = total();
  if (previous === undefined) return undefined;
  let quiet = 0;
  while (quiet < 2 && performance.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = total();
    if (now === undefined) return undefined;
    quiet = now - previous < idleTicksPerSecond ? quiet + 1 : 0;
    previous = now;
  }
  return (performance.now() - started) / 1000;
}
