import { PartyMemberStages, PartyMemberTypes, PartyOrganizationLevels } from '@shequ/contracts';
import { registerVocabularyEnum } from '@shequ/subgraph';

export const PartyMemberStageEnum = registerVocabularyEnum(PartyMemberStages, 'PartyMemberStage', '党员发展阶段');
export const PartyMemberTypeEnum = registerVocabularyEnum(PartyMemberTypes, 'PartyMemberType', '党员类型');
export const PartyOrganizationLevelEnum = registerVocabularyEnum(PartyOrganizationLevels, 'PartyOrganizationLevel', '党组织层级');
