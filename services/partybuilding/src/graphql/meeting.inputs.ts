import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar } from '@shequ/subgraph';
import { MeetingAttendanceStatusEnum, PartyMeetingTypeEnum } from './enums.js';
import { PartyMeetingType } from './meeting.type.js';

@InputType('PartyMeetingAttendanceInput', { description: '一名党员的参会情况' })
export class PartyMeetingAttendanceInput {
  @Field(() => ID, { description: '党员编号' })
  memberId!: string;

  @Field(() => MeetingAttendanceStatusEnum, { description: '出席、请假或缺席' })
  status!: string;
}

@InputType('RecordPartyMeetingInput', { description: '登记已召开的组织生活会议' })
export class RecordPartyMeetingInput {
  @Field(() => ID, { description: '召开的党组织编号' })
  organizationId!: string;

  @Field(() => PartyMeetingTypeEnum, { description: '会议类型' })
  type!: string;

  @Field(() => DateScalar, { description: '召开日期' })
  heldOn!: string;

  @MaxLength(200)
  @Field({ description: '主题' })
  topic!: string;

  @MaxLength(50)
  @Field(() => String, { nullable: true, description: '主讲人或主持人' })
  speaker?: string | null;

  @MaxLength(20000)
  @Field(() => String, { nullable: true, description: '会议记录' })
  minutes?: string | null;

  @Field(() => [PartyMeetingAttendanceInput], {
    description: '参会登记（本组织在册党员，每人一次）：至少一人出席，无人出席的会议不予登记',
  })
  attendance!: PartyMeetingAttendanceInput[];
}

@ObjectType('RecordPartyMeetingPayload', { description: '登记会议的结果' })
export class RecordPartyMeetingPayload {
  @Field(() => PartyMeetingType, { description: '会议' })
  meeting!: PartyMeetingType;
}
