import { vocabulary, type CodeOf } from './vocabulary.js';

/** 受理渠道 */
export const CaseChannels = vocabulary({
  WALK_IN: '来访',
  HOTLINE: '热线（如 96319319 服务热线）',
  GRID_PATROL: '网格巡查',
  ONLINE: '线上（社情民意在线）',
  RESIDENT_DIALOGUE: '居民恳谈会',
  REFERRED: '上级转办（街道/区）',
  PROACTIVE: '主动发现',
  DISTRICT_PLATFORM: '区级平台（12345 热线、区社会治理平台经 Open311 接口转来）',
});
export type CaseChannel = CodeOf<typeof CaseChannels>;

/** 事项类别 */
export const CaseCategories = vocabulary({
  NEIGHBOUR_DISPUTE: '邻里纠纷',
  HOUSING_REPAIR: '房屋渗水/维修',
  SANITATION: '环境卫生',
  PUBLIC_SECURITY: '治安',
  ASSISTANCE_APPLICATION: '救助申请',
  CERTIFICATE: '证明开具',
  PARTY_MEMBERSHIP_TRANSFER: '组织关系转接',
  SUGGESTION: '意见建议',
  OTHER: '其他',
});
export type CaseCategory = CodeOf<typeof CaseCategories>;

/** 办理状态 (DESIGN §5 workflow) */
export const CaseStatuses = vocabulary({
  RECEIVED: '登记（已受理）',
  ASSIGNED: '分派',
  IN_PROGRESS: '办理中',
  RESOLVED: '办结',
  FEEDBACK_GIVEN: '已反馈',
  CLOSED: '结案',
  ESCALATED: '已上报（街道/区）',
  REJECTED: '不予受理',
  DUPLICATE: '重复事项',
  REOPENED: '重新办理',
});
export type CaseStatus = CodeOf<typeof CaseStatuses>;

export const CasePriorities = vocabulary({ LOW: '低', NORMAL: '一般', HIGH: '高', URGENT: '紧急' });
export type CasePriority = CodeOf<typeof CasePriorities>;

/** 居民评议等级: 优 and 差 need a reason. */
export const EvaluationGrades = vocabulary({ EXCELLENT: '优', GOOD: '良', FAIR: '中', POOR: '差' });
export type EvaluationGrade = CodeOf<typeof EvaluationGrades>;
