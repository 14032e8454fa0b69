import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { actorOf } from '@shequ/auth';
import { InvalidInputError } from '@shequ/errors';
import { BatchedEvents, Outbox } from '@shequ/messaging';
import { newId } from '@shequ/database';
import type { SubgraphContext } from '@shequ/subgraph';
import { importResidentStream, readImportStream, type ImportRowResult } from '../application/import-residents.js';
import { ImportReportFile } from '../application/import-report.js';
import { importReportPath } from '../application/import-report-retention.js';
import { ImportFormat } from './enums.js';
import { ImportResidentsInput, ImportResidentsPayload } from './import.inputs.js';

/** Rows answered in the payload; a larger file's outcomes go to a report file only. */
const RESULTS_IN_ANSWER = 10_000;
const outbox = new Outbox('residents');

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportResidentsPayload, {
    description:
      '区级人口库导入（需 residents:import）：按身份证号新增或更新，逐行返回结果；坏行不影响好行；重复导入同一文件全部为无变化且不发事件',
  })
  async importResidents(
    @Arg('input', () => ImportResidentsInput, { description: '导入文件' }) input: ImportResidentsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ImportResidentsPayload> {
    ctx.access.require('residents:import');
    // The text is all here (at most 20 MiB): JSON that does not parse is refused before any chunk is written.
    if (input.format === ImportFormat.JSON) readableJson(input.content);
    // Same streaming path as `npm run import`: the text is read in chunks of rows, each chunk one transaction.
    const records = readImportStream(input.format, [input.content]);
    const results: ImportRowResult[] = [];
    let report: ImportReportFile | null = null;
    const meta = { communityId: ctx.communityId, actor: actorOf(ctx.principal), correlationId: ctx.requestId };
    try {
      const counts = await importResidentStream(records, {
        communityId: ctx.communityId,
        today: ctx.clock.now(),
        onRows: async (rows) => {
          if (!report && results.length + rows.length > RESULTS_IN_ANSWER) {
            // named by the server, never by the request id (a caller's x-request-id at this subgraph: one reused
            // would make two imports write one file)
            report = new ImportReportFile(importReportPath(newId()));
            await report.write(results);
          }
          if (report) await report.write(rows);
          for (const row of rows) if (results.length < RESULTS_IN_ANSWER) results.push(row);
        },
        runChunk: (work) => ctx.transaction((uow) => work({ em: uow.em, events: new BatchedEvents(outbox, meta) })),
      });
      return { ...counts, results, reportFile: report ? (report as ImportReportFile).path : null };
    } finally {
      if (report) await (report as ImportReportFile).close();
    }
  }
}

function readableJson(content: string): void {
  try {
    JSON.parse(content);
  } catch (error) {
    throw new InvalidInputError('content', `JSON 无法解析：${(error as Error).message}`);
  }
}
