import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@shequ/subgraph';
import { importResidents, readImportFile } from '../application/import-residents.js';
import { ImportResidentsInput, ImportResidentsPayload } from './import.inputs.js';

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportResidentsPayload, {
    description:
      '区级人口库导入（需 residents:import）：按身份证号新增或更新，逐行返回结果；坏行不影响好行；重复导入同一文件全部为无变化且不发事件',
  })
  async importResidents(
    @Arg('input', () => ImportResidentsInput, { description: '导入文件' }) input: ImportResidentsInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:import');
    const source = readImportFile(input.format, input.content);
    return importResidents(source, {
      communityId: ctx.communityId,
      today: ctx.clock.now(),
      runChunk: async (work) => {
        try {
          return await ctx.transaction(work);
        } finally {
          ctx.em.clear();
        }
      },
    });
  }
}
