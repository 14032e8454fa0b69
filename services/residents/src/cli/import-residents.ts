#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { databaseLocation } from '@shequ/database';
import { DEFAULT_COMMUNITY_ID } from '@shequ/subgraph';
import { importIntoDatabase, openResidentsDatabase } from './offline-import.js';

const USAGE = `用法：npm run import -- <文件.csv|文件.json> [--community 350203008006] [--format CSV|JSON]
  从区级人口库文件导入居民（按身份证号新增或更新）。数据库同 residents 服务（SHEQU_DATA_DIR 或 RESIDENTS_DATABASE_URL / DATABASE_URL）。`;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (!file || process.argv.includes('--help')) {
  console.error(USAGE);
  process.exit(file ? 0 : 2);
}
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const format = (argument('format') ?? (extname(path).toLowerCase() === '.json' ? 'JSON' : 'CSV')).toUpperCase();
if (format !== 'CSV' && format !== 'JSON') {
  console.error(`未知格式 ${format}：只支持 CSV 或 JSON`);
  process.exit(2);
}
let content: string;
try {
  content = readFileSync(path, 'utf8');
} catch (error) {
  console.error(`无法读取 ${path}：${(error as Error).message}`);
  process.exit(2);
}
const communityId = argument('community') ?? process.env.SHEQU_COMMUNITY ?? DEFAULT_COMMUNITY_ID;
const orm = await openResidentsDatabase(databaseLocation({ service: 'residents' }));
const started = Date.now();
try {
  const summary = await importIntoDatabase(orm, {
    format,
    content,
    communityId,
    onProgress: (done, total) =>
      process.stderr.write(`\r导入进度 ${done}/${total} 行（${total ? Math.floor((done * 100) / total) : 100}%）`),
  });
  process.stderr.write('\n');
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${path}: 共 ${summary.total} 行 — 新增 ${summary.created}，更新 ${summary.updated}，无变化 ${summary.unchanged}，拒绝 ${summary.rejected}（${seconds.toFixed(1)} 秒）`,
  );
  for (const r of summary.results.filter((r) => r.outcome === 'REJECTED').slice(0, 100)) {
    console.log(`  第 ${r.row} 行 拒绝 ${r.field ?? ''}：${r.reason}`);
  }
  if (summary.rejected > 100) console.log(`  ……另有 ${summary.rejected - 100} 行被拒绝`);
} catch (error) {
  process.stderr.write('\n');
  console.error(`导入失败：${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await orm.close(true);
}
