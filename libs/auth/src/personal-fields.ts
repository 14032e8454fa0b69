/** Personal data that is masked, or left out, unless the caller's role allows it raw. */
export const PERSONAL_FIELDS = {
  idNumber: '居民身份证号',
  phone: '联系电话',
  address: '住址（门牌号级）',
  careCategories: '关爱对象类别（低保、残疾等）',
  sensitiveTags: '重点人员等敏感标记',
} as const;

export type PersonalField = keyof typeof PERSONAL_FIELDS;

/** RAW: the value (audited); MASKED: a masked form; ABSENT: null / left out. */
export type FieldAccess = 'RAW' | 'MASKED' | 'ABSENT';

/** Fields that have no masked form: without RAW access they are absent. */
export const UNMASKABLE: ReadonlySet<PersonalField> = new Set(['careCategories', 'sensitiveTags']);
