const PREFIX = Buffer.from('{"data":{');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;

/**
 * Whether a subgraph's JSON body is exactly `{"data":{…}}` and a newline: a result with data, **without `errors`
 * and without `extensions`**, as Apollo Server prints it (`JSON.stringify` of `{ errors, data, extensions }` in
 * that order, then `\n`). Such a body is byte for byte what the gateway's single-fetch path would print after
 * parsing it (`JSON.stringify({ data })` and `\n`: for a body printed by `JSON.stringify`, parsing and printing
 * again gives the same text), so it can be passed on as it is. Anything else — errors (which come first), a
 * result without data, extensions after the data, a body not printed this way — is `false`: the caller parses it.
 *
 * One pass over the bytes, tracking strings (a `"` or `\\` byte never occurs inside a multi-byte UTF-8 sequence)
 * and nesting, until the data object closes: that must be right before the final `}` and newline. The body is
 * taken to be JSON (it comes from a subgraph's GraphQL server with a JSON content type); a body that is not fails
 * the check or, being cut short, ends inside a string or an object.
 */
export function isDataOnlyAnswer(bytes: Uint8Array): boolean {
  const length = bytes.length;
  const end = length - 2; // the outer object's closing brace
  if (length < PREFIX.length + 3 || bytes[length - 1] !== NEWLINE || bytes[end] !== CLOSE_BRACE) return false;
  for (let i = 0; i < PREFIX.length; i++) if (bytes[i] !== PREFIX[i]) return false;
  let depth = 1; // inside the data object
  let i = PREFIX.length;
  while (i < end) {
    const byte = bytes[i++];
    if (byte === QUOTE) {
      for (;;) {
        if (i >= end) return false;
        const inString = bytes[i++];
        if (inString === QUOTE) break;
        if (inString === BACKSLASH) i++;
      }
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (--depth === 0) return i === end;
    }
  }
  return false;
}
