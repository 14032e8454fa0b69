#!/usr/bin/env node
import { accessSync, constants } from 'node:fs';
import { extname, resolve } from 'node:path';
import { databaseLocation } from '@shequ/database';
import { readCommandLine, refuseCommandLine } from '@shequ/errors';
import { DEFAULT_COMMUNITY_ID } from '@shequ/subgraph';
import { importFileIntoDatabase, openResidentsDatabase } from './offline-import.js';

const USAGE = `用法：npm run import -- <文件.csv|文件.json|文件.ndjson> [--community 350203008006] [--format CSV|JSON|NDJSON] [--report 结果.ndjson|结果.csv]
  从区级人口库文件导入居民（按身份证号新增或更新），边读边导入，内存不随行数增长。
  逐行结果写入报告文件（默认 <文件>.report.ndjson）。数据库同 residents 服务（SHEQU_DATA_DIR 或 RESIDENTS_DATABASE_URL / DATABASE_URL）。`;

const { values, positionals } = readCommandLine(USAGE, {
  options: { community: { type: 'string' }, format: { type: 'string' }, report: { type: 'string' } },
  allowPositionals: true,
});
if (positionals.length !== 1)
  refuseCommandLine(
    positionals.length === 0 ? '须给出要导入的文件' : `只能导入一个文件，收到 ${positionals.length} 个`,
    USAGE,
  );
const file = positionals[0];
const cwd = process.env.INIT_CWD ?? process.cwd();
const path = resolve(cwd, file);
const extension = extname(path).toLowerCase();
const format = (
  values.format ??
  (extension === '.json' ? 'JSON' : extension === '.ndjson' || extension === '.jsonl' ? 'NDJSON' : 'CSV')
).toUpperCase();
if (format !== 'CSV' && format !== 'JSON' && format !== 'NDJSON')
  refuseCommandLine(`未知格式 ${format}：只支持 CSV、JSON 或 NDJSON`, USAGE);
try {
  accessSync(path, constants.R_OK);
} catch (error) {
  refuseCommandLine(`无法读取 ${path}：${(error as Error).message}`, USAGE);
}
const reportPath = resolve(cwd, values.report ?? `${path}.report.ndjson`);
const communityId = values.community ?? process.env.SHEQU_COMMUNITY ?? DEFAULT_COMMUNITY_ID;
const orm = await openResidentsDatabase(databaseLocation({ service: 'residents' }));
const started = performance.now();
try {
  const counts = await importFileIntoDatabase(orm, {
    format,
    path,
    communityId,
    reportPath,
    onProgress: (c) => {
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`\r导入进度 ${c.total} 行，${Math.round(c.total / Math.max(seconds, 0.001))} 行/秒`);
    },
  });
  process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${path}: 共 ${counts.total} 行 — 新增 ${counts.created}，更新 ${counts.updated}，无变化 ${counts.unchanged}，拒绝 ${counts.rejected}（${seconds.toFixed(1)} 秒，${Math.round(counts.total / Math.max(seconds, 0.001))} 行/秒）`,
  );
  console.log(`逐行结果：${reportPath}`);
} catch (error) {
  process.stderr.write('\n');
  console.error(`导入失败：${(error as Error).message}（已提交的行见 ${reportPath}）`);
  process.exitCode = 1;
} finally {
  await orm.close(true);
}
