import { ConflictError, InvalidInputError } from '@shequ/errors';
import { labelsOf } from '@shequ/contracts';
import { HousingTypes, type HousingTypeCode } from './vocabularies.js';

/*
 * The rules of a flat (户), shared by every path that registers one: the API (`registerHousehold`), the district
 * import and anything later (a streaming import). One flat has one address, whatever way it was typed.
 */

const UNIT_MAX = 20;
const ROOM_MAX = 20;

/** Full-width digits and letters become half-width, spaces go (「１ 单元」 → 「1单元」). */
const compact = (raw: string | null | undefined): string => {
  const text = raw ?? '';
  // Printable ASCII without spaces (what nearly every row has) is already compact.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 32 || code > 126) return text.normalize('NFKC').replace(/\s+/g, '');
  }
  return text;
};

const numberedForms = new Map<string, RegExp>();
/** «N» or «N<suffix>» (compiled once per suffix: every imported row asks twice). */
const numberedForm = (suffix: string): RegExp => {
  let form = numberedForms.get(suffix);
  if (!form) numberedForms.set(suffix, (form = new RegExp(`^(\\d+)(${suffix})?$`)));
  return form;
};

function flatPart(raw: string | null | undefined, field: string, label: string, suffix: string, max: number): string {
  const value = compact(raw);
  if (!value) throw new InvalidInputError(field, `${label}不能为空，请填写如「2」或「2${suffix}」`);
  // A bare number (or a number with its suffix) is written «N单元» / «N室»; leading zeros of a unit go.
  const numbered = numberedForm(suffix).exec(value);
  const normal = numbered ? `${field === 'unit' ? String(Number(numbered[1])) : numbered[1]}${suffix}` : value;
  if (normal.length > max) throw new InvalidInputError(field, `${label}不能超过 ${max} 个字`);
  return normal;
}

/**
 * 单元 and 室 in their one written form: «9» / «9单元» / «９ 单元» → «9单元», «3874» / «3874室» → «3874室»; other
 * forms (「A座」「底商3」) are kept as typed, without spaces.
 */
export function normaliseFlat(input: { unit: string | null | undefined; room: string | null | undefined }): {
  unit: string;
  room: string;
} {
  return {
    unit: flatPart(input.unit, 'unit', '单元', '单元', UNIT_MAX),
    room: flatPart(input.room, 'room', '室号', '室', ROOM_MAX),
  };
}

/** The full door address of a flat: building name + normalised unit + room (香秀里12号楼2单元502室). */
export const householdAddress = (buildingName: string, unit: string, room: string): string => {
  const flat = normaliseFlat({ unit, room });
  return `${buildingName.trim()}${flat.unit}${flat.room}`;
};

/**
 * 出租房登记: a rented flat records its landlord, owned and public flats have none. `landlordField` is the input
 * field that carries the landlord (the API's `landlordResidentId`, the import's `landlordIdNumber`).
 */
export function checkHousing(housing: string, landlordGiven: boolean, landlordField: string): HousingTypeCode {
  if (!HousingTypes.codes.includes(housing as HousingTypeCode))
    throw new InvalidInputError('housing', `未知的住房性质「${housing}」，应为：${labelsOf(HousingTypes)}`);
  if (housing === 'RENTED' && !landlordGiven) throw new InvalidInputError(landlordField, '出租房须登记房东');
  if (housing !== 'RENTED' && landlordGiven)
    throw new InvalidInputError(landlordField, '只有出租房登记房东（自有住房、公房不登记）');
  return housing as HousingTypeCode;
}

/**
 * 户主 is one of the flat's current residents, 楼栋长 one of the building's: when the holder leaves the flat or the
 * building (moves elsewhere, moves away, dies) the post is vacant on record until someone is named; a resident
 * arriving as HEAD in a flat without one becomes its head. Every path that moves a resident applies this (the
 * mutations and the district import).
 */
export function holderAfterLeaving(holderResidentId: string | null, leaving: string): string | null {
  return holderResidentId === leaving ? null : holderResidentId;
}

export function headAfterArriving(headResidentId: string | null, arriving: string, relation: string): string | null {
  return relation === 'HEAD' && !headResidentId ? arriving : headResidentId;
}

/** The refusal of a second 户主 (the field is `relationToHead`, 与户主关系). */
export const HEAD_TAKEN = '该住户已有户主，与户主关系不能再填「户主」：请先变更原户主的与户主关系';

/**
 * One 户主 a flat: a resident arriving in (registered, moved, imported) or re-related within a flat that has a head
 * other than them cannot be its 户主 too. Every path checks this with the flat locked (PostgreSQL `FOR UPDATE`), so
 * two at once into one flat without a head are one head and one refusal.
 */
export function headTaken(
  headResidentId: string | null,
  arriving: string,
  relation: string | null | undefined,
): boolean {
  return relation === 'HEAD' && headResidentId !== null && headResidentId !== arriving;
}

export function assertHeadVacant(
  headResidentId: string | null,
  arriving: string,
  relation: string | null | undefined,
): void {
  if (headTaken(headResidentId, arriving, relation)) throw new ConflictError(HEAD_TAKEN, { field: 'relationToHead' });
}

/** The refusal of a head whose relation is not 户主 (the field is `headResidentId`). */
export const HEAD_NOT_RELATED_AS_HEAD =
  '该居民的与户主关系不是「户主」，不能登记为该户户主：请先变更其与户主关系为「户主」（该户原户主须先变更）';

/**
 * The flat's head on record is the resident whose relation is 户主: naming another (`updateHousehold`) is refused,
 * nothing written — the head changes by changing relations (`updateResident`), which moves the post with them.
 */
export function assertRelatedAsHead(relation: string | null | undefined): void {
  if (relation !== 'HEAD') throw new ConflictError(HEAD_NOT_RELATED_AS_HEAD, { field: 'headResidentId' });
}
