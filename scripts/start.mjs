// `npm start`: install what is missing, build, then run NATS, the four services and the gateway with demo
// data, until Ctrl-C. Everything it starts, it stops.
import { connect } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureNatsServer } from './lib/debian-packages.mjs';
import { ROOT, ensureNpmDependencies } from './lib/npm-install.mjs';
import { builtFrom, recordBuild, sourceState } from './lib/build-state.mjs';
import { checkPorts } from './lib/ports.mjs';
import { runOrExit } from './lib/run-command.mjs';
import { Supervisor, httpOk, waitUntil } from './lib/supervisor.mjs';

const SERVICES = ['residents', 'cases', 'partybuilding', 'events'];
// The Node flags of every service and the gateway, in one place for npm start, the e2e system and the benchmarks:
// a smaller young generation (4 MiB semi-spaces instead of up to 16), about 25 MB less RSS per process, idle and
// under load, for slightly more frequent minor collections; an old generation that grows by 40 % between major
// collections instead of up to ×4; two glibc malloc arenas instead of eight per core (MALLOC_ARENA_MAX).
const { flags: NODE_FLAGS, env: NODE_FLAGS_ENV } = JSON.parse(
  readFileSync(new URL('./node-flags.json', import.meta.url), 'utf8'),
);

if (process.env.SHEQU_SKIP_INSTALL !== '1') await ensureNpmDependencies();
const natsServer = await ensureNatsServer();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
if (process.env.SHEQU_SKIP_BUILD !== '1') {
  const before = sourceState(ROOT);
  if (before && before === builtFrom(ROOT)) {
    console.log('▸ build up to date (nothing changed since the last build)');
  } else {
    console.log('▸ building (turbo: only what changed)…');
    await runOrExit(resolve(ROOT, 'node_modules/.bin/turbo'), ['run', 'build', '--output-logs=errors-only'], {
      cwd: ROOT,
    });
    // the build rewrites generated files (schemas, supergraph): the state after it is what the next start compares
    recordBuild(ROOT, sourceState(ROOT));
  }
}
// every variable npm start reads, checked once (a bad value stops here, naming the variable); only the two
// modules that do it are loaded (the package's index loads Apollo Server, pino, metrics: ~0.5 s of CPU at start)
const [{ readEnvironment }, { variablesUsedBy }] = await Promise.all([
  import('../libs/server/dist/config/environment.js'),
  import('../libs/server/dist/config/environment-variables.js'),
]);
try {
  readEnvironment(variablesUsedBy('npm start'));
} catch (error) {
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
const ports = await checkPorts();
const dataDir = resolve(ROOT, process.env.SHEQU_DATA_DIR ?? '.data');
mkdirSync(resolve(dataDir, 'nats'), { recursive: true });

const env = {
  ...process.env,
  ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  SHEQU_DATA_DIR: dataDir,
  SHEQU_SEED: process.env.SHEQU_SEED ?? 'demo',
  SHEQU_PARENT_PID: String(process.pid),
  ...NODE_FLAGS_ENV,
};
// The bus is a trust boundary: fresh credentials on every start, one NATS user per service (publishes only
// shequ.<service>.>) and a read-only user for district platforms; the server config is generated from them.
// The platform user reads only the aggregates its granted scopes read (SHEQU_NATS_PLATFORM_SCOPES; by default none
// whose events name a person).
const contracts = (file) => import(resolve(ROOT, `libs/contracts/dist/bus-access/${file}.js`));
const [
  { generateNatsCredentials, natsCredentialEnv, natsServerConfig },
  { platformSubjects },
  { parsePlatformScopes },
] = await Promise.all([contracts('nats-server-config'), contracts('nats-permissions'), contracts('aggregate-scopes')]);
let platformScopes;
try {
  platformScopes = parsePlatformScopes(process.env.SHEQU_NATS_PLATFORM_SCOPES);
} catch (error) {
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
const natsCredentials = generateNatsCredentials();
const natsConfig = resolve(dataDir, 'nats-server.conf');
const platformCredentials = resolve(dataDir, 'nats-platform.json');
// written after the services are spawned, before nats-server starts: the services need only their own credentials
// (in their environment), and the permissions of the config (~0.1 s of CPU) need not delay them
function writeNatsFiles() {
  writeFileSync(natsConfig, natsServerConfig(natsCredentials, { platformScopes }), { mode: 0o600 });
  writeFileSync(platformCredentials, `${JSON.stringify(natsCredentials.platform, null, 2)}\n`, { mode: 0o600 });
  // the services' own keys, for operators' tools that must act as a service (`npm run dead-letters -- replay`)
  const { platform: _platform, ...serviceCredentials } = natsCredentials;
  writeFileSync(resolve(dataDir, 'nats-service-keys.json'), `${JSON.stringify(serviceCredentials, null, 2)}\n`, {
    mode: 0o600,
  });
}
const production = process.env.NODE_ENV === 'production';

const supervisor = new Supervisor();
let shuttingDown = false;
async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\n▸ stopping gateway, services and NATS…');
  await supervisor.stopAll();
  console.log('▸ stopped; nothing left running.');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
supervisor.onUnexpectedExit = (name, code, signal) => {
  console.error(`✗ ${name} exited unexpectedly (${signal ?? `exit ${code}`}); stopping everything.`);
  shutdown(1);
};

try {
  // The four subgraphs and the gateway start first, NATS right after them: a process loads its modules for a second
  // or more before it connects, and waits for NATS when it is not there yet (waitOnFirstConnect); the gateway serves
  // the supergraph composed at build time and needs no subgraph to start; each service migrates and seeds its own
  // database.
  console.log('▸ starting the four subgraphs and the gateway (migrations run, demo data loads into empty databases)…');
  const bootAt = performance.now();
  for (const name of SERVICES)
    supervisor.start(name, process.execPath, [...NODE_FLAGS, resolve(ROOT, `services/${name}/dist/main.js`)], {
      ...env,
      ...natsCredentialEnv(natsCredentials, name),
    });
  supervisor.start('gateway', process.execPath, [...NODE_FLAGS, resolve(ROOT, 'gateway/dist/main.js')], env);
  writeNatsFiles();
  console.log(`▸ starting nats-server (JetStream, store ${dataDir}/nats) on port ${ports.NATS_PORT}…`);
  supervisor.start(
    'nats',
    natsServer,
    ['-c', natsConfig, '-js', '-a', '127.0.0.1', '-p', String(ports.NATS_PORT), '-sd', resolve(dataDir, 'nats')],
    env,
    { stopLast: true },
  );
  await waitUntil(
    () =>
      new Promise((ok) =>
        connect(ports.NATS_PORT, '127.0.0.1')
          .once('connect', function () {
            this.destroy();
            ok(true);
          })
          .once('error', () => ok(false)),
      ),
    15_000,
    'nats-server',
  );
  await Promise.all([
    ...SERVICES.map((name) =>
      waitUntil(
        () => httpOk(`http://127.0.0.1:${ports[`${name.toUpperCase()}_PORT`]}/ready`),
        300_000, // a fresh data folder is seeded first: on a busy machine that takes minutes
        `${name} to be ready`,
      ),
    ),
    waitUntil(() => httpOk(`http://127.0.0.1:${ports.GATEWAY_PORT}/health`), 120_000, 'the gateway'),
  ]);
  console.log(`▸ ready ${seconds(0)} after npm start began (processes: ${seconds(bootAt)})`);
} catch (error) {
  console.error(`✗ ${error.message}`);
  await shutdown(1);
}

const url = `http://localhost:${ports.GATEWAY_PORT}/graphql`;
const where = `(莲秀社区 demo data; subgraphs on ports ${SERVICES.map((s) => ports[`${s.toUpperCase()}_PORT`]).join(', ')}; NATS on ${ports.NATS_PORT})`;
const platformAggregates = platformSubjects(platformScopes).map((subject) => subject.split('.')[2]);
const platformNote = ` District platforms read the event stream as NATS user "platform" (read-only, no audit subjects);
 its NKey seed for this run is in ${platformCredentials}.
 It is granted ${platformScopes.join(', ')}${process.env.SHEQU_NATS_PLATFORM_SCOPES ? '' : ' (the default: no personal data)'}
 and reads ${platformAggregates.join(', ')} (SHEQU_NATS_PLATFORM_SCOPES grants more).`;
if (production) {
  // production mode prints no credential: tokens come from the identity provider, never from a start script
  console.log(`
────────────────────────────────────────────────────────────────────────────
 Shequ Graph is running (production mode): ${url}
 ${where}
${platformNote}

 Ctrl-C stops everything.
────────────────────────────────────────────────────────────────────────────`);
} else {
  await printDevelopmentBanner();
}

// signed in this process (the JWT module of libs/auth), as `npm run token` would: one import instead of starting
// a Node process per token after the system is ready
async function devToken(role, name, community = '350203008006') {
  const { jwtSettingsFromEnv, signHs256Token } = await import('../libs/auth/dist/jwt.js');
  return signHs256Token(
    { sub: `dev-${role}`, name, community, department: null, roles: [role], grids: [] },
    jwtSettingsFromEnv(env),
    '7d',
  );
}

async function printDevelopmentBanner() {
  const token = await devToken('community_admin', '社区管理员（开发）');
  // 嘉莲街道 (350203008): its admin writes in one community at a time (header X-Shequ-Community), its analyst
  // sees statistics over all of the street's communities.
  const streetAdminToken = await devToken('street_admin', '嘉莲街道管理员（开发）', '350203008');
  const streetAnalystToken = await devToken('analyst', '嘉莲街道分析人员（开发）', '350203008');
  console.log(`
────────────────────────────────────────────────────────────────────────────
 Shequ Graph is running: ${url}
 ${where}
${platformNote}

 A development token for community_admin (7 days; others: npm run token -- --role <role> [--grid <code>]):
   ${token}
 嘉莲街道 street admin (莲秀社区 and four small generated communities, 350203008001–004; writes need the header
 x-shequ-community: <12-digit community code>):
   ${streetAdminToken}
 嘉莲街道 analyst (statistics over the street's communities, never a person):
   ${streetAnalystToken}

 Explorer (GraphiQL, no internet needed; paste the token above, saved queries on the left):
   http://localhost:${ports.GATEWAY_PORT}/explorer

 Try:
   curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${token}' \\
     -d '{"query":"{ residents(first: 3) { totalCount edges { node { name gender birthDate household { address building { grid { name } } } cases { number assignedGrid { name } } partyMember { stage } eventRegistrations { event { title } } } } } }"}'

 Ctrl-C stops everything.
────────────────────────────────────────────────────────────────────────────`);
}
