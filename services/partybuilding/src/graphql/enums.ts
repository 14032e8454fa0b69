import {
  Departments,
  Genders,
  PartyMeetingTypes,
  PartyMemberStages,
  PartyMemberTypes,
  PartyOrganizationLevels,
} from '@shequ/contracts';
import { registerVocabularyEnum } from '@shequ/subgraph';
import {
  MeetingAttendanceStatuses,
  MemberFollowUpReasons,
  PartyAppraisalGrades,
  PartyMemberStatuses,
  PartyOrganizationChangeKinds,
  PartyStatisticsDimensions,
  PartyTransferDirections,
  PartyTransferStatuses,
} from '../domain/vocabularies.js';

export const PartyMemberStageEnum = registerVocabularyEnum(PartyMemberStages, 'PartyMemberStage', '党员发展阶段');
export const PartyMemberTypeEnum = registerVocabularyEnum(PartyMemberTypes, 'PartyMemberType', '党员类型');
export const PartyOrganizationLevelEnum = registerVocabularyEnum(
  PartyOrganizationLevels,
  'PartyOrganizationLevel',
  '党组织层级',
);
export const PartyMemberStatusEnum = registerVocabularyEnum(
  PartyMemberStatuses,
  'PartyMemberStatus',
  '党员组织关系状态',
);
export const MemberFollowUpReasonEnum = registerVocabularyEnum(
  MemberFollowUpReasons,
  'PartyMemberFollowUpReason',
  '党员档案待跟进原因',
);
export const PartyTransferDirectionEnum = registerVocabularyEnum(
  PartyTransferDirections,
  'PartyTransferDirection',
  '组织关系转接方向',
);
export const PartyTransferStatusEnum = registerVocabularyEnum(
  PartyTransferStatuses,
  'PartyTransferStatus',
  '组织关系转接状态',
);
export const PartyMeetingTypeEnum = registerVocabularyEnum(
  PartyMeetingTypes,
  'PartyMeetingType',
  '组织生活类型（三会一课等）',
);
export const MeetingAttendanceStatusEnum = registerVocabularyEnum(
  MeetingAttendanceStatuses,
  'PartyMeetingAttendanceStatus',
  '参会情况',
);
export const PartyAppraisalGradeEnum = registerVocabularyEnum(
  PartyAppraisalGrades,
  'PartyAppraisalGrade',
  '民主评议党员等次',
);
export const PartyOrganizationChangeKindEnum = registerVocabularyEnum(
  PartyOrganizationChangeKinds,
  'PartyOrganizationChangeKind',
  '党组织变更类型',
);
export const PartyStatisticsDimensionEnum = registerVocabularyEnum(
  PartyStatisticsDimensions,
  'PartyStatisticsDimension',
  '党建统计分组维度',
);
export const DepartmentEnum = registerVocabularyEnum(Departments, 'Department', '社区工作部门');
export const GenderEnum = registerVocabularyEnum(Genders, 'Gender', '性别');
