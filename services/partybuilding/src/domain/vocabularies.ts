import { vocabulary, type CodeOf } from '@shequ/contracts';

/** 党员组织关系状态 */
export const PartyMemberStatuses = vocabulary({
  ACTIVE: '在册',
  TRANSFERRED_OUT: '已转出',
  PROBATION_CANCELLED: '已取消预备党员资格',
});
export type PartyMemberStatus = CodeOf<typeof PartyMemberStatuses>;

/** 需跟进的原因（居民服务通知；党员档案不删除） */
export const MemberFollowUpReasons = vocabulary({
  DECEASED: '居民已死亡（待办理党籍注销等手续）',
  MOVED_OUT: '居民已迁出（待办理组织关系转出）',
});
export type MemberFollowUpReason = CodeOf<typeof MemberFollowUpReasons>;

export const PartyTransferDirections = vocabulary({ IN: '转入', OUT: '转出' });
export type PartyTransferDirection = CodeOf<typeof PartyTransferDirections>;

/** 组织关系转接状态：申请 → 开具/寄出介绍信 → 收到介绍信 → 办结 */
export const PartyTransferStatuses = vocabulary({
  REQUESTED: '已申请',
  SENT: '介绍信已开出',
  RECEIVED: '介绍信已接收',
  COMPLETED: '已办结',
});
export type PartyTransferStatus = CodeOf<typeof PartyTransferStatuses>;

export const MeetingAttendanceStatuses = vocabulary({ PRESENT: '出席', EXCUSED: '请假', ABSENT: '缺席' });
export type MeetingAttendanceStatus = CodeOf<typeof MeetingAttendanceStatuses>;

/** 民主评议党员等次 */
export const PartyAppraisalGrades = vocabulary({
  EXCELLENT: '优秀',
  QUALIFIED: '合格',
  BASICALLY_QUALIFIED: '基本合格',
  UNQUALIFIED: '不合格',
});
export type PartyAppraisalGrade = CodeOf<typeof PartyAppraisalGrades>;

/** 党组织变更类型 */
export const PartyOrganizationChangeKinds = vocabulary({
  ESTABLISHED: '成立',
  LEVEL_CHANGED: '层级调整（如 党总支升格为党委）',
  RENAMED: '更名',
  SECRETARY_CHANGED: '书记变更',
});
export type PartyOrganizationChangeKind = CodeOf<typeof PartyOrganizationChangeKinds>;

/** 党建统计的分组维度 */
export const PartyStatisticsDimensions = vocabulary({
  ORGANIZATION: '所在党支部',
  STAGE: '发展阶段',
  MEMBER_TYPE: '党员类型',
  AGE_BAND: '年龄段',
  GENDER: '性别',
});
export type PartyStatisticsDimension = CodeOf<typeof PartyStatisticsDimensions>;
