/** Personal data that is masked, or left out, unless the caller's role allows it raw. */
export const PERSONAL_FIELDS = {
  idNumber: '居民身份证号',
  birthDate: '出生日期（身份证号第 7–14 位：与脱敏身份证号合起来即还原全号，只在可见身份证号原值时返回；否则只给年龄）',
  phone: '联系电话',
  address: '住址（门牌号级）',
  careCategories: '关爱对象类别（低保、残疾等）',
  sensitiveTags: '重点人员等敏感标记',
} as const;

export type PersonalField = keyof typeof PERSONAL_FIELDS;

/**
 * Values derived from a personal field and shown to more callers than the field itself (the age, to every caller
 * reading residents, from the birth date only some may read). Each shown value is personal data too: it is in the
 * person's audit trail as a read of its own (`PersonalDataReader.readDerived`), whatever the caller's access to
 * the field it comes from.
 */
export const DERIVED_PERSONAL_FIELDS = {
  age: '周岁年龄（由出生日期推出）',
} as const;

export type DerivedPersonalField = keyof typeof DERIVED_PERSONAL_FIELDS;

/** What a personal-data audit entry names: a personal field or a value derived from one. */
export type AuditedField = PersonalField | DerivedPersonalField;

/** RAW: the value (audited); MASKED: a masked form; ABSENT: null / left out. */
export type FieldAccess = 'RAW' | 'MASKED' | 'ABSENT';

/** Fields that have no masked form: without RAW access they are absent. */
export const UNMASKABLE: ReadonlySet<PersonalField> = new Set(['birthDate', 'careCategories', 'sensitiveTags']);

/**
 * Fields that complete another one: the exact birth date is the eight digits a masked ID number hides, so it is
 * never shown where the ID number is not shown raw (age, or an age band, is what other departments get).
 */
export const COMPLETES: Readonly<Partial<Record<PersonalField, PersonalField>>> = { birthDate: 'idNumber' };
