import { GRID_CODE } from '@shequ/auth';
import { InvalidInputError, checkCount, echoed } from '@shequ/errors';

/**
 * Statistical division codes of the place hierarchy (统计用区划代码): 区 6 digits, 街道 9 (区 + 3), 社区 12
 * (街道 + 3); a grid's code is its community's code, a dash and a two- or three-digit number (350203008006-01).
 */
export const DISTRICT_CODE = /^\d{6}$/;
export const STREET_CODE = /^\d{9}$/;
export const COMMUNITY_CODE = /^\d{12}$/;
export { GRID_CODE };

export function validStreetCode(raw: string, field = 'code'): string {
  const code = raw.trim();
  if (!STREET_CODE.test(code))
    throw new InvalidInputError(field, `街道代码须为 9 位数字（区代码 6 位 + 3 位），收到「${echoed(raw)}」`);
  return code;
}

export function validCommunityCode(raw: string, field = 'code'): string {
  const code = raw.trim();
  if (!COMMUNITY_CODE.test(code))
    throw new InvalidInputError(field, `社区代码须为 12 位数字（街道代码 9 位 + 3 位），收到「${echoed(raw)}」`);
  return code;
}

/** A grid code of the community: `<community code>-NN`. */
export function validGridCode(raw: string, communityId: string, field = 'code'): string {
  const code = raw.trim();
  const match = GRID_CODE.exec(code);
  if (!match)
    throw new InvalidInputError(field, `网格编码须为「社区代码-序号」，如 ${communityId}-01，收到「${echoed(raw)}」`);
  if (match[1] !== communityId) throw new InvalidInputError(field, `网格编码须以本社区代码 ${communityId} 开头`);
  return code;
}

/** A name of a place: trimmed, not empty, at most `max` characters. */
export function validPlaceName(raw: string | null | undefined, field: string, max = 100): string {
  const value = raw?.trim() ?? '';
  if (!value) throw new InvalidInputError(field, '不能为空');
  if (value.length > max) throw new InvalidInputError(field, `不能超过 ${max} 个字`);
  return value;
}

/** Whether a place of `code` lies within a caller's home code (its street or district, or the code itself). */
export const within = (code: string, home: string): boolean => code.startsWith(home);

/**
 * The most members or volunteers a 辖区单位 / social organisation is recorded with (a large employer of the
 * district): `Int` took up to 2,147,483,647, which went into every sum of the organisations' people.
 */
export const MAX_ORGANIZATION_MEMBERS = 1_000_000;

/** An organisation's `memberCount`: 0 to `MAX_ORGANIZATION_MEMBERS` (null: not recorded). */
export function checkOrganizationMemberCount(memberCount: number | null | undefined): void {
  if (memberCount != null)
    checkCount('memberCount', '成员/志愿者人数', memberCount, { min: 0, max: MAX_ORGANIZATION_MEMBERS });
}
