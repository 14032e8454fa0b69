import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CommunityEventStatusEnum, CommunityEventTypeEnum } from './enums.js';
import { VenueType } from './venue.type.js';

@Directive('@key(fields: "id")')
@ObjectType('CommunityEvent', { description: '社区活动：晚会、讲座、老少学堂、夏令营、志愿服务等' })
export class CommunityEventType {
  @Field(() => ID, { description: '活动编号' })
  id!: string;

  @Field({ description: '活动名称' })
  title!: string;

  @Field(() => CommunityEventTypeEnum, { description: '活动类型' })
  type!: string;

  @Field({ description: '开始时间' })
  startsAt!: Date;

  @Field({ description: '结束时间' })
  endsAt!: Date;

  @Field(() => Int, { nullable: true, description: '名额（为空表示不限）' })
  capacity!: number | null;

  @Field(() => CommunityEventStatusEnum, { description: '状态' })
  status!: string;

  @Field(() => VenueType, { nullable: true, description: '场地' })
  venue!: VenueType | null;
}
