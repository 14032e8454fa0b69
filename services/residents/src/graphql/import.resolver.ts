import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@shequ/subgraph';
import { importResidents, readImportFile } from '../application/import-residents.js';
import { ImportFormat, ImportOutcome } from './enums.js';

@InputType('ImportResidentsInput', { description: '区级人口库导入文件' })
export class ImportResidentsInput {
  @Field(() => ImportFormat, { description: '格式' })
  format!: ImportFormat;

  @Field({
    description:
      '文件内容（UTF-8 文本）。列：idNumber/身份证号、name/姓名、phone、gridCode、building、unit、room、housing、relationToHead、residenceType、residencePermitIssuedOn、residencePermitExpiresOn',
  })
  content!: string;
}

@ObjectType('ResidentImportRowResult', { description: '导入一行的结果' })
export class ImportRowResultType {
  @Field(() => Int, { description: '行号（数据行，从 1 起，不含表头；JSON 为数组下标 + 1）' })
  row!: number;

  @Field(() => ImportOutcome, { description: '结果' })
  outcome!: string;

  @Field(() => ID, { nullable: true, description: '居民编号（未拒绝时）' })
  residentId!: string | null;

  @Field(() => String, { nullable: true, description: '出错的字段（拒绝时）' })
  field!: string | null;

  @Field(() => String, { nullable: true, description: '拒绝原因' })
  reason!: string | null;
}

@ObjectType('ImportResidentsPayload', { description: '导入结果：各类计数与逐行结果' })
export class ImportResidentsPayload {
  @Field(() => Int, { description: '总行数' })
  total!: number;

  @Field(() => Int, { description: '新增' })
  created!: number;

  @Field(() => Int, { description: '更新' })
  updated!: number;

  @Field(() => Int, { description: '无变化' })
  unchanged!: number;

  @Field(() => Int, { description: '拒绝' })
  rejected!: number;

  @Field(() => [ImportRowResultType], { description: '逐行结果（按行号）' })
  results!: ImportRowResultType[];
}

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
