import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ImportOutcome } from './enums.js';

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
