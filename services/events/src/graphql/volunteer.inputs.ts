import { Field, ObjectType, ID, InputType, Int } from 'type-graphql';
import { VolunteerServiceRecordType, VolunteerShiftType } from './volunteer.type.js';

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
