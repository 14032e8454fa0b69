import { Field, ID, ObjectType } from 'type-graphql';
import { ProactiveTaskClosingEnum, ProactiveTaskStatusEnum } from './enums.js';
import { GridReference, ResidentReference } from './entity-references.js';

@ObjectType('ProactiveTask', { description: '主动服务任务（由规则生成，走访或立案后关闭）' })
export class ProactiveTaskType {
  @Field(() => ID, { description: '任务编号' })
  id!: string;

  @Field({ description: '规则编码，如 ELDERLY_NO_CONTACT' })
  rule!: string;

  @Field({ description: '生成原因' })
  reason!: string;

  @Field(() => ResidentReference, {
    nullable: true,
    description: '服务对象（居民档案无法解析时为空，并在 errors 中说明）',
  })
  resident!: ResidentReference | null;

  @Field(() => GridReference, { nullable: true, description: '所属网格' })
  grid!: GridReference | null;

  @Field({ description: '应完成日期（YYYY-MM-DD）' })
  dueOn!: string;

  @Field(() => ProactiveTaskStatusEnum, { description: '状态' })
  status!: string;

  @Field({ description: '生成时间' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: '关闭时间' })
  closedAt!: Date | null;

  @Field(() => ProactiveTaskClosingEnum, { nullable: true, description: '关闭原因' })
  closedBy!: string | null;

  @Field(() => ID, { nullable: true, description: '关闭它的走访或事项编号' })
  closingRef!: string | null;
}
