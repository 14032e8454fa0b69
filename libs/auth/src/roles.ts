/** User roles (JWT `roles` claim), with what each does in the community. */
export const ROLES = {
  community_admin: '社区管理员：本社区全部数据',
  street_admin: '街道管理员：街道辖区内各社区的社区管理员权限，并登记、变更社区、网格与楼栋',
  district_admin: '区级管理员：全区各社区的社区管理员权限，并登记、变更街道、社区、网格与楼栋',
  grid_worker: '网格员：本人负责网格的居民、住户和事项',
  civil_affairs: '保障站（民政）：关爱对象与救助事项',
  comprehensive_governance: '综治城管：流动人口、出租房、纠纷与重点人员',
  party_affairs: '党建：党组织、党员与居民基本信息',
  culture: '文化：活动、场地与居民姓名',
  family_planning: '计生：人口基本信息（人口结构）',
  analyst: '街道/区分析人员：仅统计查询，辖区内多个社区，不见个人',
  district_platform: '区级平台（机器客户端，按 API 密钥权限范围）',
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return value in ROLES;
}

/** Roles a person's token may carry: all but the district platform's, which only an API key stands for. */
export const USER_ROLE_NAMES: readonly Role[] = ROLE_NAMES.filter((role) => role !== 'district_platform');

export function isUserRole(value: unknown): value is Role {
  return typeof value === 'string' && (USER_ROLE_NAMES as readonly string[]).includes(value);
}
