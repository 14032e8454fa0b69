import { InvalidInputError } from '@shequ/errors';

/**
 * An incremental reader of a JSON array (`[{…}, {…}, …]`) or of NDJSON (one JSON value per line): text is pushed
 * in pieces of any size, each push returns the elements completed so far, so only the unfinished element is held.
 * Text that is not such an array is bad input of the whole file (`content`), naming the element where reading
 * stopped.
 */
export class JsonElementReader {
  private state: 'before' | 'inside' | 'after' = 'before';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = '';
  private count = 0;

  constructor(private readonly lines: boolean) {
    if (lines) this.state = 'inside';
  }

  push(piece: string): unknown[] {
    const out: unknown[] = [];
    let start = 0;
    for (let i = 0; i < piece.length; i++) {
      const c = piece[i];
      if (this.state === 'before') {
        start = i + 1;
        if (c === '\ufeff' || /\s/.test(c)) continue;
        if (c !== '[') throw new InvalidInputError('content', 'JSON 须为对象数组');
        this.state = 'inside';
        continue;
      }
      if (this.state === 'after') {
        start = i + 1;
        if (!/\s/.test(c)) throw new InvalidInputError('content', 'JSON 无法解析：数组结束后还有内容');
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth += 1;
      else if (c === '}' || c === ']') {
        if (this.depth === 0 && !this.lines && c === ']') {
          this.element += piece.slice(start, i);
          this.finish(out, true);
          this.state = 'after';
          start = i + 1;
          continue;
        }
        this.depth -= 1;
      } else if (this.depth === 0 && ((this.lines && c === '\n') || (!this.lines && c === ','))) {
        this.element += piece.slice(start, i);
        this.finish(out, this.lines);
        start = i + 1;
      }
    }
    if (this.state === 'inside') this.element += piece.slice(start);
    return out;
  }

  /** The end of the text: the last NDJSON line; an array must have been closed. */
  end(): unknown[] {
    const out: unknown[] = [];
    if (this.lines) {
      this.finish(out, true);
      return out;
    }
    if (this.state !== 'after')
      throw new InvalidInputError('content', `JSON 无法解析：第 ${this.count + 1} 行（数组元素）处文件意外结束`);
    return out;
  }

  private finish(out: unknown[], blankAllowed: boolean): void {
    const text = this.element.trim();
    this.element = '';
    if (text === '') {
      if (blankAllowed) return;
      throw new InvalidInputError('content', `JSON 无法解析：第 ${this.count + 1} 行（数组元素）为空`);
    }
    this.count += 1;
    try {
      out.push(JSON.parse(text));
    } catch (error) {
      throw new InvalidInputError(
        'content',
        `JSON 无法解析：第 ${this.count} 行（数组元素）：${(error as Error).message}`,
      );
    }
  }
}
