import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';
import { isExportPermission } from '@shequ/server';

/** One of the analysts' saved queries: a `.graphql` document in gateway/saved-queries with a Chinese title. */
export interface SavedQuery {
  /** The file name without `.graphql`: how exports and the explorer name it. */
  name: string;
  title: string;
  description: string;
  /** The document as written (comments included). */
  document: string;
  operationName: string;
  /** Example variables, from the `# 变量：` line. */
  variables: Record<string, unknown>;
  /**
   * The permission an export of it needs beyond reading (`# 权限：residents:export`): bulk registers of people or
   * cases; every subgraph the export reaches refuses a caller without it.
   */
  exportPermission: string | null;
}

export const SAVED_QUERIES_DIR = fileURLToPath(new URL('../saved-queries/', import.meta.url));

const HEADER = /^#\s*(标题|说明|变量|权限)[:：]\s*(.*)$/;

/**
 * Reads a saved query: `# 标题：…`, `# 说明：…`, `# 变量：{…}` and optionally `# 权限：<area>:export` comment lines,
 * then one operation.
 */
export function parseSavedQuery(name: string, document: string): SavedQuery {
  const header: Record<string, string> = {};
  for (const line of document.split('\n')) {
    const match = HEADER.exec(line.trim());
    if (match) header[match[1]] = match[2].trim();
  }
  if (!header['标题']) throw new Error(`saved query ${name}: no "# 标题：" line`);
  const operations = parse(document).definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1 || !operations[0].name)
    throw new Error(`saved query ${name}: needs exactly one named operation`);
  if (operations[0].operation !== OperationTypeNode.QUERY)
    throw new Error(`saved query ${name}: only queries can be saved`);
  let variables: unknown = {};
  try {
    variables = JSON.parse(header['变量'] || '{}');
  } catch {
    throw new Error(`saved query ${name}: "# 变量：" is not JSON`);
  }
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables))
    throw new Error(`saved query ${name}: "# 变量：" must be a JSON object`);
  const exportPermission = header['权限'] || null;
  if (exportPermission && !isExportPermission(exportPermission))
    throw new Error(`saved query ${name}: "# 权限：" must name an export permission such as residents:export`);
  return {
    name,
    exportPermission,
    title: header['标题'],
    description: header['说明'] ?? '',
    document,
    operationName: operations[0].name.value,
    variables: variables as Record<string, unknown>,
  };
}

/** Every saved query of the folder, by file name. */
export function loadSavedQueries(dir: string = SAVED_QUERIES_DIR): SavedQuery[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => parseSavedQuery(file.slice(0, -'.graphql'.length), readFileSync(join(dir, file), 'utf8')));
}
