import { vocabulary, type CodeOf } from './vocabulary.js';

export const Genders = vocabulary({ MALE: '男', FEMALE: '女' });
export type Gender = CodeOf<typeof Genders>;

/** 户籍人口 / 流动人口 */
export const ResidenceTypes = vocabulary({
  REGISTERED: '户籍人口（本地户籍）',
  FLOATING: '流动人口（持居住证）',
});
export type ResidenceType = CodeOf<typeof ResidenceTypes>;

export const ResidentStatuses = vocabulary({
  ACTIVE: '在册（正常居住）',
  MOVED_OUT: '已迁出',
  DECEASED: '已死亡',
});
export type ResidentStatus = CodeOf<typeof ResidentStatuses>;

/** 关爱对象类别 (DESIGN §5). ADVANCED_AGE (高龄) is derived from the birth date, never stored by hand. */
export const CareCategories = vocabulary({
  MINIMUM_LIVING_ALLOWANCE: '低保（城乡居民最低生活保障）',
  EXTREME_POVERTY: '特困人员',
  DISABILITY: '残疾人',
  ELDERLY_LIVING_ALONE: '独居/空巢老人',
  ADVANCED_AGE: '高龄老人（80 周岁及以上，按出生日期自动认定）',
  VETERAN: '退役军人/军属',
  RETIRED_CADRE: '离退休干部',
  UNEMPLOYED: '失业人员',
  LEFT_BEHIND_CHILD: '留守儿童',
  MIGRANT_WORKER_CHILD: '外来务工人员子女',
  KEY_PERSON: '重点人员（敏感）',
});
export type CareCategory = CodeOf<typeof CareCategories>;

/**
 * Care categories that are sensitive tags (重点人员): shown only where sensitive tags are (`sensitiveTags`, a key's
 * `sensitive:read`), in the graph and in anything derived or sent, such as a webhook of a care category's events.
 */
export const SENSITIVE_CARE_CATEGORIES: readonly CareCategory[] = ['KEY_PERSON'];

/** 社区工作部门: the departments of the community office (计生, 保障站, 综治城管 …). */
export const Departments = vocabulary({
  FAMILY_PLANNING: '计生（计划生育）',
  SOCIAL_SECURITY: '保障站（社会保障与民政）',
  COMPREHENSIVE_GOVERNANCE: '综治城管（综合治理与城市管理）',
  PARTY_AFFAIRS: '党建',
  CULTURE: '文化',
  GRID: '网格（网格员）',
  OFFICE: '社区办公室（综合）',
});
export type Department = CodeOf<typeof Departments>;
