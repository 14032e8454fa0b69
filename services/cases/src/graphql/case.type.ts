import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CaseCategoryEnum, CaseChannelEnum, CasePriorityEnum, CaseStatusEnum, DepartmentEnum } from './enums.js';
import { GridReference, ResidentReference } from './entity-references.js';

@Directive('@key(fields: "id")')
@ObjectType('Case', { description: '事项：社情民意或服务事项，从登记到反馈的全过程' })
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

  @Field({ description: '事项内容' })
  description!: string;

  @Field(() => ResidentReference, { nullable: true, description: '反映人（匿名时为空）' })
  reporter!: ResidentReference | null;

  @Field(() => GridReference, { nullable: true, description: '所属网格（根据反映人住址自动分派）' })
  assignedGrid!: GridReference | null;

  @Field({ description: '受理时间' })
  openedAt!: Date;
}
