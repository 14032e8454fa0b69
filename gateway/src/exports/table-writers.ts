import type { Writable } from 'node:stream';

/** Writes rows of cells as they come; `close` ends the file. */
export interface TableWriter {
  /** `numeric[i]`: column i holds numbers (written as numbers where the format has them). */
  header(headings: string[], numeric?: boolean[]): Promise<void>;
  row(cells: string[]): Promise<void>;
  close(): Promise<void>;
}

/** A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a leading =+-@ is neutralised. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes a chunk, waiting when the stream asks to (back-pressure). */
function write(stream: Writable, chunk: string): Promise<void> {
  return stream.write(chunk) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', resolve));
}

/** CSV in UTF-8 with a byte-order mark, so Excel opens Chinese text correctly; CRLF line ends. */
export function csvWriter(stream: Writable): TableWriter {
  return {
    header: (headings) => write(stream, `\uFEFF${headings.map(csvCell).join(',')}\r\n`),
    row: (cells) => write(stream, `${cells.map(csvCell).join(',')}\r\n`),
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}

/**
 * XLSX through exceljs' streaming writer: each row is committed (written out) as it comes. exceljs is loaded on the
 * first XLSX export, not when the gateway starts (loading it takes seconds of CPU on a busy machine).
 */
export async function xlsxWriter(stream: Writable, sheetName: string): Promise<TableWriter> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
  let numericColumns: boolean[] = [];
  const asValue = (cell: string, i: number): string | number | null =>
    cell === '' ? null : numericColumns[i] && Number.isFinite(Number(cell)) ? Number(cell) : cell;
  return {
    async header(headings, numeric = []) {
      numericColumns = numeric;
      const row = sheet.addRow(headings);
      row.font = { bold: true };
      row.commit();
      sheet.columns.forEach((column) => (column.width = 18));
    },
    async row(cells) {
      sheet.addRow(cells.map(asValue)).commit();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
