import { HousingTypes, type HousingTypeCode } from '../vocabularies.js';
import { echoed } from '@shequ/errors';

/** Columns of a community's standard address register (一标三实：标准地址), Chinese headings also accepted. */
export const ADDRESS_COLUMNS = {
  gridCode: ['gridCode', '网格编码'],
  building: ['building', '楼栋'],
  buildingAddress: ['buildingAddress', '标准地址'],
  unit: ['unit', '单元'],
  room: ['room', '室', '门牌'],
  housing: ['housing', '住房性质'],
} as const;
export type AddressColumn = keyof typeof ADDRESS_COLUMNS;
export const REQUIRED_ADDRESS_COLUMNS: AddressColumn[] = ['building'];

export function addressColumnOf(heading: string): AddressColumn | null {
  const h = heading.trim();
  for (const [column, names] of Object.entries(ADDRESS_COLUMNS))
    if ((names as readonly string[]).includes(h)) return column as AddressColumn;
  return null;
}

/** One row: a building (楼栋), and optionally a flat in it (单元 + 室). */
export interface AddressRow {
  gridCode: string | null;
  building: string;
  buildingAddress: string | null;
  flat: { unit: string; room: string; housing: HousingTypeCode } | null;
}

export type AddressRowCheck = { ok: true; value: AddressRow } | { ok: false; field: string; reason: string };

const HOUSING_SYNONYMS: Record<string, HousingTypeCode> = {
  自有: 'OWNED',
  自有住房: 'OWNED',
  出租: 'RENTED',
  出租房: 'RENTED',
  公房: 'PUBLIC',
  保障房: 'PUBLIC',
};
const withSuffix = (raw: string, suffix: string) => (/^\d+$/.test(raw) ? `${raw}${suffix}` : raw);

/** Checks and normalises one row of an address register; never throws. */
export function checkAddressRow(record: Partial<Record<AddressColumn, string>>): AddressRowCheck {
  const get = (column: AddressColumn) => (record[column] ?? '').trim();
  const building = get('building');
  if (!building) return { ok: false, field: 'building', reason: '必填项为空' };
  if (building.length > 100) return { ok: false, field: 'building', reason: '楼栋名称不能超过 100 个字' };
  const buildingAddress = get('buildingAddress') || null;
  if (buildingAddress && buildingAddress.length > 200)
    return { ok: false, field: 'buildingAddress', reason: '标准地址不能超过 200 个字' };
  const unit = withSuffix(get('unit'), '单元');
  const room = withSuffix(get('room'), '室');
  if (Boolean(unit) !== Boolean(room))
    return { ok: false, field: unit ? 'room' : 'unit', reason: '单元与室须同时填写（只登记楼栋时都不填）' };
  if (unit.length > 20 || room.length > 20) return { ok: false, field: 'room', reason: '单元或室不能超过 20 个字' };
  let housing: HousingTypeCode = 'OWNED';
  const rawHousing = get('housing');
  if (rawHousing) {
    const code = HOUSING_SYNONYMS[rawHousing] ?? (rawHousing.toUpperCase() as HousingTypeCode);
    if (!HousingTypes.codes.includes(code))
      return {
        ok: false,
        field: 'housing',
        reason: `未知的取值「${echoed(rawHousing)}」，可选 ${HousingTypes.codes.join('/')}`,
      };
    housing = code;
  }
  return {
    ok: true,
    value: {
      gridCode: get('gridCode') || null,
      building,
      buildingAddress,
      flat: unit ? { unit, room, housing } : null,
    },
  };
}
