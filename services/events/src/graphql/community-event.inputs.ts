import { MaxLength } from 'class-validator';
import { Field, ObjectType, ID, InputType, Int } from 'type-graphql';
import { CommunityEventType, EventSponsorshipType, GalaProgrammeItemType } from './community-event.type.js';
import {
  CommunityEventStatusEnum,
  CommunityEventTypeEnum,
  EventAudienceEnum,
  EventOrganiserDepartmentEnum,
  EventOrganiserKindEnum,
} from './enums.js';

@InputType('PlanCommunityEventInput', { description: '策划活动（预订场地，状态为筹备中）' })
export class PlanCommunityEventInput {
  @Field({ description: '活动名称' })
  title!: string;

  @Field(() => CommunityEventTypeEnum, { description: '活动类型' })
  type!: string;

  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: '活动简介' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: '场地编号（与同一场地的其他活动时间不得重叠）' })
  venueId?: string | null;

  @Field({ description: '开始时间' })
  startsAt!: Date;

  @Field({ description: '结束时间' })
  endsAt!: Date;

  @Field(() => Int, { nullable: true, description: '名额（为空表示不限；不得超过场地容纳人数）' })
  capacity?: number | null;

  @Field(() => EventAudienceEnum, { nullable: true, description: '面向人群（默认全体居民）' })
  audience?: string | null;

  @Field(() => EventOrganiserKindEnum, { description: '主办方类别' })
  organiserKind!: string;

  @Field(() => EventOrganiserDepartmentEnum, { nullable: true, description: '主办部门（部门主办时必填）' })
  organiserDepartment?: string | null;

  @Field(() => ID, { nullable: true, description: '主办团队编号（团队主办时必填）' })
  organiserTeamId?: string | null;

  @Field(() => ID, { nullable: true, description: '主办单位编号（共建单位主办时必填）' })
  organiserOrganizationId?: string | null;

  @Field(() => ID, { nullable: true, description: '排练所属的晚会编号（类型为排练时）' })
  rehearsalForId?: string | null;
}

@InputType('CommunityEventActionInput', { description: '对活动执行一个状态操作' })
export class CommunityEventActionInput {
  @Field(() => ID, { description: '活动编号' })
  eventId!: string;
}

@InputType('CancelCommunityEventInput', { description: '取消活动' })
export class CancelCommunityEventInput {
  @Field(() => ID, { description: '活动编号' })
  eventId!: string;

  @Field({ description: '取消原因' })
  reason!: string;
}

@InputType('AddGalaProgrammeItemInput', { description: '为晚会添加节目' })
export class AddGalaProgrammeItemInput {
  @Field(() => ID, { description: '晚会编号' })
  eventId!: string;

  @Field({ description: '节目名称' })
  title!: string;

  @Field({ description: '节目形式，如 秧歌、合唱、小品' })
  form!: string;

  @Field(() => ID, { nullable: true, description: '表演团队编号' })
  teamId?: string | null;

  @Field(() => String, { nullable: true, description: '表演者（群体描述）' })
  performers?: string | null;

  @Field(() => Int, { description: '时长（分钟）' })
  durationMinutes!: number;
}

@InputType('AddEventSponsorInput', { description: '登记活动赞助' })
export class AddEventSponsorInput {
  @Field(() => ID, { description: '活动编号' })
  eventId!: string;

  @Field(() => ID, { description: '赞助单位编号（辖区单位 / 共建单位）' })
  organizationId!: string;

  @Field({ description: '赞助内容' })
  contribution!: string;

  @Field(() => Int, { nullable: true, description: '赞助金额（分）' })
  amountFen?: number | null;
}

@InputType('CommunityEventFilter', { description: '活动列表筛选' })
export class CommunityEventFilterInput {
  @Field(() => [CommunityEventTypeEnum], { nullable: true, description: '活动类型' })
  types?: string[] | null;

  @Field(() => [CommunityEventStatusEnum], { nullable: true, description: '活动状态' })
  statuses?: string[] | null;

  @Field(() => Date, { nullable: true, description: '开始时间不早于' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: '开始时间早于' })
  to?: Date | null;
}

@InputType('RescheduleCommunityEventInput', { description: '改期或更换场地（活动开始前；同一场地时间不得重叠）' })
export class RescheduleCommunityEventInput {
  @Field(() => ID, { description: '活动编号' })
  eventId!: string;

  @Field(() => ID, { nullable: true, description: '新场地编号（不填则保持原场地）' })
  venueId?: string | null;

  @Field({ description: '新的开始时间' })
  startsAt!: Date;

  @Field({ description: '新的结束时间' })
  endsAt!: Date;
}

@ObjectType('CommunityEventPayload', { description: '活动操作结果' })
export class CommunityEventPayload {
  @Field(() => CommunityEventType, { description: '活动' })
  event!: CommunityEventType;
}

@ObjectType('GalaProgrammeItemPayload', { description: '添加节目的结果' })
export class GalaProgrammeItemPayload {
  @Field(() => GalaProgrammeItemType, { description: '节目' })
  item!: GalaProgrammeItemType;
}

@ObjectType('EventSponsorshipPayload', { description: '登记赞助的结果' })
export class EventSponsorshipPayload {
  @Field(() => EventSponsorshipType, { description: '赞助记录' })
  sponsorship!: EventSponsorshipType;
}
