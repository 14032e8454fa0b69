import { vocabulary, type CodeOf } from './vocabulary.js';

export const CommunityEventTypes = vocabulary({
  GALA: '晚会（每月一台晚会）',
  LECTURE: '讲座',
  ELDER_YOUTH_CLASS: '老少学堂',
  SUMMER_CAMP: '夏令营',
  VOLUNTEER_SERVICE: '志愿服务',
  PARTY_DAY: '党日活动',
  TRAINING: '培训',
  SPORTS: '体育活动',
  REHEARSAL: '排练',
});
export type CommunityEventType = CodeOf<typeof CommunityEventTypes>;

export const CommunityEventStatuses = vocabulary({
  PLANNED: '筹备中',
  OPEN: '报名中',
  FULL: '名额已满',
  ONGOING: '进行中',
  COMPLETED: '已结束',
  CANCELLED: '已取消',
});
export type CommunityEventStatus = CodeOf<typeof CommunityEventStatuses>;

export const RegistrationStatuses = vocabulary({
  CONFIRMED: '已报名',
  WAITLISTED: '候补',
  CANCELLED: '已取消',
  ATTENDED: '已签到',
  NO_SHOW: '未到场',
});
export type RegistrationStatus = CodeOf<typeof RegistrationStatuses>;
