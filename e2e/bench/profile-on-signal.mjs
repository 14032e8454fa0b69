// preloaded (NODE_OPTIONS="--import <this file>", with PROF_DIR): a CPU profile of the process from its first
// module until SIGUSR2 (start-cpu.mjs sends it at ready) or, with PROF_AT_EXIT=1, until it exits, written to
// PROF_DIR with the process's CPU seconds then.
import { Session } from 'node:inspector';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const session = new Session();
session.connect();
session.post('Profiler.setSamplingInterval', { interval: Number(process.env.PROF_INTERVAL ?? 500) });
session.post('Profiler.enable');
session.post('Profiler.start');
const name = (process.argv[1] ?? 'node').replace(/.*\/(services\/)?([^/]+)\/dist\/main\.js$/, '$2').replace(/.*\//, '');
// `node --cpu-prof` is refused in NODE_OPTIONS: with PROF_AT_EXIT=1 the profile is written when the process exits
// instead (a bench's services, stopped at its end), so a whole benchmark run is profiled per process
let written = false;
const write = () => {
  if (written) return;
  written = true;
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    writeFileSync(join(process.env.PROF_DIR, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    const [user, system] = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ').slice(11, 13).map(Number);
    writeFileSync(join(process.env.PROF_DIR, `${name}-${process.pid}.cpu`), String((user + system) / 100));
  });
};
process.on(process.env.PROF_AT_EXIT ? 'exit' : 'SIGUSR2', write);
