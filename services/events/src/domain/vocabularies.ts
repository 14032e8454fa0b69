import { vocabulary, type CodeOf } from '@shequ/contracts';

/** Who an activity is for; checked at registration from the resident's age (see audience-rule.ts). */
export const EventAudiences = vocabulary({
  ALL: '全体居民',
  ELDERLY: '老年人（60 周岁以上）',
  CHILDREN: '少年儿童（6–14 周岁）',
  ELDERS_AND_CHILDREN: '老少（60 周岁以上老人与 6–14 周岁儿童，如老少学堂）',
  ADULTS: '成年人（18 周岁以上）',
});
export type EventAudience = CodeOf<typeof EventAudiences>;

/** Who runs an activity. */
export const OrganiserKinds = vocabulary({
  DEPARTMENT: '社区部门',
  TEAM: '文艺团队',
  ORGANIZATION: '共建单位 / 社会组织',
});
export type OrganiserKind = CodeOf<typeof OrganiserKinds>;

/** 文体设施类型 in the facility ledger. */
export const VenueKinds = vocabulary({
  ACTIVITY_ROOM: '活动室',
  SQUARE: '广场',
  ELDERLY_HOME: '老年之家',
  OPEN_AIR_CINEMA: '露天影院',
  REHEARSAL_ROOM: '演练室',
  READING_ROOM: '书院 / 阅览室',
  FITNESS_AREA: '健身场地',
  SCHOOL_HALL: '学校礼堂',
  OUTDOOR_SITE: '户外场所',
});
export type VenueKind = CodeOf<typeof VenueKinds>;

/** 文艺团队类型. */
export const TeamKinds = vocabulary({
  ART_TROUPE: '艺术团',
  YANGGE: '秧歌队',
  WAIST_DRUM: '腰鼓队',
  DANCE: '健身舞蹈队',
  CHOIR: '合唱队',
  PERFORMANCE: '文艺宣传 / 表演队',
  SPORTS: '体育运动队',
  VOLUNTEER: '志愿服务队',
});
export type TeamKind = CodeOf<typeof TeamKinds>;

/** 团队登记状态. */
export const TeamRegistrationStatuses = vocabulary({
  UNREGISTERED: '未登记',
  FILED: '社区备案',
  REGISTERED: '民政注册（民办非企业）',
});
export type TeamRegistrationStatus = CodeOf<typeof TeamRegistrationStatuses>;

/** 团队监管状态. */
export const TeamSupervisionStatuses = vocabulary({
  NORMAL: '正常',
  UNDER_REVIEW: '检查中',
  RECTIFYING: '整改中',
  SUSPENDED: '暂停活动',
});
export type TeamSupervisionStatus = CodeOf<typeof TeamSupervisionStatuses>;

/** Dimensions of `eventStatistics`. */
export const EventStatisticsDimensions = vocabulary({
  TYPE: '活动类型',
  MONTH: '月份',
  VENUE: '场地',
  ORGANISER: '主办方',
  AUDIENCE: '面向人群',
});
export type EventStatisticsDimension = CodeOf<typeof EventStatisticsDimensions>;

/** A month in `galaPlan`. */
export const GalaMonthStatuses = vocabulary({
  HELD: '已举办',
  PLANNED: '已计划',
  MISSING: '未安排',
});
export type GalaMonthStatus = CodeOf<typeof GalaMonthStatuses>;
