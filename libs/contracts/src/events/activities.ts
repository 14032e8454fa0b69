import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { Id, IsoDate, IsoDateTime, Nullable, OneOf } from '../schema-types.js';
import { CommunityEventTypes } from '../vocabulary/activities.js';

export const EventPublished = defineEvent({
  source: 'events',
  aggregate: 'event',
  name: 'published',
  description: '活动发布（开放报名）',
  data: Type.Object({
    eventId: Id('活动编号'),
    title: Type.String({ description: '活动名称' }),
    type: OneOf(CommunityEventTypes, '活动类型'),
    startsAt: IsoDateTime('开始时间'),
    endsAt: IsoDateTime('结束时间'),
    venueId: Nullable(Id('场地编号')),
    capacity: Nullable(Type.Integer({ minimum: 0, description: '名额' })),
  }),
});

export const EventCancelled = defineEvent({
  source: 'events',
  aggregate: 'event',
  name: 'cancelled',
  description: '活动取消',
  data: Type.Object({
    eventId: Id('活动编号'),
    reason: Type.String({ description: '取消原因' }),
    cancelledAt: IsoDateTime('取消时间'),
  }),
});

export const EventCompleted = defineEvent({
  source: 'events',
  aggregate: 'event',
  name: 'completed',
  description: '活动结束',
  data: Type.Object({
    eventId: Id('活动编号'),
    completedAt: IsoDateTime('结束时间'),
    attended: Type.Integer({ minimum: 0, description: '签到人数' }),
  }),
});

const Registration = {
  registrationId: Id('报名编号'),
  eventId: Id('活动编号'),
  residentId: Id('居民编号'),
};

export const RegistrationCreated = defineEvent({
  source: 'events',
  aggregate: 'registration',
  name: 'created',
  description: '居民报名活动（名额满时进入候补）',
  data: Type.Object({
    ...Registration,
    status: Type.Union([Type.Literal('CONFIRMED'), Type.Literal('WAITLISTED')], {
      description: '报名结果：CONFIRMED 已报名，WAITLISTED 候补',
    }),
  }),
});

export const RegistrationCancelled = defineEvent({
  source: 'events',
  aggregate: 'registration',
  name: 'cancelled',
  description: '报名取消（本人取消、活动取消，或报名人已不在本社区）；不含取消原因的文字',
  data: Type.Object({
    ...Registration,
    cause: Type.Union([Type.Literal('WITHDRAWN'), Type.Literal('EVENT_CANCELLED')], {
      description:
        '取消类别：WITHDRAWN 报名人退出（本人取消，或因居民状态变化由系统取消，不区分、不说明原因，原因属个人信息），EVENT_CANCELLED 活动取消（原因见 event.cancelled）',
    }),
  }),
});

export const RegistrationPromoted = defineEvent({
  source: 'events',
  aggregate: 'registration',
  name: 'promoted',
  description: '候补递补：有人取消后，候补第一位自动获得名额',
  data: Type.Object({
    ...Registration,
    promotedAt: IsoDateTime('递补时间'),
  }),
});

export const RegistrationAttended = defineEvent({
  source: 'events',
  aggregate: 'registration',
  name: 'attended',
  description: '居民签到参加活动（社情民意服务计为一次联系）',
  data: Type.Object({
    ...Registration,
    attendedAt: IsoDateTime('签到时间'),
  }),
});

export const VolunteerHoursRecorded = defineEvent({
  source: 'events',
  aggregate: 'volunteer_hours',
  aggregateId: ['shiftId', 'residentId'],
  name: 'recorded',
  description: '志愿服务时长记录（党建服务为党员累计志愿时长）',
  data: Type.Object({
    shiftId: Id('志愿岗位班次编号'),
    eventId: Nullable(Id('活动编号')),
    residentId: Id('志愿者（居民编号）'),
    minutes: Type.Integer({ minimum: 1, description: '服务时长（分钟）' }),
    servedOn: IsoDate('服务日期'),
  }),
});

export const activitiesEvents = [
  EventPublished,
  EventCancelled,
  EventCompleted,
  RegistrationCreated,
  RegistrationCancelled,
  RegistrationPromoted,
  RegistrationAttended,
  VolunteerHoursRecorded,
];
