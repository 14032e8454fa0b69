import { Genders, ResidenceTypes, ResidentStatuses } from '@shequ/contracts';
import { registerVocabularyEnum } from '@shequ/subgraph';
import { HousingTypes, RelationsToHead } from '../domain/vocabularies.js';

export const GenderEnum = registerVocabularyEnum(Genders, 'Gender', '性别');
export const ResidenceTypeEnum = registerVocabularyEnum(ResidenceTypes, 'ResidenceType', '居住类型：户籍人口或流动人口');
export const ResidentStatusEnum = registerVocabularyEnum(ResidentStatuses, 'ResidentStatus', '居民状态');
export const HousingTypeEnum = registerVocabularyEnum(HousingTypes, 'HousingType', '住房性质');
export const RelationToHeadEnum = registerVocabularyEnum(RelationsToHead, 'RelationToHead', '与户主关系');
