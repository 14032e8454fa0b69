import { vocabulary, type CodeOf } from '@shequ/contracts';

/** 办理动作: each step of the workflow (one row group in the transition table). */
export const CaseActions = vocabulary({
  OPEN: '登记',
  ASSIGN: '分派',
  START: '开始办理',
  RESOLVE: '办结',
  GIVE_FEEDBACK: '反馈居民',
  CLOSE: '结案',
  ESCALATE: '上报街道/区',
  ACKNOWLEDGE_ESCALATION: '上级签收',
  RETURN_ESCALATION: '上级退回',
  REJECT: '不予受理',
  MARK_DUPLICATE: '标记重复',
  REOPEN: '重新办理',
  OVERDUE: '超时提醒',
  INVALIDATE_EVALUATION: '作废不实评议',
  MEDIATION: '调解',
  VISIT: '走访',
});
export type CaseAction = CodeOf<typeof CaseActions>;

/** 日常工作 / 临时任务 */
export const WorkTypes = vocabulary({ DAILY: '日常工作', AD_HOC: '临时任务（上级交办等）' });

/** 上报层级 */
export const EscalationLevels = vocabulary({ STREET: '街道', DISTRICT: '区' });
export type EscalationLevel = CodeOf<typeof EscalationLevels>;

/** 评议人 */
export const RaterKinds = vocabulary({ REPORTER: '反映人本人', SAMPLED: '随机抽取的服务对象' });
export type RaterKind = CodeOf<typeof RaterKinds>;

/** 考核周期 */
export const AppraisalPeriods = vocabulary({ QUARTER: '季度', YEAR: '年度' });
export type AppraisalPeriodKind = CodeOf<typeof AppraisalPeriods>;

/** 统计分组维度 */
export const CaseStatisticsDimensions = vocabulary({
  CATEGORY: '事项类别',
  CHANNEL: '受理渠道',
  STATUS: '办理状态',
  GRID: '网格',
  DEPARTMENT: '承办部门',
  MONTH: '受理月份',
});
export type CaseStatisticsDimension = CodeOf<typeof CaseStatisticsDimensions>;

/** 主动服务任务状态 */
export const ProactiveTaskStatuses = vocabulary({ OPEN: '待处理', CLOSED: '已关闭' });
export type ProactiveTaskStatus = CodeOf<typeof ProactiveTaskStatuses>;

/** 主动服务任务关闭原因 */
export const ProactiveTaskClosings = vocabulary({
  VISIT: '走访',
  CASE: '立案办理',
  RESIDENT_MOVED_OUT: '居民迁出',
  RESIDENT_DECEASED: '居民死亡',
  NO_LONGER_APPLIES: '不再适用',
});
export type ProactiveTaskClosing = CodeOf<typeof ProactiveTaskClosings>;

/** 调解结果 */
export const MediationOutcomes = vocabulary({
  PENDING: '调解中',
  AGREEMENT_REACHED: '达成协议',
  NO_AGREEMENT: '未达成协议',
});
export type MediationOutcome = CodeOf<typeof MediationOutcomes>;
