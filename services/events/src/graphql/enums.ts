import { CommunityEventStatuses, CommunityEventTypes, RegistrationStatuses } from '@shequ/contracts';
import { registerVocabularyEnum } from '@shequ/subgraph';

export const CommunityEventTypeEnum = registerVocabularyEnum(CommunityEventTypes, 'CommunityEventType', '活动类型');
export const CommunityEventStatusEnum = registerVocabularyEnum(CommunityEventStatuses, 'CommunityEventStatus', '活动状态');
export const RegistrationStatusEnum = registerVocabularyEnum(RegistrationStatuses, 'RegistrationStatus', '报名状态');
