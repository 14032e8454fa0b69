import { InvalidInputError } from '@shequ/errors';
import { parseCsv } from './csv.js';

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
  if (format === 'JSON') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (error) {
      throw new InvalidInputError('content', `JSON 无法解析：${(error as Error).message}`);
    }
    if (!Array.isArray(data)) throw new InvalidInputError('content', 'JSON 须为对象数组');
    return data.map((item, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        return { row: index + 1, record: null, problem: '该行不是对象' };
      const record: Partial<Record<C, string>> = {};
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        const column = columns.columnOf(key);
        if (column && value !== null && value !== undefined)
          record[column] = typeof value === 'string' ? value : JSON.stringify(value);
      }
      return { row: index + 1, record, problem: null };
    });
  }
  const { header, records } = parseCsv(content);
  const known = header.map((heading) => columns.columnOf(heading));
  const missing = columns.required.filter((c) => !known.includes(c));
  if (missing.length > 0) throw new InvalidInputError('content', `CSV 表头缺少必需列：${missing.join(', ')}`);
  return records.map((r) => {
    if (r.problem) return { row: r.row, record: null, problem: `CSV 格式错误：${r.problem}` };
    if (r.values.length !== header.length)
      return {
        row: r.row,
        record: null,
        problem: `CSV 格式错误：该行有 ${r.values.length} 列，表头有 ${header.length} 列`,
      };
    const record: Partial<Record<C, string>> = {};
    known.forEach((column, i) => {
      if (column) record[column] = r.values[i];
    });
    return { row: r.row, record, problem: null };
  });
}
