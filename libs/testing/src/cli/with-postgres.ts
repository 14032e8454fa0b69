import { spawn } from 'node:child_process';
import { startPostgres } from '../postgres-server.js';
import { TEST_POSTGRES_URL_VARIABLE } from '../test-database.js';

// Usage: node with-postgres.js <command> [args…]
// Starts a throwaway PostgreSQL, runs the command with SHEQU_TEST_POSTGRES_URL set, stops the server,
// and exits with the command's exit code. `npm test` runs the whole test pipeline under it.
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-postgres <command> [args…]');
  process.exit(2);
}
const pg = await startPostgres();
console.log(`PostgreSQL for tests: ${pg.url}`);
const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, [TEST_POSTGRES_URL_VARIABLE]: pg.url } });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
const code: number = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
await pg.stop();
process.exit(code);
