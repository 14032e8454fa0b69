import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean } = {},
): RunningProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  const collect = (chunk: Buffer) => {
    buffer += chunk.toString();
    if (buffer.length > 200_000) buffer = buffer.slice(-100_000);
    if (options.echo) process.stderr.write(`[${name}] ${chunk.toString()}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      buffer += `\n${error.message}`;
      resolve(-1);
    });
  });
  return {
    name,
    child,
    exited,
    output: () => buffer,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Why `process` is no longer running ("npm start exited with code 1"), or undefined while it runs: for `giveUpIf`. */
export function exitReason({ name, child }: RunningProcess): string | undefined {
  if (child.exitCode !== null) return `${name} exited with code ${child.exitCode}`;
  if (child.signalCode !== null) return `${name} was killed by ${child.signalCode}`;
  return undefined;
}
