import { CareCategories, Departments, Genders, ResidenceTypes, ResidentStatuses } from '@shequ/contracts';
import { registerVocabularyEnum } from '@shequ/subgraph';
import { registerEnumType } from 'type-graphql';
import { AgeBands } from '../domain/age-bands.js';
import { CareReviewOutcomes, HousingTypes, OrganizationKinds, RelationsToHead } from '../domain/vocabularies.js';

export const GenderEnum = registerVocabularyEnum(Genders, 'Gender', '性别');
export const ResidenceTypeEnum = registerVocabularyEnum(
  ResidenceTypes,
  'ResidenceType',
  '居住类型：户籍人口或流动人口',
);
export const ResidentStatusEnum = registerVocabularyEnum(ResidentStatuses, 'ResidentStatus', '居民状态');
export const HousingTypeEnum = registerVocabularyEnum(HousingTypes, 'HousingType', '住房性质');
export const RelationToHeadEnum = registerVocabularyEnum(RelationsToHead, 'RelationToHead', '与户主关系');
export const CareCategoryEnum = registerVocabularyEnum(CareCategories, 'CareCategory', '关爱对象类别');
export const CareReviewOutcomeEnum = registerVocabularyEnum(
  CareReviewOutcomes,
  'CareReviewOutcome',
  '关爱对象复核结论',
);
export const OrganizationKindEnum = registerVocabularyEnum(OrganizationKinds, 'OrganizationKind', '组织类别');
export const StaffDepartmentEnum = registerVocabularyEnum(Departments, 'StaffDepartment', '社区工作部门');
export const AgeBandEnum = registerVocabularyEnum(AgeBands, 'ResidentAgeBand', '年龄段');

export enum ResidentStatisticsDimension {
  GRID = 'GRID',
  BUILDING = 'BUILDING',
  GENDER = 'GENDER',
  AGE_BAND = 'AGE_BAND',
  RESIDENCE_TYPE = 'RESIDENCE_TYPE',
  CARE_CATEGORY = 'CARE_CATEGORY',
  STATUS = 'STATUS',
}
registerEnumType(ResidentStatisticsDimension, {
  name: 'ResidentStatisticsDimension',
  description: '人口统计的分组维度',
  valuesConfig: {
    GRID: { description: '按网格' },
    BUILDING: { description: '按楼栋' },
    GENDER: { description: '按性别' },
    AGE_BAND: { description: '按年龄段（0–6、7–17、18–34、35–59、60–79、80+）' },
    RESIDENCE_TYPE: { description: '按居住类型（户籍/流动）' },
    CARE_CATEGORY: { description: '按关爱对象类别（一人可计入多类；无类别计为 NONE）' },
    STATUS: { description: '按状态（在册/迁出/死亡）' },
  },
});

export enum ImportFormat {
  CSV = 'CSV',
  JSON = 'JSON',
}
registerEnumType(ImportFormat, {
  name: 'ResidentImportFormat',
  description: '导入文件格式',
  valuesConfig: {
    CSV: { description: 'CSV（首行为列名，UTF-8）' },
    JSON: { description: 'JSON（对象数组，键同 CSV 列名）' },
  },
});

export enum ImportOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}
registerEnumType(ImportOutcome, {
  name: 'ResidentImportOutcome',
  description: '导入一行的结果',
  valuesConfig: {
    CREATED: { description: '新增' },
    UPDATED: { description: '更新' },
    UNCHANGED: { description: '无变化' },
    REJECTED: { description: '拒绝（见字段与原因）' },
  },
});

export enum AddressImportOutcomeEnum {
  CREATED = 'CREATED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}
registerEnumType(AddressImportOutcomeEnum, {
  name: 'AddressImportOutcome',
  description: '标准地址导入的行结果',
  valuesConfig: {
    CREATED: { description: '新登记了楼栋或住户' },
    UNCHANGED: { description: '已登记，无变化' },
    REJECTED: { description: '拒绝（见原因）' },
  },
});
