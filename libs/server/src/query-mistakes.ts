import type { GraphQLFormattedError } from 'graphql';

/**
 * The mistakes graphql-js finds in the shape of a document (a field or argument the schema does not have, a
 * selection missing or too many, an unknown type or fragment, an unused or undefined variable), and its syntax
 * errors, in Chinese: the front ends' developers and the analysts writing queries by hand read them. Each pattern
 * gives the message from the names in graphql-js's English one; the code stays graphql-js's
 * (`GRAPHQL_VALIDATION_FAILED`, `GRAPHQL_PARSE_FAILED`). Suggestions («Did you mean …») are never repeated.
 */
const VALIDATION: ReadonlyArray<[RegExp, (...names: string[]) => string]> = [
  [/^Cannot query field "(\w+)" on type "(\w+)"\./, (field, typeName) => `类型 ${typeName} 没有字段 ${field}`],
  [
    /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"\./,
    (argument, typeName, field) => `字段 ${typeName}.${field} 没有参数 ${argument}`,
  ],
  [/^Unknown argument "(\w+)" on directive "@(\w+)"\./, (argument, name) => `指令 @${name} 没有参数 ${argument}`],
  [
    /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\./,
    (field, typeName) => `字段 ${field}（${typeName}）没有子字段，不能再选择`,
  ],
  [
    /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./,
    (field, typeName) => `字段 ${field}（${typeName}）须选择子字段，如 ${field} { … }`,
  ],
  [/^Unknown type "(\w+)"\./, (typeName) => `未知类型 ${typeName}`],
  [/^Unknown directive "@(\w+)"\./, (name) => `未知指令 @${name}`],
  [/^Unknown fragment "(\w+)"\./, (name) => `未知片段 ${name}`],
  [/^Fragment "(\w+)" is never used\./, (name) => `片段 ${name} 未被使用`],
  [/^Variable "\$(\w+)" is never used(?: in operation "\w+")?\./, (name) => `变量 $${name} 未被使用`],
  [/^Variable "\$(\w+)" is not defined(?: by operation "\w+")?\./, (name) => `变量 $${name} 未声明`],
  [
    /^Variable "\$(\w+)" of type "([^"]+)" used in position expecting type "([^"]+)"\./,
    (name, given, expected) => `变量 $${name} 的类型 ${given} 与此处要求的 ${expected} 不符`,
  ],
  [/^There can be only one operation named "(\w+)"\./, (name) => `操作名 ${name} 重复`],
  [/^This anonymous operation must be the only defined operation\./, () => '匿名操作须是文档中唯一的操作'],
  [/^There can be only one argument named "(\w+)"\./, (name) => `参数 ${name} 重复`],
  [/^Fields "(\w+)" conflict because/, (name) => `字段 ${name} 的多次选择互相冲突（参数或子选择不同），请使用别名`],
];

/** graphql-js's syntax error descriptions (after «Syntax Error: »). */
const SYNTAX: ReadonlyArray<[RegExp, (...parts: string[]) => string]> = [
  [/^Expected (.+), found (.+)\.$/, (expected, found) => `此处应为 ${expected}，实际为 ${found}`],
  [/^Unexpected (.+)\.$/, (found) => `此处不应出现 ${found}`],
  [/^Unterminated string\.$/, () => '字符串缺少结尾的引号'],
];

function translated(
  patterns: ReadonlyArray<[RegExp, (...names: string[]) => string]>,
  text: string,
): string | undefined {
  for (const [pattern, words] of patterns) {
    const match = pattern.exec(text);
    if (match) return words(...match.slice(1));
  }
  return undefined;
}

/**
 * A mistake in the shape or syntax of the caller's document, in Chinese (`查询有误：…`, `查询语法错误：…`); null for
 * any other error. A validation message no pattern knows keeps graphql-js's words after the Chinese prefix, without
 * its suggestions.
 */
export function queryMistake(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const code = formatted.extensions?.code;
  const message = formatted.message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
  if (code === 'GRAPHQL_VALIDATION_FAILED') {
    if (/[\u4e00-\u9fff]/.test(message)) return null; // our own checks (depth, cost, introspection) speak Chinese
    return { ...formatted, message: `查询有误：${translated(VALIDATION, message) ?? message}` };
  }
  if (code === 'GRAPHQL_PARSE_FAILED') {
    const description = message.replace(/^Syntax Error:\s*/, '');
    const line = formatted.locations?.[0];
    const at = line ? `（第 ${line.line} 行第 ${line.column} 列）` : '';
    return { ...formatted, message: `查询语法错误${at}：${translated(SYNTAX, description) ?? description}` };
  }
  return null;
}
