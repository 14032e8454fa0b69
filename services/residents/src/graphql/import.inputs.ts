import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ImportFormat } from './enums.js';
import { ImportRowResultType } from './import.type.js';

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

  @Field(() => [ImportRowResultType], {
    description: '逐行结果（按行号）；超过 10000 行的文件只含前 10000 行，全部逐行结果见 reportFile',
  })
  results!: ImportRowResultType[];

  @Field(() => String, {
    nullable: true,
    description: '逐行结果报告（NDJSON，每行一个结果）在服务器上的位置；文件超过 10000 行时写入，否则为空',
  })
  reportFile!: string | null;
}
