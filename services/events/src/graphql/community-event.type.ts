import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import {
  CommunityEventStatusEnum,
  CommunityEventTypeEnum,
  EventAudienceEnum,
  EventOrganiserDepartmentEnum,
  EventOrganiserKindEnum,
} from './enums.js';

@Directive('@key(fields: "id")')
@ObjectType('CommunityEvent', { description: '社区活动：晚会、讲座、老少学堂、夏令营、志愿服务等' })
export class CommunityEventType {
  @Field(() => ID, { description: '活动编号' })
  id!: string;

  @Field({ description: '活动名称' })
  title!: string;

  @Field(() => CommunityEventTypeEnum, { description: '活动类型' })
  type!: string;

  @Field(() => String, { nullable: true, description: '活动简介' })
  description!: string | null;

  @Field({ description: '开始时间' })
  startsAt!: Date;

  @Field({ description: '结束时间' })
  endsAt!: Date;

  @Field(() => Int, { nullable: true, description: '名额（为空表示不限）' })
  capacity!: number | null;

  @Field(() => CommunityEventStatusEnum, { description: '状态' })
  status!: string;

  @Field(() => EventAudienceEnum, { description: '面向人群（报名时按居民年龄核对）' })
  audience!: string;

  @Field(() => EventOrganiserKindEnum, { description: '主办方类别' })
  organiserKind!: string;

  @Field(() => EventOrganiserDepartmentEnum, { nullable: true, description: '主办部门（部门主办时）' })
  organiserDepartment!: string | null;

  @Field(() => String, { nullable: true, description: '取消原因' })
  cancelReason!: string | null;
}

@ObjectType('GalaProgrammeItem', { description: '晚会节目' })
export class GalaProgrammeItemType {
  @Field(() => ID, { description: '节目编号' })
  id!: string;

  @Field(() => Int, { description: '节目顺序（从 1 开始）' })
  position!: number;

  @Field({ description: '节目名称' })
  title!: string;

  @Field({ description: '节目形式，如 秧歌、合唱、小品' })
  form!: string;

  @Field(() => String, { nullable: true, description: '表演者（群体描述，如 老年合唱队 20 人）' })
  performers!: string | null;

  @Field(() => Int, { description: '时长（分钟）' })
  durationMinutes!: number;
}

@ObjectType('EventSponsorship', { description: '活动赞助' })
export class EventSponsorshipType {
  @Field(() => ID, { description: '赞助记录编号' })
  id!: string;

  @Field({ description: '赞助内容，如 奖品、资金、场地' })
  contribution!: string;

  @Field(() => Int, { nullable: true, description: '赞助金额（分）' })
  amountFen!: number | null;
}
