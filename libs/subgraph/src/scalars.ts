import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { isIsoDate } from '@shequ/contracts';

/** `DateTime`: an instant, ISO 8601 with offset; JavaScript `Date` inside. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description: '日期时间（ISO 8601，带时区，如 2026-03-08T09:30:00+08:00）',
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

/** `Date`: a calendar date without time, YYYY-MM-DD; kept as that string inside (no time-zone shifts). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期（YYYY-MM-DD，不含时间）',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDate(value);
  },
  parseValue: (value) => parseDate(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('日期须为字符串 YYYY-MM-DD', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value, ast);
  },
});
