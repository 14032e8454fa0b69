import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { residentsService } from '../src/service.js';

/*
 * An import's report file (written when its results do not fit the answer) belongs to that import: named by the
 * server. Before, it was named by the request id, which a caller of this subgraph chooses: two imports under one
 * x-request-id wrote one file, the second over the first's outcomes.
 */
const IMPORT = `mutation($input: ImportResidentsInput!) { importResidents(input: $input) { total rejected reportFile } }`;
const importer: Caller = { headers: { 'x-request-id': 'import-reused-1' } };
// 10,001 rows, every one refused before anything is written (more than the answer's 10,000 results: a report file)
const refusedRows = (phone: string) =>
  [
    'idNumber,name,phone,gridCode,building,unit,room',
    ...Array.from({ length: 10_001 }, () => `X,居民,${phone},,,,`),
  ].join('\n');

describe.each(testDialects())('an import report per import on %s', (dialect) => {
  let service: TestSubgraph;
  const files: string[] = [];

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect });
  });
  afterAll(async () => {
    await service?.stop();
    for (const file of files) rmSync(file, { force: true });
  });

  it('two imports under one x-request-id write two report files, each with its own rows', async () => {
    const reports = [];
    for (const phone of ['1', '2']) {
      const result = await service.graphql(IMPORT, { input: { format: 'CSV', content: refusedRows(phone) } }, importer);
      expect(result.errors).toBeUndefined();
      expect(result.data.importResidents).toMatchObject({ total: 10_001, rejected: 10_001 });
      files.push(result.data.importResidents.reportFile);
      reports.push(result.data.importResidents.reportFile as string);
    }
    expect(reports[0]).not.toBe(reports[1]);
    for (const report of reports) {
      const lines = readFileSync(report, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(10_001);
    }
  });
});
