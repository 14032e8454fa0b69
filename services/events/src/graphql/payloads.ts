import { Field, ObjectType } from 'type-graphql';
import { CommunityEventType, EventSponsorshipType, GalaProgrammeItemType } from './community-event.type.js';
import { EventRegistrationType } from './registration.type.js';
import { TeamAwardType, TeamMemberType, TeamType } from './team.type.js';
import { VenueType } from './venue.type.js';
import { VolunteerServiceRecordType, VolunteerShiftType } from './volunteer.type.js';

@ObjectType('RegisterForEventPayload', { description: '报名结果：名额已满时进入候补' })
export class RegisterForEventPayload {
  @Field(() => EventRegistrationType, { description: '报名记录' })
  registration!: EventRegistrationType;
}

@ObjectType('CancelEventRegistrationPayload', { description: '取消报名的结果' })
export class CancelEventRegistrationPayload {
  @Field(() => EventRegistrationType, { description: '已取消的报名' })
  registration!: EventRegistrationType;

  @Field(() => EventRegistrationType, { nullable: true, description: '因此递补成功的候补报名（如有）' })
  promoted!: EventRegistrationType | null;
}

@ObjectType('CheckInEventRegistrationPayload', { description: '签到结果' })
export class CheckInEventRegistrationPayload {
  @Field(() => EventRegistrationType, { description: '已签到的报名' })
  registration!: EventRegistrationType;
}

@ObjectType('VenuePayload', { description: '场地操作结果' })
export class VenuePayload {
  @Field(() => VenueType, { description: '场地' })
  venue!: VenueType;
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

@ObjectType('TeamPayload', { description: '团队操作结果' })
export class TeamPayload {
  @Field(() => TeamType, { description: '团队' })
  team!: TeamType;
}

@ObjectType('TeamMemberPayload', { description: '吸收成员的结果' })
export class TeamMemberPayload {
  @Field(() => TeamMemberType, { description: '成员记录' })
  member!: TeamMemberType;
}

@ObjectType('TeamAwardPayload', { description: '登记获奖的结果' })
export class TeamAwardPayload {
  @Field(() => TeamAwardType, { description: '获奖记录' })
  award!: TeamAwardType;
}

@ObjectType('VolunteerShiftPayload', { description: '安排班次的结果' })
export class VolunteerShiftPayload {
  @Field(() => VolunteerShiftType, { description: '班次' })
  shift!: VolunteerShiftType;
}

@ObjectType('RecordVolunteerHoursPayload', { description: '记录时长的结果' })
export class RecordVolunteerHoursPayload {
  @Field(() => VolunteerServiceRecordType, { description: '时长记录' })
  record!: VolunteerServiceRecordType;
}
