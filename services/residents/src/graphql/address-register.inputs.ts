import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AddressImportOutcomeEnum, ImportFormat } from './enums.js';

@InputType('ImportAddressRegisterInput', { description: '标准地址（一标三实）导入文件：楼栋、单元、室' })
export class ImportAddressRegisterInput {
  @Field(() => ImportFormat, { description: '格式' })
  format!: ImportFormat;

  @Field({
    description:
      '文件内容（UTF-8 文本）。列：gridCode/网格编码（新楼栋必填）、building/楼栋、buildingAddress/标准地址、unit/单元、room/室、housing/住房性质；只登记楼栋时单元与室留空',
  })
  content!: string;
}

@ObjectType('AddressRowResult', { description: '标准地址导入的逐行结果' })
export class AddressRowResultType {
  @Field(() => Int, { description: '行号（CSV 不含表头，从 1 起；JSON 为数组序号加 1）' })
  row!: number;

  @Field(() => AddressImportOutcomeEnum, { description: '结果' })
  outcome!: string;

  @Field(() => ID, { nullable: true, description: '楼栋编号' })
  buildingId!: string | null;

  @Field(() => ID, { nullable: true, description: '住户编号（登记到室的行）' })
  householdId!: string | null;

  @Field(() => String, { nullable: true, description: '出错的列' })
  field!: string | null;

  @Field(() => String, { nullable: true, description: '拒绝原因' })
  reason!: string | null;
}

@ObjectType('ImportAddressRegisterPayload', { description: '标准地址导入结果：计数与逐行结果' })
export class ImportAddressRegisterPayload {
  @Field(() => Int, { description: '总行数' })
  total!: number;

  @Field(() => Int, { description: '新登记了楼栋或住户的行' })
  created!: number;

  @Field(() => Int, { description: '已登记、无变化的行' })
  unchanged!: number;

  @Field(() => Int, { description: '拒绝的行' })
  rejected!: number;

  @Field(() => [AddressRowResultType], { description: '逐行结果（按行号）' })
  results!: AddressRowResultType[];
}
