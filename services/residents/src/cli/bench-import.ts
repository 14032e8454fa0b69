import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { composeResidentIdNumber } from '@shequ/contracts';
import type { DatabaseLocation, Orm } from '@shequ/database';
import { ENVIRONMENT, pickVariables, readEnvironment } from '@shequ/server';
import { Grid } from '../entities/grid.js';
import { importFileIntoDatabase, openResidentsDatabase } from './offline-import.js';

/**
 * `npm run bench` (residents): the streaming district import against a plain multi-row INSERT of the same rows,
 * side by side in one run, on SQLite and (with `BENCH_POSTGRES_URL`) PostgreSQL, at `BENCH_ROWS` and 4 × that.
 * Each measurement runs in its own child process (V8 heap capped at 128 MiB) on a fresh database, so its peak RSS is
 * its own:
 * - plain: the same resident rows, 500 per `INSERT … VALUES (…), (…)`, one transaction per 1,000 rows, straight
 *   through better-sqlite3 / pg into the migrated `resident` table (same indexes), nothing else;
 * - import: `npm run import`'s path reading the CSV file as a stream (checks, lookups, places, outbox events,
 *   rollup, per-row report file), then the same file again (all UNCHANGED).
 */
const env = readEnvironment(pickVariables(ENVIRONMENT, ['BENCH_ROWS', 'BENCH_IMPORT_SIZES', 'BENCH_POSTGRES_URL']));
const COMMUNITY = '350203008006';
/** Every run's V8 heap is capped: an import that held rows in memory would fail at the larger size. */
const HEAP_CAP_MIB = 128;
const LANES = ['香秀里', '莲秀里', '嘉莲里', '莲岳里', '秀华里'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑'.split('');
const GIVEN = '秀英建国丽华志强春梅文明海燕伟军晓红丽娟小明';
const HEADER =
  'idNumber,name,phone,gridCode,building,unit,room,housing,relationToHead,residenceType,residencePermitIssuedOn,residencePermitExpiresOn,landlordIdNumber';

interface BenchRow {
  idNumber: string;
  name: string;
  phone: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  csv: string;
}

function benchBirthDate(i: number): string {
  return `${1940 + (i % 80)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
}

function benchIdNumber(i: number): string {
  const region = ['350203', '360102', '350206', '350211', '350212', '350213'][Math.floor(i / 997) % 6];
  return composeResidentIdNumber(region, benchBirthDate(i), i % 997);
}

/** Row i of the generated district file (about 20% floating, three people a flat, 100 buildings in 5 grids). */
function benchRow(i: number): BenchRow {
  const building = Math.floor(i / 300) % 100;
  const lane = LANES[building % LANES.length];
  const flat = Math.floor(i / 3);
  const birthDate = benchBirthDate(i);
  const idNumber = benchIdNumber(i);
  // A floating resident rents: the landlord is the row before (registered by the same file).
  const floating = i % 5 === 0 && i > 0;
  const name =
    SURNAMES[i % SURNAMES.length] + GIVEN.slice((i * 2) % (GIVEN.length - 1), ((i * 2) % (GIVEN.length - 1)) + 2);
  const phone = `13${String((i * 7919) % 1_000_000_000).padStart(9, '0')}`;
  const csv = [
    idNumber,
    name,
    phone,
    `${COMMUNITY}-0${(building % LANES.length) + 1}`,
    `${lane}${building + 1}号楼`,
    `${(flat % 4) + 1}`,
    `${flat}`,
    floating ? 'RENTED' : 'OWNED',
    i % 3 === 0 ? 'HEAD' : 'OTHER',
    floating ? 'FLOATING' : 'REGISTERED',
    floating ? '2026-01-10' : '',
    floating ? '2027-01-09' : '',
    floating ? benchIdNumber(i - 1) : '',
  ].join(',');
  return { idNumber, name, phone, gender: Number(idNumber[16]) % 2 ? 'MALE' : 'FEMALE', birthDate, csv };
}

/** The 6-digit region × birth date × sequence of `benchRow` never repeats below ~1.6 million rows. */
async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(HEADER + '\n');
  for (let i = 0; i < rows; i++) if (!out.write(benchRow(i).csv + '\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

type Dialect = 'sqlite' | 'postgresql';

async function freshDatabase(dialect: Dialect, dir: string, name: string): Promise<DatabaseLocation> {
  if (dialect === 'sqlite') return { dialect, dbName: join(dir, `${name}.sqlite`) };
  const admin = new pg.Client({ connectionString: env.BENCH_POSTGRES_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${name}"`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(env.BENCH_POSTGRES_URL!);
  url.pathname = `/${name}`;
  return { dialect, dbName: name, clientUrl: url.toString() };
}

async function dropDatabase(location: DatabaseLocation): Promise<void> {
  if (location.dialect !== 'postgresql') return;
  const admin = new pg.Client({ connectionString: env.BENCH_POSTGRES_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${location.dbName}"`);
  await admin.end();
}

async function seedGrids(orm: Orm): Promise<void> {
  const em = orm.em.fork();
  LANES.forEach((lane, i) =>
    em.create(Grid, {
      id: `bench-grid-${i + 1}`,
      communityId: COMMUNITY,
      code: `${COMMUNITY}-0${i + 1}`,
      name: `${lane}网格`,
    }),
  );
  await em.flush();
}

const COLUMNS = [
  'id',
  'community_id',
  'name',
  'id_number',
  'gender',
  'birth_date',
  'phone',
  'relation_to_head',
  'residence_type',
  'status',
  'created_at',
  'updated_at',
];

/** CPU seconds (user + system) the PostgreSQL server processes `pids` have used so far (same machine, `/proc`). */
function backendCpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      // ended meanwhile
    }
  }
  return ticks / 100;
}

/** The server processes of the bench database's connections (the ORM's pool keeps them open between chunks). */
async function serverCpu(orm: Orm): Promise<Map<number, number>> {
  const rows = await orm.em
    .getConnection()
    .execute<Array<{ pid: number }>>('select pid from pg_stat_activity where datname = current_database()');
  return new Map(rows.map((r) => [r.pid, backendCpuSeconds([r.pid])]));
}

let plainServerCpuSeconds: number | undefined;

/** The same rows by plain multi-row INSERT, straight through the driver. Returns seconds. */
async function plainInsert(location: DatabaseLocation, rows: number): Promise<number> {
  const now = new Date();
  const values = (i: number) => {
    const r = benchRow(i);
    return [
      `plain-${i}`,
      COMMUNITY,
      r.name,
      r.idNumber,
      r.gender,
      r.birthDate,
      r.phone,
      'OTHER',
      'REGISTERED',
      'ACTIVE',
    ];
  };
  if (location.dialect === 'sqlite') {
    interface Statement {
      run(...params: unknown[]): unknown;
    }
    interface Sqlite {
      prepare(sql: string): Statement;
      exec(sql: string): void;
      close(): void;
    }
    const open = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => Sqlite;
    const db = new open(location.dbName);
    db.exec('pragma journal_mode = wal');
    const started = performance.now();
    const statements = new Map<number, Statement>();
    const statement = (n: number) => {
      let s = statements.get(n);
      if (!s) {
        s = db.prepare(
          `insert into resident (${COLUMNS.join(', ')}) values ${Array.from({ length: n }, () => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}`,
        );
        statements.set(n, s);
      }
      return s;
    };
    // MikroORM stores datetimes on SQLite as epoch milliseconds.
    for (let start = 0; start < rows; start += 1000) {
      db.exec('begin');
      for (let i = start; i < Math.min(start + 1000, rows); i += 500) {
        const n = Math.min(500, rows - i, start + 1000 - i);
        statement(n).run(
          ...Array.from({ length: n }, (_, k) => [...values(i + k), now.getTime(), now.getTime()]).flat(),
        );
      }
      db.exec('commit');
    }
    const seconds = (performance.now() - started) / 1000;
    db.close();
    return seconds;
  }
  const client = new pg.Client({ connectionString: location.clientUrl });
  await client.connect();
  const started = performance.now();
  for (let start = 0; start < rows; start += 1000) {
    await client.query('begin');
    for (let i = start; i < Math.min(start + 1000, rows); i += 500) {
      const n = Math.min(500, rows - i, start + 1000 - i);
      const params = Array.from({ length: n }, (_, k) => [...values(i + k), now, now]).flat();
      await client.query(
        `insert into resident (${COLUMNS.join(', ')}) values ${Array.from(
          { length: n },
          (_, k) => `(${COLUMNS.map((__, c) => `$${k * COLUMNS.length + c + 1}`).join(', ')})`,
        ).join(', ')}`,
        params,
      );
    }
    await client.query('commit');
  }
  const seconds = (performance.now() - started) / 1000;
  const { rows: backend } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  plainServerCpuSeconds = backendCpuSeconds(backend.map((b) => b.pid));
  await client.end();
  return seconds;
}

interface Measurement {
  dialect: Dialect;
  rows: number;
  plainSeconds?: number;
  /** CPU time (user + system) of this process during the run: less swayed by other processes than wall time. */
  plainCpuSeconds?: number;
  importSeconds?: number;
  importCpuSeconds?: number;
  /** PostgreSQL: CPU time of the server processes serving the run. */
  plainServerCpuSeconds?: number;
  importServerCpuSeconds?: number;
  reimportSeconds?: number;
  outcomes?: string;
  peakRssMiB: number;
}

/** One measurement in this (child) process; prints it as JSON on stdout. */
async function child(mode: Mode, dialect: Dialect, rows: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'residents-bench-'));
  const location = await freshDatabase(dialect, dir, `bench_import_${mode}_${process.pid}`);
  const orm = await openResidentsDatabase(location);
  const result: Measurement = { dialect, rows, peakRssMiB: 0 };
  try {
    await seedGrids(orm);
    if (mode === 'plain') {
      await orm.close(true);
      const cpu = process.cpuUsage();
      result.plainSeconds = await plainInsert(location, rows);
      result.plainCpuSeconds = cpuSince(cpu);
      result.plainServerCpuSeconds = plainServerCpuSeconds;
    } else {
      const file = join(dir, 'district.csv');
      await writeCsv(file, rows);
      const run = async () => {
        const started = performance.now();
        const cpu = process.cpuUsage();
        const counts = await importFileIntoDatabase(orm, {
          format: 'CSV',
          path: file,
          communityId: COMMUNITY,
          reportPath: join(dir, 'report.ndjson'),
          writeAside: mode !== 'import-one-thread',
          today: new Date('2026-11-30T00:00:00Z'),
          // a progress line on stderr every 100,000 rows (a 1,000,000-row run takes minutes)
          onProgress: (c) => {
            if (c.total % 100_000 === 0)
              process.stderr.write(
                `  ${dialect} import: ${c.total} rows, ${Math.round(c.total / ((performance.now() - started) / 1000))} rows/s, RSS ${Math.round(process.memoryUsage.rss() / 1048576)} MiB\n`,
              );
          },
        });
        if (counts.total !== rows || counts.rejected > 0)
          throw new Error(`unexpected outcomes ${JSON.stringify(counts)}`);
        return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpu), counts };
      };
      const postgres = dialect === 'postgresql';
      const serverBefore = postgres ? await serverCpu(orm) : new Map<number, number>();
      const first = await run();
      if (postgres) {
        const after = await serverCpu(orm);
        result.importServerCpuSeconds = [...after].reduce(
          (sum, [pid, cpu]) => sum + cpu - (serverBefore.get(pid) ?? 0),
          0,
        );
      }
      result.importSeconds = first.seconds;
      result.importCpuSeconds = first.cpuSeconds;
      const again = await run();
      result.reimportSeconds = again.seconds;
      result.outcomes = `created ${first.counts.created}, then unchanged ${again.counts.unchanged}; report ${(statSync(join(dir, 'report.ndjson')).size / 1024 / 1024).toFixed(1)} MB`;
      await orm.close(true);
    }
  } finally {
    await dropDatabase(location);
    rmSync(dir, { recursive: true, force: true });
  }
  result.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify(result) + '\n');
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

type Mode = 'plain' | 'import' | 'import-one-thread';

function measure(mode: Mode, dialect: Dialect, rows: number): Measurement {
  const args = [
    `--max-old-space-size=${HEAP_CAP_MIB}`,
    fileURLToPath(import.meta.url),
    '--child',
    mode,
    dialect,
    String(rows),
  ];
  const run = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`bench child ${mode} ${dialect} ${rows} failed`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Measurement;
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  const [mode, dialect, rows] = process.argv.slice(childIndex + 1);
  await child(mode as Mode, dialect as Dialect, Number(rows));
} else {
  const sizes = env.BENCH_IMPORT_SIZES
    ? env.BENCH_IMPORT_SIZES.split(',').map(Number)
    : [env.BENCH_ROWS, env.BENCH_ROWS * 4];
  const dialects: Dialect[] = env.BENCH_POSTGRES_URL ? ['sqlite', 'postgresql'] : ['sqlite'];
  console.log(
    `residents import bench: ${sizes.join(' and ')} CSV rows, heap cap ${HEAP_CAP_MIB} MiB a run; ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; node ${process.version}`,
  );
  const rate = (rows: number, seconds?: number) => (seconds ? Math.round(rows / seconds) : 0);
  const micros = (rows: number, seconds?: number) => (seconds ? ((seconds * 1e6) / rows).toFixed(0) : '?');
  for (const dialect of dialects) {
    for (const rows of sizes) {
      const plain = measure('plain', dialect, rows);
      const imported = measure('import', dialect, rows);
      // SQLite: the same import with every write on the main thread (no write worker), side by side
      const oneThread = dialect === 'sqlite' ? measure('import-one-thread', dialect, rows) : null;
      const plainRate = rate(rows, plain.plainSeconds);
      const importRate = rate(rows, imported.importSeconds);
      const oneThreadRate = oneThread ? rate(rows, oneThread.importSeconds) : 0;
      console.log(
        `${dialect.padEnd(10)} ${String(rows).padStart(8)} rows | plain multi-row INSERT ${plainRate} rows/s | ` +
          `streaming import ${importRate} rows/s (${(importRate / plainRate).toFixed(2)}× plain), ` +
          `re-import ${rate(rows, imported.reimportSeconds)} rows/s | CPU of the process per row: plain ` +
          `${micros(rows, plain.plainCpuSeconds)} µs, import ${micros(rows, imported.importCpuSeconds)} µs` +
          (dialect === 'postgresql'
            ? `, server plain ${micros(rows, plain.plainServerCpuSeconds)} µs, import ${micros(rows, imported.importServerCpuSeconds)} µs`
            : '') +
          (oneThread
            ? ` | one thread (no write worker): ${oneThreadRate} rows/s (${(oneThreadRate / plainRate).toFixed(2)}× plain), ` +
              `re-import ${rate(rows, oneThread.reimportSeconds)} rows/s, CPU ${micros(rows, oneThread.importCpuSeconds)} µs/row, ` +
              `peak RSS ${oneThread.peakRssMiB} MiB`
            : '') +
          ` | peak RSS import ${imported.peakRssMiB} MiB ` +
          `(plain ${plain.peakRssMiB} MiB) | ${imported.outcomes}`,
      );
    }
  }
}
