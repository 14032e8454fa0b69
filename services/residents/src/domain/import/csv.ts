/** One data record of a CSV file: its 1-based position among data records, its fields, or what is wrong with it. */
export interface CsvRecord {
  row: number;
  values: string[];
  problem: string | null;
}

/** One record as read, before the header is told apart from the data. */
export interface CsvRawRecord {
  values: string[];
  problem: string | null;
}

/**
 * A small incremental RFC 4180 reader: comma-separated, fields optionally in double quotes ("" inside quotes is a
 * quote), CRLF or LF line ends, an optional UTF-8 BOM. Text is pushed in pieces of any size (a file read as a
 * stream); each push returns the records completed so far, so only the unfinished record is held. A quote left
 * open swallows the rest of the file and makes that record malformed; blank lines are skipped.
 */
export class CsvReader {
  private values: string[] = [];
  private field = '';
  private quoted = false;
  private fieldWasQuoted = false;
  /** A quote just read inside a quoted field: either the end of the field or the first half of "". */
  private quotePending = false;
  /** A CR just ended a record: an LF right after it belongs to the same line end. */
  private afterCr = false;
  private problem: string | null = null;
  private started = false;

  push(piece: string): CsvRawRecord[] {
    const out: CsvRawRecord[] = [];
    let text = piece;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const length = text.length;
    let i = 0;
    while (i < length) {
      const c = text[i];
      if (this.afterCr) {
        this.afterCr = false;
        if (c === '\n') {
          i += 1;
          continue;
        }
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (c === '"') {
          this.field += '"';
          i += 1;
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        // Copy a run of plain characters at once.
        const next = text.indexOf('"', i);
        if (next < 0) {
          this.field += text.slice(i);
          break;
        }
        this.field += text.slice(i, next);
        this.quotePending = true;
        i = next + 1;
        continue;
      }
      if (c === '"') {
        if (this.field.trim() !== '') this.problem ??= '引号出现在字段中间';
        this.quoted = true;
        this.fieldWasQuoted = true;
        this.field = '';
        i += 1;
      } else if (c === ',') {
        this.values.push(this.field);
        this.field = '';
        this.fieldWasQuoted = false;
        i += 1;
      } else if (c === '\r' || c === '\n') {
        this.endRecord(out);
        this.afterCr = c === '\r';
        i += 1;
      } else {
        // Copy a run of plain characters at once (up to the next comma, quote or line end).
        let end = i + 1;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === 44 || code === 34 || code === 13 || code === 10) break;
          end += 1;
        }
        if (this.fieldWasQuoted && this.problem === null)
          for (let k = i; k < end; k++)
            if (text.charCodeAt(k) !== 32) {
              this.problem = '引号后有多余字符';
              break;
            }
        this.field += text.slice(i, end);
        i = end;
      }
    }
    return out;
  }

  /** The end of the text: the last record, if any (a quote still open makes it malformed). */
  end(): CsvRawRecord[] {
    const out: CsvRawRecord[] = [];
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    if (this.quoted) this.problem = '引号未闭合（从此行到文件末尾无法读取）';
    if (this.field !== '' || this.values.length > 0 || this.fieldWasQuoted) this.endRecord(out);
    return out;
  }

  private endRecord(out: CsvRawRecord[]): void {
    this.values.push(this.field);
    if (!(this.values.length === 1 && this.values[0] === '' && !this.fieldWasQuoted))
      out.push({ values: this.values, problem: this.problem });
    this.values = [];
    this.field = '';
    this.fieldWasQuoted = false;
    this.problem = null;
  }
}

/** Reads a whole CSV text at once (small files); the first record is the header. */
export function parseCsv(content: string): { header: string[]; records: CsvRecord[] } {
  const reader = new CsvReader();
  const [header, ...rest] = [...reader.push(content), ...reader.end()];
  return {
    header: (header?.values ?? []).map((h) => h.trim()),
    records: rest.map((r, index) => ({ row: index + 1, values: r.values, problem: r.problem })),
  };
}
