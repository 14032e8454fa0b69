/** One data record of a CSV file: its 1-based position among data records, its fields, or what is wrong with it. */
export interface CsvRecord {
  row: number;
  values: string[];
  problem: string | null;
}

/**
 * A small RFC 4180 reader: comma-separated, fields optionally in double quotes ("" inside quotes is a quote),
 * CRLF or LF line ends, an optional UTF-8 BOM. A quote left open swallows the rest of the file and makes that
 * record malformed; blank lines are skipped. The first record is the header.
 */
export function parseCsv(content: string): { header: string[]; records: CsvRecord[] } {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const raw: Array<{ values: string[]; problem: string | null }> = [];
  let values: string[] = [];
  let field = '';
  let quoted = false;
  let fieldWasQuoted = false;
  let problem: string | null = null;
  let i = 0;
  const endRecord = () => {
    values.push(field);
    if (!(values.length === 1 && values[0] === '' && !fieldWasQuoted)) raw.push({ values, problem });
    values = [];
    field = '';
    fieldWasQuoted = false;
    problem = null;
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (field.trim() !== '') problem ??= '引号出现在字段中间';
      quoted = true;
      fieldWasQuoted = true;
      field = '';
      i += 1;
    } else if (c === ',') {
      values.push(field);
      field = '';
      fieldWasQuoted = false;
      i += 1;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      if (fieldWasQuoted && c !== ' ') problem ??= '引号后有多余字符';
      field += c;
      i += 1;
    }
  }
  if (quoted) problem = '引号未闭合（从此行到文件末尾无法读取）';
  if (field !== '' || values.length > 0 || fieldWasQuoted) endRecord();
  const [header, ...rest] = raw;
  return {
    header: (header?.values ?? []).map((h) => h.trim()),
    records: rest.map((r, index) => ({ row: index + 1, values: r.values, problem: r.problem })),
  };
}
