import { CommunityEventStatuses, CommunityEventTypes, Departments, RegistrationStatuses } from '@shequ/contracts';
import { registerVocabularyEnum } from '@shequ/subgraph';
import {
  EventAudiences,
  EventStatisticsDimensions,
  GalaMonthStatuses,
  OrganiserKinds,
  TeamKinds,
  TeamRegistrationStatuses,
  TeamSupervisionStatuses,
  VenueKinds,
} from '../domain/vocabularies.js';

export const CommunityEventTypeEnum = registerVocabularyEnum(CommunityEventTypes, 'CommunityEventType', '活动类型');
export const CommunityEventStatusEnum = registerVocabularyEnum(
  CommunityEventStatuses,
  'CommunityEventStatus',
  '活动状态',
);
export const RegistrationStatusEnum = registerVocabularyEnum(RegistrationStatuses, 'RegistrationStatus', '报名状态');
export const EventAudienceEnum = registerVocabularyEnum(
  EventAudiences,
  'EventAudience',
  '活动面向人群（报名时按年龄核对）',
);
export const EventOrganiserKindEnum = registerVocabularyEnum(OrganiserKinds, 'EventOrganiserKind', '活动主办方类别');
export const EventOrganiserDepartmentEnum = registerVocabularyEnum(
  Departments,
  'EventOrganiserDepartment',
  '主办活动的社区部门',
);
export const VenueKindEnum = registerVocabularyEnum(VenueKinds, 'VenueKind', '文体设施类型');
export const TeamKindEnum = registerVocabularyEnum(TeamKinds, 'TeamKind', '文艺团队类型');
export const TeamRegistrationStatusEnum = registerVocabularyEnum(
  TeamRegistrationStatuses,
  'TeamRegistrationStatus',
  '团队登记状态',
);
export const TeamSupervisionStatusEnum = registerVocabularyEnum(
  TeamSupervisionStatuses,
  'TeamSupervisionStatus',
  '团队监管状态',
);
export const EventStatisticsDimensionEnum = registerVocabularyEnum(
  EventStatisticsDimensions,
  'EventStatisticsDimension',
  '活动统计的分组维度',
);
export const GalaMonthStatusEnum = registerVocabularyEnum(GalaMonthStatuses, 'GalaMonthStatus', '某月晚会安排情况');
