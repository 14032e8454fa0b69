import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { readJsonBody, type HttpRoute } from '@shequ/server';
import type { SavedQuery } from '../saved-queries.js';
import {
  flattenRow,
  headingOf,
  isNumericColumn,
  rowsOf,
  selectionLabels,
  type SelectionLabels,
} from './result-table.js';
import { csvWriter, xlsxWriter, type TableWriter } from './table-writers.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRequest {
  query: string;
  format: ExportFormat;
  variables: Record<string, unknown>;
}

export interface ExportSettings<TContext extends object> {
  apollo: ApolloServer<TContext>;
  savedQueries: readonly SavedQuery[];
  /** The API schema (for the columns' types), built on the first export: not at start, for a route seldom used. */
  apiSchema: GraphQLSchema | (() => GraphQLSchema);
  /** The caller's context, exactly as for /graphql (credential, budget, request id). */
  context(request: IncomingMessage, requestId: string): Promise<TContext>;
  logger: Logger;
}

class ExportRefused extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly GraphQLFormattedError[],
  ) {
    super(errors[0]?.message ?? 'export refused');
  }
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function badRequest(message: string, field: string): ExportRefused {
  return new ExportRefused(400, [{ message, extensions: { code: 'BAD_USER_INPUT', field } }]);
}

/** Reads `query`, `format` and `variables` from the URL (GET) or a JSON body (POST). */
async function exportRequestOf(request: IncomingMessage): Promise<ExportRequest> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let raw: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (request.method === 'POST') {
    const body = await readJsonBody(request, 64 * 1024);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw badRequest('请求体应为 JSON 对象：{ "query": 查询名, "format": "csv" | "xlsx", "variables": {…} }', 'body');
    raw = body as Record<string, unknown>;
  }
  const format = raw.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw badRequest('导出格式只能是 csv 或 xlsx', 'format');
  if (typeof raw.query !== 'string' || raw.query === '')
    throw badRequest('请给出要导出的已保存查询名称（query）', 'query');
  let variables: unknown = raw.variables ?? {};
  if (typeof variables === 'string') {
    try {
      variables = JSON.parse(variables) as unknown;
    } catch {
      throw badRequest('variables 不是合法的 JSON', 'variables');
    }
  }
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables))
    throw badRequest('variables 应为 JSON 对象', 'variables');
  return { query: raw.query, format, variables: variables as Record<string, unknown> };
}

function statusOf(errors: readonly GraphQLFormattedError[], httpStatus: number | undefined): number {
  const code = errors[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED') return 401;
  if (code === 'FORBIDDEN' || code === 'UNTRUSTED_DOCUMENT') return 403;
  if (httpStatus && httpStatus >= 400) return httpStatus;
  return 400;
}

function refuse(response: ServerResponse, status: number, errors: readonly GraphQLFormattedError[]): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify({ errors }));
}

function contentDisposition(saved: SavedQuery, format: ExportFormat): string {
  const date = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const ascii = `${saved.name}-${date}.${format}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${saved.title}-${date}.${format}`)}`;
}

/**
 * `GET /exports?query=<saved query>&format=csv|xlsx&variables=<JSON>` (or `POST /exports` with the same as a JSON
 * body): runs one of the analysts' saved queries through the gateway's own pipeline with the caller's credential —
 * query limits, trusted documents, and in the subgraphs access, masking, disclosure control and audit — and
 * streams the rows as CSV (UTF-8 with BOM) or XLSX, following `after` page by page when the query takes it.
 * Every page is fetched (no cap on the number of rows), and each page's rows are written out, with the stream's
 * back-pressure, before the next page is asked for: memory holds one page, whatever the export's size. The page
 * size is the query's `first` (the saved query's example, or the caller's `variables`).
 */
export function exportRoutes<TContext extends object>(settings: ExportSettings<TContext>): HttpRoute[] {
  const byName = new Map(settings.savedQueries.map((q) => [q.name, q]));
  let labelsByQuery: Map<string, SelectionLabels> | undefined;
  const labelsOf = (): Map<string, SelectionLabels> => {
    if (!labelsByQuery) {
      const schema = typeof settings.apiSchema === 'function' ? settings.apiSchema() : settings.apiSchema;
      labelsByQuery = new Map(settings.savedQueries.map((q) => [q.name, selectionLabels(schema, q.document)]));
    }
    return labelsByQuery;
  };

  async function run(saved: SavedQuery, variables: Record<string, unknown>, contextValue: TContext) {
    const response = await settings.apollo.executeOperation(
      { query: saved.document, operationName: saved.operationName, variables },
      { contextValue },
    );
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not expected in an export');
    const result = response.body.singleResult;
    if (result.errors?.length || !result.data)
      throw new ExportRefused(statusOf(result.errors ?? [], response.http.status), result.errors ?? []);
    return result.data;
  }

  async function handle(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> {
    let writer: TableWriter | undefined;
    try {
      const asked = await exportRequestOf(request);
      const saved = byName.get(asked.query);
      if (!saved) throw badRequest(`没有名为 ${asked.query} 的已保存查询`, 'query');
      const callerContext = await settings.context(request, requestId).catch((error: unknown) => {
        if (error instanceof GraphQLError)
          throw new ExportRefused(error.extensions.code === 'UNAUTHENTICATED' ? 401 : 400, [error.toJSON()]);
        throw error;
      });
      // a register of people or cases needs its export permission in every subgraph the export reaches
      const contextValue = { ...callerContext, exportPermission: saved.exportPermission };
      const variables = { ...saved.variables, ...asked.variables };
      const labels = labelsOf().get(saved.name)!;
      const takesAfter = /\$after\s*:/.test(saved.document);
      let page = await run(saved, variables, contextValue);
      let columns: string[] | undefined;
      let previousCursor: string | undefined;
      for (;;) {
        const { rowPath, rows, pageInfo } = rowsOf(page);
        const flat = rows.map((row) => flattenRow(row, rowPath, labels));
        if (!columns) {
          columns = [...new Set(flat.flatMap((cells) => [...cells.keys()]))];
          response.writeHead(200, {
            'content-type': CONTENT_TYPES[asked.format],
            'content-disposition': contentDisposition(saved, asked.format),
            'cache-control': 'no-store',
          });
          writer = asked.format === 'csv' ? csvWriter(response) : await xlsxWriter(response, saved.title);
          await writer.header(
            columns.map((c) => headingOf(c, rowPath, labels)),
            columns.map((c) => isNumericColumn(c, rowPath, labels)),
          );
        }
        for (const cells of flat) await writer!.row(columns.map((c) => cells.get(c) ?? ''));
        if (!takesAfter || !pageInfo?.hasNextPage || !pageInfo.endCursor) break;
        // the same cursor twice would page forever: the list is not moving forward
        if (pageInfo.endCursor === previousCursor) throw new Error('export cursor did not move forward');
        previousCursor = pageInfo.endCursor;
        page = await run(saved, { ...variables, after: pageInfo.endCursor }, contextValue);
      }
      await writer!.close();
    } catch (error) {
      if (!response.headersSent && error instanceof ExportRefused) return refuse(response, error.status, error.errors);
      if (response.headersSent) {
        // Rows already went out: cut the file off rather than end it as if it were complete.
        settings.logger.warn({ err: error, requestId }, 'export stopped part way');
        response.destroy();
        return;
      }
      throw error;
    }
  }

  return [
    { method: 'GET', path: '/exports', handle },
    { method: 'POST', path: '/exports', handle },
  ];
}
