import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CommunityEventType } from './community-event.type.js';
import { OrganizationReference } from './entity-references.js';
import { STATISTICS_COLUMN_DEPRECATION, statisticsKeyType } from '@shequ/subgraph';
import { CommunityEventTypeEnum, EventStatisticsDimensionEnum, GalaMonthStatusEnum } from './enums.js';

export const EventStatisticsKeyType = statisticsKeyType(
  'EventStatisticsKey',
  EventStatisticsDimensionEnum,
  {
    value:
      '取值（场地为编号，主办方为 DEPARTMENT:部门代码、TEAM:团队编号或 ORGANIZATION:单位编号，月份为 YYYY-MM，其余为枚举代码；未知为 UNKNOWN）',
  },
  {
    organization: {
      type: () => OrganizationReference,
      description: '主办单位（主办方维度且主办方为单位时；单位名称等由居民服务提供，无权查看组织时为空）',
    },
  },
);

@ObjectType('EventStatisticsGroup', {
  description: '活动统计的一组（只含计数，不含个人信息；无权查看报名名单的角色按统计披露控制抑制小格）',
})
export class EventStatisticsGroupType {
  @Field(() => [EventStatisticsKeyType], {
    description:
      '各维度的取值与中文名称（顺序同 groupBy；场地为编号与名称，主办方为 DEPARTMENT:部门代码、TEAM:团队编号或 ORGANIZATION:单位编号与名称，月份如 2026-03 与 2026年3月）',
  })
  keys!: InstanceType<typeof EventStatisticsKeyType>[];

  @Field(() => CommunityEventTypeEnum, {
    nullable: true,
    description: '活动类型（按 TYPE 分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  type!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '月份 YYYY-MM（按 MONTH 分组时，北京时间）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  month!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '场地名称（按 VENUE 分组时；为空表示无固定场地）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  venue!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '主办方（按 ORGANISER 分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  organiser!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '面向人群（按 AUDIENCE 分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  audience!: string | null;

  @Field(() => Int, { description: '活动场次（不含已取消）' })
  events!: number;

  @Field(() => Int, {
    nullable: true,
    description: '报名占用名额（已报名、已签到、未到场）；为空表示已按统计披露控制抑制（见 suppressed）',
  })
  registrations!: number | null;

  @Field(() => Int, { nullable: true, description: '签到人次；为空表示已按统计披露控制抑制（见 suppressed）' })
  attended!: number | null;

  @Field(() => Int, { nullable: true, description: '未到场人次；为空表示已按统计披露控制抑制（见 suppressed）' })
  noShows!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '到场率 = 签到 /（签到 + 未到场）；尚无结束的活动时为空，所据人数少于披露阈值或已抑制时也为空',
  })
  attendanceRate!: number | null;

  @Field(() => Int, { nullable: true, description: '参加人数（去重）；为空表示已按统计披露控制抑制（见 suppressed）' })
  uniqueParticipants!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      '参加者中 60 周岁以上老人的比例（年龄已知者中）；无权查看出生日期原值的调用方在年龄已知者少于披露阈值或参加人数已抑制时为空',
  })
  elderlyShare!: number | null;

  @Field(() => String, {
    nullable: true,
    description: '为何有数值为空（统计披露控制：逐项说明抑制原因）；全部显示时为空',
  })
  suppressed!: string | null;
}

@ObjectType('GalaPlanMonth', { description: '每月一台晚会：某月的晚会安排' })
export class GalaPlanMonthType {
  @Field(() => Int, { description: '月份（1–12）' })
  month!: number;

  @Field(() => GalaMonthStatusEnum, { description: '已举办、已计划或未安排' })
  status!: string;

  @Field(() => [CommunityEventType], { description: '该月的晚会' })
  events!: CommunityEventType[];
}
