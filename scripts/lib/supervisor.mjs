// Starts and stops the processes of `npm start`: child processes with prefixed, readable log lines.
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { createInterface } from 'node:readline';

const COLORS = { nats: 90, residents: 32, cases: 33, partybuilding: 31, events: 35, gateway: 36 };
const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const color = (name, text) => (process.stdout.isTTY ? `\x1b[${COLORS[name] ?? 0}m${text}\x1b[0m` : text);

/** Pino JSON → `residents  INFO  message {details}`; other lines as they are. */
function formatLine(name, line) {
  let text = line;
  if (line.startsWith('{')) {
    try {
      const { level, time: _time, msg, name: _n, service: _s, pid: _p, hostname: _h, ...rest } = JSON.parse(line);
      const details = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
      text = `${LEVELS[level] ?? level} ${msg ?? ''}${details}`;
    } catch {
      // not JSON after all
    }
  }
  return `${color(name, name.padEnd(13))} ${text}`;
}

export class Supervisor {
  constructor() {
    this.children = [];
    this.stopping = false;
    this.onUnexpectedExit = () => {};
  }

  /** `stopLast`: stopped after every other child (NATS: the services flush their outboxes to it as they stop). */
  start(name, command, args, env, { stopLast = false } = {}) {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const entry = {
      name,
      child,
      stopLast,
      exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
    };
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => console.log(formatLine(name, line)));
    }
    child.once('error', (error) => console.error(formatLine(name, `cannot start: ${error.message}`)));
    entry.exited.then(({ code, signal }) => {
      if (!this.stopping) this.onUnexpectedExit(name, code, signal);
    });
    this.children.push(entry);
    return entry;
  }

  /** Stops children in reverse start order (those started with `stopLast` at the end): SIGTERM, then SIGKILL after 10 s. */
  async stopAll() {
    this.stopping = true;
    const reversed = [...this.children].reverse();
    for (const entry of [...reversed.filter((e) => !e.stopLast), ...reversed.filter((e) => e.stopLast)]) {
      const { child } = entry;
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await entry.exited;
      clearTimeout(timer);
    }
  }
}

/** Polls `check` every 50 ms (a readiness answer costs next to nothing; a quarter second per wait added up). */
export async function waitUntil(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

/**
 * Whether `url` answers GET with 2xx (within 2 s), through node:http: a refused or unready poll costs about half the
 * CPU of one through `fetch`, and `fetch`'s first call loads undici and compiles its WebAssembly HTTP parser — work
 * that competed with the services for the CPU while they started.
 */
export function httpOk(url) {
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode >= 200 && response.statusCode < 300);
    });
    request.once('error', () => resolve(false));
    request.once('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}
