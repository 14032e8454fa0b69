/**
 * Operations, `<area>:<action>`. Users get them from their roles (POLICY); machine clients from the scopes
 * of their API key, which use the same names.
 */
export const PERMISSIONS = {
  'residents:read': '查询居民、住户、楼栋、网格（基本信息）',
  'residents:write': '登记居民、变更信息、迁入迁出、死亡登记',
  'residents:import': '区级人口库批量导入',
  'residents:statistics': '人口统计（不含个人）',
  'residents:export': '导出居民名册（CSV/XLSX，逐页流式；个人信息按角色或密钥范围脱敏，未脱敏的逐人审计）',
  'places:write': '登记、变更网格与楼栋，调整网格边界，导入标准地址（一标三实）',
  'communities:write': '登记、变更街道与社区（街道、区级管理员，限辖区内）',
  'care:read': '查看关爱对象',
  'care:write': '新增、终止、复核关爱对象',
  'fund:read': '查看阳光爱心基金的捐赠、救助与台账',
  'fund:donations': '登记阳光爱心基金捐赠与收据',
  'fund:collections': '登记活动现场募捐（如晚会募捐）',
  'fund:disburse': '提议、公示、发放、撤回救助，冲正台账（保障站）',
  'fund:approve': '两委审批救助、处理公示异议',
  'fund:programmes': '维护定向资助项目、申请与资助，以及向外部机构的救助申请',
  'fund:statistics': '基金收支汇总与年度报告（不含受助人）',
  'floating:read': '查看流动人口居住证与出租房登记',
  'floating:write': '登记流动人口与出租房',
  'sensitive:read': '查看重点人员标记',
  'sensitive:write': '维护重点人员标记',
  'organizations:read': '查看辖区单位、社会组织与社区工作者',
  'organizations:write': '维护辖区单位、社会组织与社区工作者',
  'cases:read': '查看事项',
  'cases:write': '登记、分派、办理、反馈事项',
  'cases:escalation': '区级平台接收或退回上报事项',
  'cases:statistics': '事项统计（不含个人）',
  'cases:export': '导出事项清单（CSV/XLSX，逐页流式）',
  'cases:appraisal': '居民评议与社区工作者考核',
  'visits:write': '走访登记（民情日记）',
  'party:read': '查看党组织与党员',
  'party:write': '维护党组织、党员、组织生活与流动红旗岗',
  'party:statistics': '党建统计（不含个人）',
  'events:read': '查看活动与场地',
  'events:write': '维护活动、场地、团队与志愿服务',
  'events:register': '为居民报名活动、签到',
  'events:statistics': '活动统计（不含个人）',
  'audit:read': '查询个人信息访问审计记录',
  'apikeys:manage': '管理区级平台 API 密钥',
  'pii:read':
    '（机器客户端）未脱敏读取身份证号、出生日期、联系电话、住址（关爱对象另需 care:read，重点人员另需 sensitive:read）',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return value in PERMISSIONS;
}
