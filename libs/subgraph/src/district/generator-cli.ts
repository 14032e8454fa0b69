import { isIsoDate } from '@shequ/contracts';
import { readCommandLine, refuseCommandLine } from '@shequ/errors';
import { databaseLocation, sqlDialectOf, type EntityManager } from '@shequ/database';
import type { SubgraphServiceDefinition } from '../subgraph-service.js';
import type { ReferenceDataset } from '../references/apply-reference.js';
import { GenerationProgress } from './bulk-insert.js';
import { openServiceDatabase } from '../service-database.js';
import { generateIntoDatabase, type CommunityWriter } from './generate-into-database.js';

export interface GeneratorArguments {
  residents: number;
  /** Cases over the year before `today` (default one per five residents: 200,000 at a million). */
  cases: number;
  /** Random seed of the district (the same seed and size give the same rows). */
  seed: string;
  /** The day the district is generated "as of" (ISO date): cases, meetings and events lie in the year before it. */
  today: string;
  /** A PostgreSQL server (each service in its own database `<name>_<service>`), or SQLite files in `dataDir`. */
  database?: string;
  dataDir?: string;
}

export const GENERATOR_USAGE = `用法：npm run generate -- --residents <人数> [--cases <件数>] [--seed <种子>] [--today YYYY-MM-DD] [--database postgresql://…] [--data-dir <目录>]
  生成一个辖区（思明区）的演示数据，写入各服务自己的数据库：街道、社区、网格、楼栋、户、居民、关爱对象、诉求、党员、活动。
  --residents 居民人数（默认 10000）；--cases 一年的诉求件数（默认居民数的五分之一）；--seed 随机种子（默认 思明区）；
  --today 以哪一天为“今天”（默认演示基准日）；--database 每个服务一个库 <库名>_<服务>；否则为 --data-dir（默认 SHEQU_DATA_DIR）下的 SQLite 文件。`;

/** The generator's arguments, read as every command reads them (libs/errors `readCommandLine`); bad input exits 2. */
export function parseGeneratorArguments(argv: string[], defaults: { today: string }): GeneratorArguments {
  const { values } = readCommandLine(GENERATOR_USAGE, {
    args: argv,
    options: {
      residents: { type: 'string', default: '10000' },
      cases: { type: 'string' },
      seed: { type: 'string', default: '思明区' },
      today: { type: 'string', default: defaults.today },
      database: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const residents = Number(values.residents);
  if (!Number.isInteger(residents) || residents < 1)
    refuseCommandLine(`--residents 须为正整数，收到 ${values.residents}`, GENERATOR_USAGE);
  const cases = values.cases === undefined ? Math.round(residents / 5) : Number(values.cases);
  if (!Number.isInteger(cases) || cases < 0)
    refuseCommandLine(`--cases 须为非负整数，收到 ${values.cases}`, GENERATOR_USAGE);
  if (!isIsoDate(values.today))
    refuseCommandLine(`--today 须为 YYYY-MM-DD 日期，收到 ${values.today}`, GENERATOR_USAGE);
  return {
    residents,
    cases,
    seed: values.seed,
    today: values.today,
    database: values.database,
    dataDir: values['data-dir'],
  };
}

/**
 * A service's `generate-district` command: opens its database (migrations first), refuses one that already holds
 * records, writes the generated communities and prints a progress line with the rate.
 */
export async function runDistrictGenerator<C extends ReferenceDataset>(
  definition: SubgraphServiceDefinition,
  args: GeneratorArguments,
  build: (args: GeneratorArguments) => { communities: Iterable<C>; writer: CommunityWriter<C>; references: boolean },
): Promise<void> {
  const location = databaseLocation({ service: definition.name, databaseUrl: args.database, dataDir: args.dataDir });
  const orm = await openServiceDatabase(definition, location, { maintainRollups: false });
  try {
    const { communities, writer, references } = build(args);
    const em = orm.em.fork() as EntityManager;
    if (await writer.hasData(em)) {
      process.stderr.write(`${definition.name} 的数据库（${location.dbName}）已有数据：生成器只写入空数据库\n`);
      process.exitCode = 1;
      return;
    }
    const progress = new GenerationProgress(definition.name);
    const summary = await generateIntoDatabase(em, definition, { communities, writer, references, progress });
    await analyzeAfterBulkLoad(em);
    process.stderr.write(
      `\r${progress.line(`${summary.communities} 个社区，用时 ${summary.seconds.toFixed(1)} 秒`)}\n`,
    );
  } finally {
    await orm.close(true);
  }
}

/**
 * What a bulk load is followed by: planner statistics for the new rows and, on PostgreSQL, the visibility map that
 * index-only scans need (autovacuum would get there later). Without it a district admin's name-prefix page on a
 * freshly generated million residents took 97 ms instead of 19 (the district benchmark).
 */
export async function analyzeAfterBulkLoad(em: EntityManager): Promise<void> {
  await em.getConnection().execute(sqlDialectOf(em) === 'postgresql' ? 'vacuum analyze' : 'analyze');
}
