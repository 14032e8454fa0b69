import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { buildSchema } from 'graphql';
import ExcelJS from 'exceljs';
import { flattenRow, headingOf, isNumericColumn, rowsOf, selectionLabels } from '../src/exports/result-table.js';
import { csvCell, csvWriter, xlsxWriter } from '../src/exports/table-writers.js';
import { loadSavedQueries } from '../src/saved-queries.js';

const apiSchema = buildSchema(readFileSync(new URL('../api-schema.graphql', import.meta.url), 'utf8'));
const saved = (name: string) => loadSavedQueries().find((q) => q.name === name)!;

const collect = async (stream: PassThrough) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('export tables', () => {
  it('takes the nodes of a connection as rows, with Chinese headings and enum labels, and the page info', () => {
    const query = saved('overdue-cases-by-department');
    const labels = selectionLabels(apiSchema, query.document);
    const data = {
      cases: {
        totalCount: 1,
        edges: [
          {
            node: {
              number: 'SQ-2026-000001',
              department: 'SOCIAL_SECURITY',
              category: 'HOUSING_REPAIR',
              status: 'ASSIGNED',
              openedAt: '2026-11-01T01:00:00.000Z',
              resolveDueAt: '2026-11-08T01:00:00.000Z',
              assignedGrid: { name: '莲秀第一网格' },
            },
          },
        ],
        pageInfo: { hasNextPage: true, endCursor: 'abc' },
      },
    };
    const { rowPath, rows, pageInfo } = rowsOf(data);
    expect(rowPath).toBe('cases.edges.node');
    expect(pageInfo).toEqual({ hasNextPage: true, endCursor: 'abc' });
    const cells = flattenRow(rows[0], rowPath, labels);
    expect(cells.get('assignedGrid.name')).toBe('莲秀第一网格');
    expect(cells.get('department')).toMatch(/保障/);
    expect(cells.get('status')).not.toBe('ASSIGNED');
    expect(headingOf('assignedGrid.name', rowPath, labels)).toMatch(/[\u4e00-\u9fff].* · .*[\u4e00-\u9fff]/);
    expect(headingOf('number', rowPath, labels)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('numbers the columns of nested lists of objects (statistics keys)', () => {
    const query = saved('resident-statistics-by-grid-and-age-band');
    const labels = selectionLabels(apiSchema, query.document);
    const { rowPath, rows } = rowsOf({
      residentStatistics: {
        total: 12,
        groups: [
          {
            keys: [
              { dimension: 'GRID', label: '第一网格' },
              { dimension: 'AGE_BAND', label: '60–79 岁' },
            ],
            count: 12,
          },
        ],
      },
    });
    expect(rowPath).toBe('residentStatistics.groups');
    const cells = flattenRow(rows[0], rowPath, labels);
    expect([...cells.keys()]).toEqual([
      'keys.1.dimension',
      'keys.1.label',
      'keys.2.dimension',
      'keys.2.label',
      'count',
    ]);
    expect(cells.get('keys.2.label')).toBe('60–79 岁');
    expect(cells.get('keys.1.dimension')).toBe('按网格');
    expect(headingOf('keys.2.label', rowPath, labels)).toMatch(/ 2 · /);
    expect(isNumericColumn('count', rowPath, labels)).toBe(true);
    expect(isNumericColumn('keys.2.label', rowPath, labels)).toBe(false);
  });

  it('writes CSV with a BOM, quoting and formula neutralising', async () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('说"明"')).toBe('"说""明"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-12.5')).toBe('-12.5');
    const stream = new PassThrough();
    const done = collect(stream);
    const writer = csvWriter(stream);
    await writer.header(['网格', '人数']);
    await writer.row(['第一网格', '12']);
    await writer.close();
    const bytes = await done;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\uFEFF网格,人数\r\n第一网格,12\r\n');
  });

  it('writes XLSX that Excel (and exceljs) reads back, counts as numbers, phone numbers as text', async () => {
    const stream = new PassThrough();
    const done = collect(stream);
    const writer = await xlsxWriter(stream, '居民统计（按网格、年龄段）');
    await writer.header(['网格', '人数', '电话'], [false, true, false]);
    await writer.row(['第一网格', '12', '13905921234']);
    await writer.close();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await done) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('居民统计（按网格、年龄段）');
    expect(sheet.getRow(1).values).toEqual([undefined, '网格', '人数', '电话']);
    expect(sheet.getRow(2).values).toEqual([undefined, '第一网格', 12, '13905921234']);
  });
});
