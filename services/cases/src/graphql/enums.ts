import {
  CaseCategories,
  CaseChannels,
  CasePriorities,
  CaseStatuses,
  Departments,
  EvaluationGrades,
} from '@shequ/contracts';
import { registerVocabularyEnum, WebhookDeliveryStatuses, WebhookSubscriptionStatuses } from '@shequ/subgraph';
import {
  AppraisalPeriods,
  CaseActions,
  CaseStatisticsDimensions,
  EscalationLevels,
  MediationOutcomes,
  ProactiveTaskClosings,
  ProactiveTaskStatuses,
  RaterKinds,
  WorkTypes,
} from '../domain/vocabularies.js';

export const CaseStatusEnum = registerVocabularyEnum(CaseStatuses, 'CaseStatus', '事项办理状态');
export const CaseCategoryEnum = registerVocabularyEnum(CaseCategories, 'CaseCategory', '事项类别');
export const CaseChannelEnum = registerVocabularyEnum(CaseChannels, 'CaseChannel', '受理渠道');
export const CasePriorityEnum = registerVocabularyEnum(CasePriorities, 'CasePriority', '优先级');
export const DepartmentEnum = registerVocabularyEnum(Departments, 'Department', '社区工作部门');
export const EvaluationGradeEnum = registerVocabularyEnum(EvaluationGrades, 'CaseEvaluationGrade', '居民评议等级');
export const CaseActionEnum = registerVocabularyEnum(CaseActions, 'CaseAction', '事项办理动作');
export const CaseWorkTypeEnum = registerVocabularyEnum(WorkTypes, 'CaseWorkType', '工作类型（日常工作/临时任务）');
export const EscalationLevelEnum = registerVocabularyEnum(EscalationLevels, 'CaseEscalationLevel', '上报层级');
export const RaterKindEnum = registerVocabularyEnum(RaterKinds, 'CaseRaterKind', '评议人类型');
export const AppraisalPeriodEnum = registerVocabularyEnum(AppraisalPeriods, 'StaffAppraisalPeriod', '考核周期');
export const CaseStatisticsDimensionEnum = registerVocabularyEnum(
  CaseStatisticsDimensions,
  'CaseStatisticsDimension',
  '事项统计分组维度',
);
export const ProactiveTaskStatusEnum = registerVocabularyEnum(
  ProactiveTaskStatuses,
  'ProactiveTaskStatus',
  '主动服务任务状态',
);
export const ProactiveTaskClosingEnum = registerVocabularyEnum(
  ProactiveTaskClosings,
  'ProactiveTaskClosing',
  '主动服务任务关闭原因',
);
export const MediationOutcomeEnum = registerVocabularyEnum(MediationOutcomes, 'MediationOutcome', '调解结果');
export const WebhookSubscriptionStatusEnum = registerVocabularyEnum(
  WebhookSubscriptionStatuses,
  'WebhookSubscriptionStatus',
  'Webhook 订阅状态',
);
export const WebhookDeliveryStatusEnum = registerVocabularyEnum(
  WebhookDeliveryStatuses,
  'WebhookDeliveryStatus',
  'Webhook 推送状态',
);
