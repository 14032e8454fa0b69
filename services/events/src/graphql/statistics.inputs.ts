import { Field, InputType } from 'type-graphql';
import { CommunityEventTypeEnum } from './enums.js';

@InputType('EventStatisticsFilter', { description: '活动统计的筛选条件' })
export class EventStatisticsFilterInput {
  @Field(() => Date, { nullable: true, description: '活动开始时间不早于' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: '活动开始时间早于' })
  to?: Date | null;

  @Field(() => [CommunityEventTypeEnum], { nullable: true, description: '只统计这些活动类型' })
  types?: string[] | null;
}
