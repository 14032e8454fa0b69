import { Field, ID, InputType } from 'type-graphql';
import { ProactiveTaskStatusEnum } from './enums.js';

@InputType('ProactiveTaskFilter', { description: '主动服务任务筛选' })
export class ProactiveTaskFilter {
  @Field(() => ProactiveTaskStatusEnum, { nullable: true, description: '状态' })
  status?: string | null;

  @Field(() => String, { nullable: true, description: '规则编码' })
  rule?: string | null;

  @Field(() => ID, { nullable: true, description: '居民编号' })
  residentId?: string | null;
}
