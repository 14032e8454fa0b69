import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@shequ/subgraph';
import { MeetingAttendanceStatusEnum, PartyMeetingTypeEnum } from './enums.js';
import { PartyMemberType } from './member.type.js';
import { PartyOrganizationType } from './organization.type.js';

@ObjectType('PartyMeetingAttendance', { description: '参会登记' })
export class PartyMeetingAttendanceType {
  @Field(() => PartyMemberType, { nullable: true, description: '党员' })
  member!: PartyMemberType | null;

  @Field(() => MeetingAttendanceStatusEnum, { description: '出席、请假或缺席' })
  status!: string;
}

@ObjectType('PartyMeeting', { description: '组织生活会议（三会一课、主题党日、组织生活会）' })
export class PartyMeetingType {
  @Field(() => ID, { description: '会议编号' })
  id!: string;

  @Field(() => PartyOrganizationType, { description: '召开的党组织' })
  organization!: PartyOrganizationType;

  @Field(() => PartyMeetingTypeEnum, { description: '会议类型' })
  type!: string;

  @Field(() => DateScalar, { description: '召开日期' })
  heldOn!: string;

  @Field({ description: '主题' })
  topic!: string;

  @Field(() => String, { nullable: true, description: '主讲人或主持人' })
  speaker!: string | null;

  @Field(() => String, { nullable: true, description: '会议记录' })
  minutes!: string | null;

  @Field(() => [PartyMeetingAttendanceType], { description: '参会登记' })
  attendance!: PartyMeetingAttendanceType[];
}

@ObjectType('PartyMeetingCompliancePeriod', { description: '某类会议在一个周期内应开与实开' })
export class PartyMeetingCompliancePeriodType {
  @Field(() => PartyMeetingTypeEnum, { description: '会议类型' })
  type!: string;

  @Field({ description: '周期：季度如 2026-Q1，月份如 2026-03' })
  period!: string;

  @Field(() => Int, { description: '应开次数（党小组会为党小组数）' })
  required!: number;

  @Field(() => Int, { description: '实开次数（同一组织同一周期多次按一次计）' })
  held!: number;

  @Field({ description: '是否达标' })
  met!: boolean;

  @Field({ description: '周期是否已结束（未结束的不计入达标率）' })
  ended!: boolean;
}

@ObjectType('PartyMeetingComplianceSummary', { description: '某类会议全年达标情况' })
export class PartyMeetingComplianceSummaryType {
  @Field(() => PartyMeetingTypeEnum, { description: '会议类型' })
  type!: string;

  @Field(() => Int, { description: '已结束的应开周期数' })
  requiredPeriods!: number;

  @Field(() => Int, { description: '达标周期数' })
  metPeriods!: number;

  @Field(() => Float, { nullable: true, description: '达标率（0–1）；尚无结束的周期时为空' })
  rate!: number | null;
}

@ObjectType('PartyMeetingAttendanceRate', { description: '党员全年参会情况' })
export class PartyMeetingAttendanceRateType {
  @Field(() => PartyMemberType, { nullable: true, description: '党员' })
  member!: PartyMemberType | null;

  @Field(() => Int, { description: '出席次数' })
  present!: number;

  @Field(() => Int, { description: '请假次数' })
  excused!: number;

  @Field(() => Int, { description: '缺席次数' })
  absent!: number;

  @Field(() => Float, { description: '出席率（0–1）' })
  rate!: number;
}

@ObjectType('PartyMeetingCompliance', {
  description: '三会一课落实情况：支部党员大会、党课每季度，支委会、党小组会每月',
})
export class PartyMeetingComplianceType {
  @Field(() => PartyOrganizationType, { description: '党组织' })
  organization!: PartyOrganizationType;

  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => [PartyMeetingCompliancePeriodType], { description: '各周期应开与实开' })
  periods!: PartyMeetingCompliancePeriodType[];

  @Field(() => [PartyMeetingComplianceSummaryType], { description: '各类会议达标汇总' })
  summary!: PartyMeetingComplianceSummaryType[];

  @Field(() => [PartyMeetingAttendanceRateType], { description: '党员参会率' })
  attendance!: PartyMeetingAttendanceRateType[];
}
