import { GraphQLError, Kind, parse, visit, type GraphQLFormattedError } from 'graphql';
import { queryMistake } from './query-mistakes.js';

/** What a value of a scalar should look like, in the words of a message to the caller. */
const EXPECTED: Record<string, string> = {
  Date: '日期无效（应为 YYYY-MM-DD 格式的有效日期）',
  DateTime: '日期时间无效（应为 ISO 8601 格式，如 2026-11-01T08:00:00Z）',
  Int: '应为整数',
  Float: '应为数字',
  String: '应为字符串',
  Boolean: '应为 true 或 false',
  ID: '应为编号',
};

const CHINESE = /[\u4e00-\u9fff]/;

function expectation(typeName: string): string {
  const bare = typeName.replace(/[[\]!]/g, '');
  return EXPECTED[bare] ?? `类型不符（应为 ${bare}）`;
}

function badInput(formatted: GraphQLFormattedError, field: string, reason: string): GraphQLFormattedError {
  return {
    message: `输入无效：${field}：${reason}`,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'BAD_USER_INPUT', field },
  };
}

/** `Variable "$input" got invalid value … at "input.movedInOn"; Expected type "Date". …` and its siblings. */
function fromVariableError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const message = formatted.message;
  const missing =
    /^Variable "\$(\w+)" of (?:required|non-null) type "([^"]+)" (was not provided|must not be null)/.exec(message);
  if (missing) return badInput(formatted, missing[1], missing[3] === 'was not provided' ? '必填' : '不能为空');
  const invalid = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (!invalid) return null;
  const base = invalid[2] ?? invalid[1];
  const reason = invalid[3];
  const unknownField = /Field "(\w+)" is not defined by type/.exec(reason);
  if (unknownField) return badInput(formatted, `${base}.${unknownField[1]}`, '不是该输入类型的字段');
  const requiredField = /Field "(\w+)" of required type "[^"]+" was not provided/.exec(reason);
  if (requiredField) return badInput(formatted, `${base}.${requiredField[1]}`, '必填');
  if (/does not exist in "\w+" enum/.test(reason)) return badInput(formatted, base, '不是可选值');
  if (CHINESE.test(reason)) return badInput(formatted, base, reason); // the scalar's own words
  const expected = /Expected type "([^"]+)"/.exec(reason) ?? /^(\w+) cannot represent/.exec(reason);
  return badInput(formatted, base, expected ? expectation(expected[1]) : '值无效');
}

/**
 * The argument or input field holding the literal at `position` of the document: the node itself, its value, or an
 * item of its list value (`statuses: [OPEN, PUBLISHED]` is named `statuses`, not the placeholder `value`).
 * `ownValueOnly`: only a value the field holds directly or through lists, not the field's name.
 */
function holderAt(body: string, position: number, ownValueOnly: boolean): string | undefined {
  let found: string | undefined;
  const holders: string[] = [];
  try {
    visit(parse(body), {
      enter(node) {
        if (found !== undefined) return;
        if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) {
          holders.push(node.name.value);
          if (!ownValueOnly && node.loc?.start === position) found = node.name.value;
        } else if (holders.length > 0 && node.loc?.start === position) found = holders[holders.length - 1];
      },
      leave(node) {
        if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) holders.pop();
      },
    });
  } catch {
    return undefined;
  }
  return found;
}

/** The argument or input field whose value (or an item of whose list value) sits at `position` (literal errors). */
function fieldAt(body: string, position: number): string | undefined {
  return holderAt(body, position, true);
}

/**
 * A literal a scalar refuses: `Expected value of type "Date", found "2026-13-01"; …`, or the scalar's own
 * error placed at the literal (`DateTime cannot represent …`, or our Chinese words).
 */
function fromLiteralError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const own = scalarOwnError(formatted, error);
  if (own) return own;
  const literal = /^Expected value of type "([^"]+)", found (.*?)(?:; (.*)|\.)?$/s.exec(formatted.message);
  if (!literal) return null;
  const reason = literal[3] && CHINESE.test(literal[3]) ? literal[3] : expectation(literal[1]);
  const position = error instanceof GraphQLError ? error.positions?.[0] : undefined;
  const body = error instanceof GraphQLError ? error.source?.body : undefined;
  const field = (body !== undefined && position !== undefined && fieldAt(body, position)) || 'value';
  return badInput(formatted, field, reason);
}

/**
 * The other mistakes graphql-js finds in literals (ValuesOfCorrectType, ProvidedRequiredArguments): an input field
 * or argument left out, an input field the type does not have, a value that is not one of an enum's.
 */
function fromLiteralShapeError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED') return null;
  const message = formatted.message;
  const missingArgument = /^Field "\w+" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./.exec(
    message,
  );
  if (missingArgument) return badInput(formatted, missingArgument[1], '必填');
  const position = error instanceof GraphQLError ? error.positions?.[0] : undefined;
  const body = error instanceof GraphQLError ? error.source?.body : undefined;
  const where = () => (body !== undefined && position !== undefined && nameAt(body, position)) || 'value';
  const missingField = /^Field "(?:\w+\.)?(\w+)" of required type "[^"]+" was not provided\./.exec(message);
  if (missingField) return badInput(formatted, missingField[1], '必填');
  if (/^Field "\w+" is not defined by type "\w+"\./.test(message))
    return badInput(formatted, where(), '不是该输入类型的字段');
  if (/^Value "[^"]*" does not exist in "\w+" enum\./.test(message) || /^Enum "\w+" cannot represent/.test(message))
    return badInput(formatted, where(), '不是可选值');
  return null;
}

/** The argument or input field at `position` of the document: the node itself, its value or an item of its list. */
function nameAt(body: string, position: number): string | undefined {
  return holderAt(body, position, false);
}

function scalarOwnError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  if (!(error instanceof GraphQLError) || !error.source || error.positions?.length !== 1) return null;
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED' && formatted.extensions?.code !== 'BAD_USER_INPUT')
    return null;
  const represent = /^(\w+) cannot represent/.exec(formatted.message);
  if (!represent && !CHINESE.test(formatted.message)) return null;
  const field = fieldAt(error.source.body, error.positions[0]);
  if (!field) return null;
  return badInput(formatted, field, represent ? expectation(represent[1]) : formatted.message);
}

/**
 * A client's mistake in its variables or literals (an invalid `Date`, an unknown input field, a missing
 * required value) as `BAD_USER_INPUT` naming the field, in Chinese, in every mode; null for anything else.
 * graphql-js words these in English and may add "Did you mean …", which would describe the schema.
 */
export function clientInputError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  return fromVariableError(formatted) ?? fromLiteralError(formatted, error) ?? fromLiteralShapeError(formatted, error);
}

/**
 * Any mistake of the caller's document in Chinese: its values (`clientInputError`: `BAD_USER_INPUT` naming the field)
 * or its shape and syntax (`queryMistake`); null for anything else. What the gateway and the subgraphs answer alike.
 */
export function clientMistake(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  return clientInputError(formatted, error) ?? queryMistake(formatted);
}

/** Removes graphql-js's suggestions ("Did you mean …?") from a message (production mode says nothing it need not). */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!/Did you mean/.test(formatted.message)) return formatted;
  return { ...formatted, message: formatted.message.replace(/\s*Did you mean [^?]*\?/g, '').trim() };
}
