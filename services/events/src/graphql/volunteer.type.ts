import { DateScalar } from '@shequ/subgraph';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ResidentReference } from './entity-references.js';

@ObjectType('VolunteerShift', { description: '志愿服务班次' })
export class VolunteerShiftType {
  @Field(() => ID, { description: '班次编号' })
  id!: string;

  @Field({ description: '岗位，如 秩序维护、量血压、环境清扫' })
  role!: string;

  @Field({ description: '开始时间' })
  startsAt!: Date;

  @Field({ description: '结束时间' })
  endsAt!: Date;
}

@ObjectType('VolunteerServiceRecord', { description: '一次志愿服务时长记录' })
export class VolunteerServiceRecordType {
  @Field(() => ID, { description: '记录编号' })
  id!: string;

  @Field(() => ResidentReference, { nullable: true, description: '志愿者（居民；无法解析时为空，并在 errors 中说明）' })
  resident!: ResidentReference | null;

  @Field(() => Int, { description: '服务时长（分钟）' })
  minutes!: number;

  @Field(() => DateScalar, { description: '服务日期' })
  servedOn!: string;
}

@ObjectType('EventVolunteerHoursSummary', { description: '居民的志愿服务时长汇总' })
export class EventVolunteerHoursSummaryType {
  @Field(() => Int, { description: '累计服务时长（分钟）' })
  totalMinutes!: number;

  @Field(() => Float, { description: '累计服务时长（小时，保留一位小数）' })
  totalHours!: number;

  @Field(() => Int, { description: '服务次数' })
  services!: number;

  @Field(() => [VolunteerServiceRecordType], { description: '最近的服务记录（最多 20 条）' })
  recent!: VolunteerServiceRecordType[];
}
