import { parseResidentIdNumber, type Gender, type ResidenceType } from '@shequ/contracts';
import { HousingTypes, RelationsToHead, type HousingTypeCode, type RelationToHeadCode } from '../vocabularies.js';
import { validName, validPhone } from '../resident-registration.js';
import { validResidence } from '../floating-permit.js';
import { isDomainError, echoed } from '@shequ/errors';
import { checkHousing, normaliseFlat } from '../household-rules.js';

/** Columns of a district import file (区级人口库), with the Chinese headings also accepted. */
export const IMPORT_COLUMNS = {
  idNumber: ['idNumber', '身份证号', '公民身份号码'],
  name: ['name', '姓名'],
  phone: ['phone', '联系电话', '电话'],
  gridCode: ['gridCode', '网格编码'],
  building: ['building', '楼栋'],
  unit: ['unit', '单元'],
  room: ['room', '室', '门牌'],
  housing: ['housing', '住房性质'],
  relationToHead: ['relationToHead', '与户主关系'],
  residenceType: ['residenceType', '居住类型'],
  residencePermitIssuedOn: ['residencePermitIssuedOn', '居住证签发日期'],
  residencePermitExpiresOn: ['residencePermitExpiresOn', '居住证到期日期'],
  landlordIdNumber: ['landlordIdNumber', '房东身份证号'],
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;
export const REQUIRED_COLUMNS: ImportColumn[] = ['idNumber', 'name', 'building', 'unit', 'room'];

/** Which column each heading is (unknown headings are ignored). */
export function columnOf(heading: string): ImportColumn | null {
  const h = heading.trim();
  for (const [column, names] of Object.entries(IMPORT_COLUMNS))
    if ((names as readonly string[]).includes(h)) return column as ImportColumn;
  return null;
}

export interface ImportRow {
  idNumber: string;
  name: string;
  gender: Gender;
  birthDate: string;
  phone: string | null;
  gridCode: string | null;
  building: string;
  unit: string;
  room: string;
  housing: HousingTypeCode | null;
  /** 出租房's landlord (a resident registered in the community or earlier in the file), by ID number. */
  landlordIdNumber: string | null;
  relationToHead: RelationToHeadCode;
  residenceType: ResidenceType;
  residencePermitIssuedOn: string | null;
  residencePermitExpiresOn: string | null;
}

export type RowCheck = { ok: true; value: ImportRow } | { ok: false; field: string | null; reason: string };

const SYNONYMS: Record<string, Record<string, string>> = {
  housing: { 自有: 'OWNED', 自有住房: 'OWNED', 出租: 'RENTED', 出租房: 'RENTED', 公房: 'PUBLIC', 保障房: 'PUBLIC' },
  relationToHead: { 户主: 'HEAD', 配偶: 'SPOUSE', 子女: 'CHILD', 父母: 'PARENT', 孙子女: 'GRANDCHILD', 其他: 'OTHER' },
  residenceType: { 户籍: 'REGISTERED', 户籍人口: 'REGISTERED', 流动: 'FLOATING', 流动人口: 'FLOATING' },
};

function enumValue<K extends string>(field: string, raw: string, codes: readonly K[]): K {
  const value = SYNONYMS[field]?.[raw] ?? raw.toUpperCase();
  if (!codes.includes(value as K))
    throw Object.assign(new Error(`未知的取值「${echoed(raw)}」，可选 ${codes.join('/')}`), { field });
  return value as K;
}

/** Checks and normalises one record of an import file; never throws. */
export function checkImportRow(record: Partial<Record<ImportColumn, string>>, today: Date): RowCheck {
  const get = (column: ImportColumn) => (record[column] ?? '').trim();
  try {
    for (const column of REQUIRED_COLUMNS) if (!get(column)) return { ok: false, field: column, reason: '必填项为空' };
    const parsed = parseResidentIdNumber(get('idNumber'), today);
    if (!parsed.ok) return { ok: false, field: 'idNumber', reason: parsed.message };
    const name = validName(get('name'));
    const phone = validPhone(get('phone'));
    const residenceType = get('residenceType')
      ? enumValue('residenceType', get('residenceType'), ['REGISTERED', 'FLOATING'] as const)
      : 'REGISTERED';
    const residence = validResidence({
      residenceType,
      residencePermitIssuedOn: get('residencePermitIssuedOn') || null,
      residencePermitExpiresOn: get('residencePermitExpiresOn') || null,
    });
    // The same rules as registerHousehold: one written form of a flat, a rented flat names its landlord.
    const { unit, room } = normaliseFlat({ unit: get('unit'), room: get('room') });
    if (get('building').length > 100) return { ok: false, field: 'building', reason: '楼栋名称不能超过 100 个字' };
    const housing = get('housing') ? enumValue('housing', get('housing'), HousingTypes.codes) : null;
    const landlordIdNumber = get('landlordIdNumber') ? get('landlordIdNumber').toUpperCase() : null;
    checkHousing(housing ?? 'OWNED', landlordIdNumber !== null, 'landlordIdNumber');
    return {
      ok: true,
      value: {
        idNumber: parsed.value.idNumber,
        name,
        gender: parsed.value.gender,
        birthDate: parsed.value.birthDate,
        phone,
        gridCode: get('gridCode') || null,
        building: get('building'),
        unit,
        room,
        housing,
        landlordIdNumber,
        relationToHead: get('relationToHead')
          ? enumValue('relationToHead', get('relationToHead'), RelationsToHead.codes)
          : 'OTHER',
        ...residence,
      },
    };
  } catch (error) {
    if (isDomainError(error))
      return {
        ok: false,
        field: (error.details as { field?: string } | undefined)?.field ?? null,
        reason: error.message,
      };
    if (error instanceof Error && 'field' in error)
      return { ok: false, field: String((error as { field: string }).field), reason: error.message };
    throw error;
  }
}
