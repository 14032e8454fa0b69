import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { isIsoDate } from '@shequ/contracts';

/**
 * The dates a caller may give, in every `Date` and `DateTime` argument and input field: from 1900 to 2100. The
 * scalars took any year from 0001 to 9999 — a training session held in the year 1000, an event planned for 9999 (it
 * passed «not before now» and «at most 31 days»), a filter from 0001 — where only some fields had a rule of their
 * own. Fields with a narrower rule keep it (life dates, event dates, team dates …); values already stored are
 * served as they are.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

function outOfRange(what: string, shown: unknown, ast?: ValueNode): GraphQLError {
  return new GraphQLError(
    `${what}须在 ${EARLIEST_DATE} 至 ${LATEST_DATE} 之间，收到 ${JSON.stringify(shown)}`,
    // the literal's place in the document, so the error can name its field
    { ...(ast ? { nodes: ast } : {}), extensions: { code: 'BAD_USER_INPUT' } },
  );
}

const dateTimeConfig = DateTimeResolver.toConfig();

function boundedInstant(instant: unknown, shown: unknown, ast?: ValueNode): unknown {
  if (instant instanceof Date) {
    const day = instant.toISOString().slice(0, 10);
    if (day < EARLIEST_DATE || day > LATEST_DATE) throw outOfRange('日期时间', shown, ast);
  }
  return instant;
}

/** `DateTime`: an instant, ISO 8601 with offset; JavaScript `Date` inside; between 1900 and 2100 when given. */
export const DateTimeScalar = new GraphQLScalarType({
  ...dateTimeConfig,
  description: '日期时间（ISO 8601，带时区，如 2026-03-08T09:30:00+08:00）',
  parseValue: (value) => boundedInstant(dateTimeConfig.parseValue(value), value),
  parseLiteral: (ast, variables) =>
    boundedInstant(dateTimeConfig.parseLiteral(ast, variables), ast.kind === Kind.STRING ? ast.value : null, ast),
});

/** True for a real calendar date written YYYY-MM-DD (the community calendar's rule). */
export { isIsoDate };

function parseDate(value: unknown, ast?: ValueNode): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`日期须为 YYYY-MM-DD 格式的有效日期，收到 ${JSON.stringify(value)}`, {
      // the literal's place in the document, so the error can name its field
      ...(ast ? { nodes: ast } : {}),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

function boundedDate(day: string, ast?: ValueNode): string {
  if (day < EARLIEST_DATE || day > LATEST_DATE) throw outOfRange('日期', day, ast);
  return day;
}

/** `Date`: a calendar date without time, YYYY-MM-DD; kept as that string inside (no time-zone shifts). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期（YYYY-MM-DD，不含时间）',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDate(value);
  },
  parseValue: (value) => boundedDate(parseDate(value)),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('日期须为字符串 YYYY-MM-DD', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    return boundedDate(parseDate(ast.value, ast), ast);
  },
});
