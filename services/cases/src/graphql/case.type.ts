import { Directive, Field, ID, ObjectType } from 'type-graphql';
import {
  CaseCategoryEnum,
  CaseChannelEnum,
  CasePriorityEnum,
  CaseStatusEnum,
  CaseWorkTypeEnum,
  DepartmentEnum,
  EscalationLevelEnum,
} from './enums.js';
import { GridReference, ResidentReference, StaffReference } from './entity-references.js';

/** What a case of a care-revealing category withholds from callers that do not see care categories (schema text). */
export const WITHHELD =
  '（救助申请等涉及关爱/救助的事项：无权查看关爱对象的调用方为空，因其会把居民与救助联系起来；可查看者的读取记入审计）';

@Directive('@key(fields: "id")')
@ObjectType('Case', {
  description:
    '事项：社情民意或服务事项，从登记到反馈的全过程。救助申请（关爱/救助事项）对无权查看关爱对象的调用方只给出类别、状态、时限等，' +
    '不给出反映人、事项内容、办理说明、办理记录说明和调解记录：知道某居民申请了救助即知道其困难情况',
})
export class CaseType {
  @Field(() => ID, { description: '事项编号' })
  id!: string;

  @Field({ description: '受理号，如 SQ-2026-000123' })
  number!: string;

  @Field(() => CaseStatusEnum, { description: '办理状态' })
  status!: string;

  @Field(() => CaseCategoryEnum, { description: '事项类别' })
  category!: string;

  @Field(() => CaseChannelEnum, { description: '受理渠道' })
  channel!: string;

  @Field(() => CasePriorityEnum, { description: '优先级' })
  priority!: string;

  @Field(() => DepartmentEnum, { description: '承办部门（由事项类别决定）' })
  department!: string;

  @Field(() => CaseWorkTypeEnum, { description: '工作类型：日常工作或临时任务' })
  workType!: string;

  @Field(() => String, { nullable: true, description: '事项内容' + WITHHELD })
  description!: string | null;

  @Field(() => ResidentReference, { nullable: true, description: '反映人（匿名时为空）' + WITHHELD })
  reporter!: ResidentReference | null;

  @Field(() => GridReference, { nullable: true, description: '所属网格（根据反映人住址自动分派）' })
  assignedGrid!: GridReference | null;

  @Field(() => StaffReference, { nullable: true, description: '承办人（默认为网格员）' })
  assignee!: StaffReference | null;

  @Field({ description: '受理时间' })
  openedAt!: Date;

  @Field({ description: '响应时限' })
  acknowledgeDueAt!: Date;

  @Field({ description: '办结时限' })
  resolveDueAt!: Date;

  @Field(() => Date, { nullable: true, description: '开始办理时间' })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: '办结时间' })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: '办结说明（办理结果）' + WITHHELD })
  resolutionNote!: string | null;

  @Field(() => String, { nullable: true, description: '反馈方式' })
  feedbackMethod!: string | null;

  @Field(() => Date, { nullable: true, description: '反馈时间' })
  feedbackAt!: Date | null;

  @Field(() => Date, { nullable: true, description: '结案时间' })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: '不予受理、重复或重新办理的理由' + WITHHELD })
  closingReason!: string | null;

  @Field(() => ID, { nullable: true, description: '与之重复的事项编号' })
  duplicateOfId!: string | null;

  @Field(() => EscalationLevelEnum, { nullable: true, description: '上报层级' })
  escalationLevel!: string | null;

  @Field(() => String, { nullable: true, description: '上报原因' + WITHHELD })
  escalationReason!: string | null;

  @Field(() => Date, { nullable: true, description: '上报时间' })
  escalatedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: '上级签收时间' })
  escalationAcknowledgedAt!: Date | null;

  @Field({ description: '是否已超过响应或办结时限' })
  overdue!: boolean;
}
