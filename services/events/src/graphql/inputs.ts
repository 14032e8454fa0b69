import { DateScalar } from '@shequ/subgraph';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  CommunityEventStatusEnum,
  CommunityEventTypeEnum,
  EventAudienceEnum,
  EventOrganiserDepartmentEnum,
  EventOrganiserKindEnum,
  TeamKindEnum,
  TeamRegistrationStatusEnum,
  TeamSupervisionStatusEnum,
  VenueKindEnum,
} from './enums.js';

@InputType('RegisterForEventInput', { description: '活动报名' })
export class RegisterForEventInput {
  @Field(() => ID, { description: '活动编号' })
  eventId!: string;

  @Field(() => ID, { description: '报名居民编号' })
  residentId!: string;
}

@InputType('CancelEventRegistrationInput', { description: '取消报名' })
export class CancelEventRegistrationInput {
  @Field(() => ID, { description: '报名编号' })
  registrationId!: string;

  @Field(() => String, { nullable: true, description: '取消原因（默认：本人取消）' })
  reason?: string | null;
}

@InputType('CheckInEventRegistrationInput', { description: '活动签到' })
export class CheckInEventRegistrationInput {
  @Field(() => ID, { description: '报名编号' })
  registrationId!: string;
}

@InputType('RegisterVenueInput', { description: '登记场地（文体设施资源台账）' })
export class RegisterVenueInput {
  @Field({ description: '名称' })
  name!: string;

  @Field(() => VenueKindEnum, { description: '设施类型' })
  kind!: string;

  @Field(() => Int, { nullable: true, description: '容纳人数' })
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: '地址' })
  address?: string | null;

  @Field(() => ID, { nullable: true, description: '产权 / 管理单位编号（辖区单位）' })
  ownerOrganizationId?: string | null;

  @Field(() => [String], { nullable: true, description: '存档照片地址' })
  photoUrls?: string[] | null;

  @Field(() => String, { nullable: true, description: '开放时间，如 每日 08:00–21:00' })
  openingHours?: string | null;
}

@InputType('PlanCommunityEventInput', { description: '策划活动（预订场地，状态为筹备中）' })
export class PlanCommunityEventInput {
  @Field({ description: '活动名称' })
  title!: string;

  @Field(() => CommunityEventTypeEnum, { description: '活动类型' })
  type!: string;

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

@InputType('CreateTeamInput', { description: '登记文艺团队' })
export class CreateTeamInput {
  @Field({ description: '团队名称' })
  name!: string;

  @Field(() => TeamKindEnum, { description: '团队类型' })
  kind!: string;

  @Field(() => ID, { nullable: true, description: '所属艺术团编号' })
  parentTeamId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '成立日期' })
  foundedOn?: string | null;

  @Field(() => TeamRegistrationStatusEnum, { nullable: true, description: '登记状态（默认未登记）' })
  registrationStatus?: string | null;
}

@InputType('AddTeamMemberInput', { description: '团队吸收成员' })
export class AddTeamMemberInput {
  @Field(() => ID, { description: '团队编号' })
  teamId!: string;

  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @Field(() => DateScalar, { description: '入团日期' })
  joinedOn!: string;
}

@InputType('AppointTeamLeaderInput', { description: '任命队长' })
export class AppointTeamLeaderInput {
  @Field(() => ID, { description: '团队编号' })
  teamId!: string;

  @Field(() => ID, { description: '队长（须为现有成员）的居民编号' })
  residentId!: string;
}

@InputType('ChangeTeamStatusInput', { description: '变更团队登记或监管状态' })
export class ChangeTeamStatusInput {
  @Field(() => ID, { description: '团队编号' })
  teamId!: string;

  @Field(() => TeamRegistrationStatusEnum, { nullable: true, description: '新的登记状态' })
  registrationStatus?: string | null;

  @Field(() => TeamSupervisionStatusEnum, { nullable: true, description: '新的监管状态' })
  supervisionStatus?: string | null;
}

@InputType('RecordTeamAwardInput', { description: '登记团队获奖' })
export class RecordTeamAwardInput {
  @Field(() => ID, { description: '团队编号' })
  teamId!: string;

  @Field({ description: '奖项名称' })
  title!: string;

  @Field({ description: '颁奖单位' })
  awardedBy!: string;

  @Field(() => DateScalar, { description: '获奖日期' })
  awardedOn!: string;
}

@InputType('CreateVolunteerShiftInput', { description: '安排志愿服务班次' })
export class CreateVolunteerShiftInput {
  @Field(() => ID, { nullable: true, description: '所属活动编号' })
  eventId?: string | null;

  @Field({ description: '岗位' })
  role!: string;

  @Field({ description: '开始时间' })
  startsAt!: Date;

  @Field({ description: '结束时间' })
  endsAt!: Date;
}

@InputType('RecordVolunteerHoursInput', { description: '记录志愿服务时长' })
export class RecordVolunteerHoursInput {
  @Field(() => ID, { description: '班次编号' })
  shiftId!: string;

  @Field(() => ID, { description: '志愿者的居民编号' })
  residentId!: string;

  @Field(() => Int, { nullable: true, description: '服务时长（分钟；默认整个班次）' })
  minutes?: number | null;
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

@InputType('RemoveTeamMemberInput', { description: '成员离团' })
export class RemoveTeamMemberInput {
  @Field(() => ID, { description: '团队编号' })
  teamId!: string;

  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @Field(() => DateScalar, { description: '离团日期' })
  leftOn!: string;
}
