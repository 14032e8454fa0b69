import { InvalidInputError } from '@shequ/errors';
import { CsvReader, type CsvRawRecord } from './csv.js';
import { JsonElementReader } from './json-array-reader.js';

/** One row of an import file: its values by known column, or why it cannot be read. */
export interface TabularRecord<C extends string> {
  row: number;
  record: Partial<Record<C, string>> | null;
  problem: string | null;
}

/** The columns an import file may have: a heading's column (null for one it ignores) and the required ones. */
export interface TabularColumns<C extends string> {
  columnOf(heading: string): C | null;
  required: readonly C[];
}

/** CSV with a header row, a JSON array of objects, or NDJSON (one object per line). */
export type TabularFormat = 'CSV' | 'JSON' | 'NDJSON';

/**
 * Reads an import file — a CSV with a header row, or a JSON array of objects — into records of known columns
 * (the resident import and the address register share it). A file that cannot be read at all is bad input
 * (`content`); a row that cannot be read is a record with its problem, so the rest still import.
 */
export function readTabularFile<C extends string>(
  format: 'CSV' | 'JSON',
  content: string,
  columns: TabularColumns<C>,
): TabularRecord<C>[] {
  const reader = new TabularReader(format, columns);
  return [...reader.push(content), ...reader.end()];
}

/**
 * The same, as a stream: pieces of text in (a file read in chunks), records out as soon as they are complete, so
 * memory holds one piece and one unfinished row however long the file is. The records of each piece come as one
 * array (a 256 KiB piece is ~2,500 rows): one turn of the async iteration a piece instead of one a row.
 */
export async function* readTabularBatches<C extends string>(
  format: TabularFormat,
  pieces: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  columns: TabularColumns<C>,
): AsyncGenerator<TabularRecord<C>[]> {
  const reader = new TabularReader(format, columns);
  const decoder = new TextDecoder('utf-8');
  for await (const piece of pieces) {
    const records = reader.push(typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true }));
    if (records.length > 0) yield records;
  }
  const last = [...reader.push(decoder.decode()), ...reader.end()];
  if (last.length > 0) yield last;
}

/** Turns text pieces into records of known columns (CSV: the first record is the header). */
class TabularReader<C extends string> {
  private readonly csv: CsvReader | null;
  private readonly json: JsonElementReader | null;
  private header: string[] | null = null;
  private known: Array<C | null> = [];
  private row = 0;

  constructor(
    format: TabularFormat,
    private readonly columns: TabularColumns<C>,
  ) {
    this.csv = format === 'CSV' ? new CsvReader() : null;
    this.json = format === 'CSV' ? null : new JsonElementReader(format === 'NDJSON');
  }

  push(text: string): TabularRecord<C>[] {
    return this.csv ? this.fromCsv(this.csv.push(text)) : this.fromJson(this.json!.push(text));
  }

  end(): TabularRecord<C>[] {
    const out = this.csv ? this.fromCsv(this.csv.end()) : this.fromJson(this.json!.end());
    if (this.csv && this.header === null) this.readHeader([]);
    return out;
  }

  private fromJson(items: unknown[]): TabularRecord<C>[] {
    return items.map((item) => {
      this.row += 1;
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        return { row: this.row, record: null, problem: '该行不是对象' };
      const record: Partial<Record<C, string>> = {};
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        const column = this.columns.columnOf(key);
        if (column && value !== null && value !== undefined)
          record[column] = typeof value === 'string' ? value : JSON.stringify(value);
      }
      return { row: this.row, record, problem: null };
    });
  }

  private readHeader(values: string[]): void {
    this.header = values.map((h) => h.trim());
    this.known = this.header.map((heading) => this.columns.columnOf(heading));
    const missing = this.columns.required.filter((c) => !this.known.includes(c));
    if (missing.length > 0) throw new InvalidInputError('content', `CSV 表头缺少必需列：${missing.join(', ')}`);
  }

  private fromCsv(raw: CsvRawRecord[]): TabularRecord<C>[] {
    const out: TabularRecord<C>[] = [];
    for (const r of raw) {
      if (this.header === null) {
        this.readHeader(r.values);
        continue;
      }
      this.row += 1;
      if (r.problem) {
        out.push({ row: this.row, record: null, problem: `CSV 格式错误：${r.problem}` });
        continue;
      }
      if (r.values.length !== this.header.length) {
        out.push({
          row: this.row,
          record: null,
          problem: `CSV 格式错误：该行有 ${r.values.length} 列，表头有 ${this.header.length} 列`,
        });
        continue;
      }
      const record: Partial<Record<C, string>> = {};
      this.known.forEach((column, i) => {
        if (column) record[column] = r.values[i];
      });
      out.push({ row: this.row, record, problem: null });
    }
    return out;
  }
}
