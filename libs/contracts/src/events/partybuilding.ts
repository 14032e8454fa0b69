import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { Id, IsoDate, Nullable, OneOf } from '../schema-types.js';
import { PartyMeetingTypes, PartyMemberStages } from '../vocabulary/party.js';
import { Departments } from '../vocabulary/people.js';

export const MemberStageChanged = defineEvent({
  source: 'partybuilding',
  aggregate: 'member',
  name: 'stage_changed',
  description: '党员发展阶段变更（入党申请人→入党积极分子→发展对象→预备党员→正式党员）',
  data: Type.Object({
    memberId: Id('党员编号'),
    residentId: Id('居民编号'),
    organizationId: Id('所在党支部编号'),
    from: Nullable(OneOf(PartyMemberStages, '原阶段')),
    to: OneOf(PartyMemberStages, '新阶段'),
    changedOn: IsoDate('变更日期'),
  }),
});

const Transfer = {
  transferId: Id('转接编号'),
  memberId: Id('党员编号'),
  residentId: Nullable(Id('居民编号')),
  letterNumber: Type.String({ description: '介绍信编号' }),
  completedOn: IsoDate('完成日期'),
  /** The 组织关系转接 case the transfer was requested by (cases moves it on when the transfer completes). */
  caseId: Type.Optional(Nullable(Id('来源事项编号（由组织关系转接事项发起时；事项随转接办结自动办结）'))),
};

export const MemberTransferredIn = defineEvent({
  source: 'partybuilding',
  aggregate: 'member',
  name: 'transferred_in',
  description: '组织关系转入完成',
  data: Type.Object({
    ...Transfer,
    fromOrganization: Type.String({ description: '原党组织名称' }),
    toOrganizationId: Id('转入党支部编号'),
  }),
});

export const MemberTransferredOut = defineEvent({
  source: 'partybuilding',
  aggregate: 'member',
  name: 'transferred_out',
  description: '组织关系转出完成',
  data: Type.Object({
    ...Transfer,
    fromOrganizationId: Id('转出党支部编号'),
    toOrganization: Type.String({ description: '接收党组织名称' }),
  }),
});

export const MeetingHeld = defineEvent({
  source: 'partybuilding',
  aggregate: 'meeting',
  name: 'held',
  description: '三会一课等组织生活已召开',
  data: Type.Object({
    meetingId: Id('会议编号'),
    organizationId: Id('党组织编号'),
    type: OneOf(PartyMeetingTypes, '会议类型'),
    heldOn: IsoDate('召开日期'),
    present: Type.Integer({ minimum: 0, description: '实到人数' }),
    excused: Type.Integer({ minimum: 0, description: '请假人数' }),
    absent: Type.Integer({ minimum: 0, description: '缺席人数' }),
  }),
});

export const RedFlagAwarded = defineEvent({
  source: 'partybuilding',
  aggregate: 'red_flag',
  aggregateId: ['period', 'department'],
  name: 'awarded',
  description: '流动红旗岗评选结果（每月一期）',
  data: Type.Object({
    period: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: '评选期（YYYY-MM）' }),
    staffId: Id('获评社区工作者编号'),
    department: OneOf(Departments, '所在部门'),
  }),
});

export const partybuildingEvents = [
  MemberStageChanged,
  MemberTransferredIn,
  MemberTransferredOut,
  MeetingHeld,
  RedFlagAwarded,
];
