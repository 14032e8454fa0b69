import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { Id, IsoDate, IsoDateTime, Nullable, OneOf } from '../schema-types.js';
import { CaseCategories, CaseChannels, CasePriorities, EvaluationGrades } from '../vocabulary/cases.js';
import { Departments } from '../vocabulary/people.js';

const CaseRef = {
  caseId: Id('事项编号'),
  number: Type.String({ description: '事项受理号，如 SQ-2026-000123' }),
};

export const CaseOpened = defineEvent({
  source: 'cases',
  aggregate: 'case',
  name: 'opened',
  description: '事项登记受理（社情民意或服务事项）',
  data: Type.Object({
    ...CaseRef,
    category: OneOf(CaseCategories, '事项类别'),
    channel: OneOf(CaseChannels, '受理渠道'),
    priority: OneOf(CasePriorities, '优先级'),
    department: OneOf(Departments, '承办部门'),
    reporterId: Nullable(Id('反映人（居民编号），匿名时为空')),
    residentIds: Type.Array(Type.String(), { description: '涉及居民编号' }),
    gridId: Nullable(Id('所属网格编号')),
    openedAt: IsoDateTime('受理时间'),
  }),
});

export const CaseAssigned = defineEvent({
  source: 'cases',
  aggregate: 'case',
  name: 'assigned',
  description: '事项分派到承办人',
  data: Type.Object({
    ...CaseRef,
    assigneeId: Id('承办人（社区工作者编号）'),
    department: OneOf(Departments, '承办部门'),
    assignedAt: IsoDateTime('分派时间'),
  }),
});

export const CaseResolved = defineEvent({
  source: 'cases',
  aggregate: 'case',
  name: 'resolved',
  description: '事项办结',
  data: Type.Object({
    ...CaseRef,
    resolvedAt: IsoDateTime('办结时间'),
    onTime: Type.Boolean({ description: '是否在办结时限内' }),
  }),
});

export const CaseFeedbackGiven = defineEvent({
  source: 'cases',
  aggregate: 'case',
  name: 'feedback_given',
  description: '已向居民反馈办理结果',
  data: Type.Object({
    ...CaseRef,
    method: Type.String({ description: '反馈方式，如 电话、上门、短信' }),
    givenAt: IsoDateTime('反馈时间'),
  }),
});

export const CaseClosed = defineEvent({
  source: 'cases',
  aggregate: 'case',
  name: 'closed',
  description: '事项结案（含不予受理、重复事项）',
  data: Type.Object({
    ...CaseRef,
    finalStatus: Type.String({ description: '结案时的状态：CLOSED、REJECTED 或 DUPLICATE' }),
    closedAt: IsoDateTime('结案时间'),
  }),
});

export const CaseOverdue = defineEvent({
  source: 'cases',
  aggregate: 'case',
  name: 'overdue',
  description: '事项超时（每个事项每种时限只发布一次）',
  data: Type.Object({
    ...CaseRef,
    limit: Type.Union([Type.Literal('ACKNOWLEDGE'), Type.Literal('RESOLVE')], {
      description: '超出的时限：ACKNOWLEDGE 响应，RESOLVE 办结',
    }),
    dueAt: IsoDateTime('时限截止时间'),
    department: OneOf(Departments, '承办部门'),
    gridId: Nullable(Id('网格编号')),
  }),
});

export const CaseEscalated = defineEvent({
  source: 'cases',
  aggregate: 'case',
  name: 'escalated',
  description: '事项上报街道或区级平台',
  data: Type.Object({
    ...CaseRef,
    level: Type.Union([Type.Literal('STREET'), Type.Literal('DISTRICT')], {
      description: '上报层级：STREET 街道，DISTRICT 区',
    }),
    reason: Type.String({ description: '上报原因' }),
    escalatedAt: IsoDateTime('上报时间'),
    // since 2026-12-06: a webhook withholds the reason of a 救助申请 from a key that does not see care categories
    category: Type.Optional(
      OneOf(
        CaseCategories,
        '事项类别（救助申请的上报原因只推送给可查看关爱对象的密钥；2026-12-06 之前的事件没有此项）',
      ),
    ),
  }),
});

export const CaseEvaluated = defineEvent({
  source: 'cases',
  aggregate: 'case',
  name: 'evaluated',
  description: '居民评议（优/良/中/差）；优、差须写明理由，否则评议无效',
  data: Type.Object({
    ...CaseRef,
    grade: OneOf(EvaluationGrades, '评议等级'),
    valid: Type.Boolean({ description: '评议是否有效' }),
    staffId: Nullable(Id('被评议的社区工作者编号')),
  }),
});

export const ProactiveTaskCreated = defineEvent({
  source: 'cases',
  aggregate: 'proactive_task',
  aggregateId: ['taskId'],
  name: 'created',
  description: '主动服务任务生成（由规则根据事件和定时扫描产生）',
  data: Type.Object({
    taskId: Id('任务编号'),
    rule: Type.String({ description: '规则编码，如 ELDERLY_NO_CONTACT' }),
    residentId: Id('服务对象（居民编号）'),
    gridId: Nullable(Id('网格编号')),
    dueOn: IsoDate('应完成日期'),
  }),
});

export const ProactiveTaskClosed = defineEvent({
  source: 'cases',
  aggregate: 'proactive_task',
  aggregateId: ['taskId'],
  name: 'closed',
  description: '主动服务任务关闭（走访、立案，或居民迁出/死亡）',
  data: Type.Object({
    taskId: Id('任务编号'),
    rule: Type.String({ description: '规则编码' }),
    residentId: Id('服务对象（居民编号）'),
    closedBy: Type.Union(
      [
        Type.Literal('VISIT'),
        Type.Literal('CASE'),
        Type.Literal('RESIDENT_MOVED_OUT'),
        Type.Literal('RESIDENT_DECEASED'),
        Type.Literal('NO_LONGER_APPLIES'),
      ],
      {
        description:
          '关闭原因：VISIT 走访，CASE 立案，RESIDENT_MOVED_OUT 迁出，RESIDENT_DECEASED 死亡，NO_LONGER_APPLIES 不再适用',
      },
    ),
    closedAt: IsoDateTime('关闭时间'),
  }),
});

export const casesEvents = [
  CaseOpened,
  CaseAssigned,
  CaseResolved,
  CaseFeedbackGiven,
  CaseClosed,
  CaseOverdue,
  CaseEscalated,
  CaseEvaluated,
  ProactiveTaskCreated,
  ProactiveTaskClosed,
];
