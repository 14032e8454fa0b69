import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeResidentIdNumber } from '@shequ/contracts';
import { SeededRandom } from '@shequ/demo-data';
import { ENVIRONMENT, pickVariables, readEnvironment } from '@shequ/server';
import { Grid } from '../entities/grid.js';
import { importIntoDatabase, openResidentsDatabase } from './offline-import.js';

/**
 * `npm run bench`: imports 10,000 generated district rows (about 20% floating, ~3,400 flats in 100 buildings
 * created on the way) into a fresh SQLite database, then imports the same file again (all UNCHANGED).
 */
const { BENCH_ROWS: ROWS } = readEnvironment(pickVariables(ENVIRONMENT, ['BENCH_ROWS']));
const COMMUNITY = '350203008006';
const LANES = ['香秀里', '莲秀里', '嘉莲里', '莲岳里', '秀华里'];

function generateCsv(): string {
  const random = new SeededRandom('bench');
  const lines = [
    'idNumber,name,phone,gridCode,building,unit,room,housing,relationToHead,residenceType,residencePermitIssuedOn,residencePermitExpiresOn',
  ];
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑'.split('');
  const given = '秀英建国丽华志强春梅文明海燕伟军晓红丽娟小明';
  for (let i = 0; i < ROWS; i++) {
    const lane = LANES[i % LANES.length];
    const building = (Math.floor(i / 100) % 20) + 1;
    const flat = Math.floor(i / 3);
    const year = 1940 + (i % 80);
    const birth = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const idNumber = composeResidentIdNumber(i % 5 === 0 ? '360102' : '350203', birth, i % 997);
    const floating = i % 5 === 0;
    const name =
      surnames[i % surnames.length] + given.slice((i * 2) % (given.length - 1), ((i * 2) % (given.length - 1)) + 2);
    lines.push(
      [
        idNumber,
        name,
        `13${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
        `${COMMUNITY}-0${(i % LANES.length) + 1}`,
        `${lane}${building}号楼`,
        `${(flat % 2) + 1}`,
        `${(flat % 7) + 1}0${(flat % 3) + 1}`,
        floating ? 'RENTED' : 'OWNED',
        i % 3 === 0 ? 'HEAD' : 'OTHER',
        floating ? 'FLOATING' : 'REGISTERED',
        floating ? '2026-01-10' : '',
        floating ? '2027-01-09' : '',
      ].join(','),
    );
  }
  return lines.join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'residents-bench-'));
const orm = await openResidentsDatabase({ dialect: 'sqlite', dbName: join(dir, 'residents.sqlite') });
try {
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
  const csv = generateCsv();
  const run = async (label: string) => {
    const started = performance.now();
    const summary = await importIntoDatabase(orm, {
      format: 'CSV',
      content: csv,
      communityId: COMMUNITY,
      today: new Date('2026-11-30T00:00:00Z'),
      onProgress: (done, total) => process.stderr.write(`\r${label}: ${done}/${total}`),
    });
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write('\n');
    console.log(
      `${label}: ${summary.total} rows in ${seconds.toFixed(2)} s = ${Math.round(summary.total / seconds)} rows/s ` +
        `(created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected})`,
    );
  };
  console.log(
    `residents import bench: ${ROWS} CSV rows (${(csv.length / 1024 / 1024).toFixed(1)} MB), fresh SQLite database`,
  );
  await run('first import (fresh database)');
  await run('re-import of the same file');
} finally {
  await orm.close(true);
  rmSync(dir, { recursive: true, force: true });
}
