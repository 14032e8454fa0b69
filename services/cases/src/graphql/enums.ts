import { CaseCategories, CaseChannels, CasePriorities, CaseStatuses, Departments } from '@shequ/contracts';
import { registerVocabularyEnum } from '@shequ/subgraph';

export const CaseStatusEnum = registerVocabularyEnum(CaseStatuses, 'CaseStatus', '事项办理状态');
export const CaseCategoryEnum = registerVocabularyEnum(CaseCategories, 'CaseCategory', '事项类别');
export const CaseChannelEnum = registerVocabularyEnum(CaseChannels, 'CaseChannel', '受理渠道');
export const CasePriorityEnum = registerVocabularyEnum(CasePriorities, 'CasePriority', '优先级');
export const DepartmentEnum = registerVocabularyEnum(Departments, 'Department', '社区工作部门');
