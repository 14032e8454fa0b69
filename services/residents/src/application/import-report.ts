import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ImportRowResult } from './import-residents.js';

const CSV_HEADER = 'row,outcome,residentId,field,reason\n';
const csvField = (value: string | number | null) => {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * The per-row report of an import, written as the chunks commit (NDJSON: one JSON object a line; CSV: a header
 * and one line a row), so a million-row import never holds its outcomes in memory. Waits when the disk is slower
 * than the import (back-pressure).
 */
export class ImportReportFile {
  private readonly out: WriteStream;

  constructor(
    readonly path: string,
    private readonly format: 'NDJSON' | 'CSV' = path.toLowerCase().endsWith('.csv') ? 'CSV' : 'NDJSON',
  ) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    if (format === 'CSV') this.out.write(CSV_HEADER);
  }

  async write(results: readonly ImportRowResult[]): Promise<void> {
    const text =
      this.format === 'CSV'
        ? results
            .map((r) => [r.row, r.outcome, r.residentId, r.field, r.reason].map(csvField).join(',') + '\n')
            .join('')
        : results.map((r) => JSON.stringify(r) + '\n').join('');
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}
