/**
 * What an unexpected error may say in a log line, a dead letter or a development answer: no value of the data it
 * was about. Database and ORM errors carry the values they handled — MikroORM and knex put the statement with its
 * parameters inlined before the driver's reason («insert into "resident" (…) values ('350203…', '139…') - …»),
 * MikroORM's validation errors the whole entity (`entity`, and «entity: Resident { … }» in the message), PostgreSQL
 * the row or key in `detail` («Failing row contains (…)», «Key (id_number)=(…)») — and every caller of the logger
 * would otherwise write a resident's ID number, phone or name to the logs with them.
 */

/** Properties of an error that name no value (PostgreSQL's error fields, Node's and the drivers' codes). */
const KEPT_PROPERTIES = new Set([
  'type',
  'name',
  'message',
  'stack',
  'code',
  'errno',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'dataType',
  'routine',
  'sqlState',
  'cause',
  'aggregateErrors',
]);

/** «'…'» literals (SQL strings, inspected strings), «"…"» after a colon (PostgreSQL's «invalid input … : "x"»). */
const QUOTED = /'(?:[^'\\]|''|\\.)*'|(?<=:\s*)"[^"]*"/g;
/** Runs of digits long enough to be a phone or ID number (or a part of one), wherever they stand. */
const LONG_NUMBERS = /\d{6,}[\dXx]?/g;

/**
 * The message without the values: an ORM validation error's inspected entity cut off, quoted literals and long
 * numbers replaced by «?». The statement's shape, the table and column and the database's reason stay.
 */
export function messageWithoutValues(message: string): string {
  const entityAt = message.indexOf('\nentity: ');
  const kept = entityAt >= 0 ? message.slice(0, entityAt) : message;
  return kept.replace(QUOTED, '?').replace(LONG_NUMBERS, '?');
}

/**
 * An error as a log line may show it (pino's `err` serializer output, or any error-like object): its message and
 * the first line of its stack without values, only the properties that name no value, its cause likewise.
 */
export function errorWithoutValues(error: unknown, depth = 0): unknown {
  if (error === null || typeof error !== 'object')
    return typeof error === 'string' ? messageWithoutValues(error) : error;
  const source = error as Record<string, unknown>;
  const shown: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(source), 'name', 'message', 'stack'])) {
    if (!KEPT_PROPERTIES.has(key) || source[key] === undefined) continue;
    const value = source[key];
    if (key === 'message' && typeof value === 'string') shown.message = messageWithoutValues(value);
    else if (key === 'stack' && typeof value === 'string') shown.stack = stackWithoutValues(value);
    else if (key === 'cause' || key === 'aggregateErrors')
      shown[key] =
        depth >= 5
          ? undefined
          : Array.isArray(value)
            ? value.map((each) => errorWithoutValues(each, depth + 1))
            : errorWithoutValues(value, depth + 1);
    else if (typeof value === 'string') shown[key] = messageWithoutValues(value);
    else if (typeof value === 'number' || typeof value === 'boolean') shown[key] = value;
  }
  return shown;
}

/** A stack's frames stay; what precedes them (the name and message, over as many lines) loses its values. */
function stackWithoutValues(stack: string): string {
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  const head = firstFrame < 0 ? lines : lines.slice(0, firstFrame);
  const frames = firstFrame < 0 ? [] : lines.slice(firstFrame);
  return [messageWithoutValues(head.join('\n')), ...frames].join('\n');
}
