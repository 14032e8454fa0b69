import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { CaseCategoryEnum, CaseChannelEnum, CasePriorityEnum, CaseStatusEnum } from './enums.js';
import { CaseType } from './case.type.js';

@InputType('OpenCaseInput', { description: '登记事项' })
export class OpenCaseInput {
  @Field(() => ID, { nullable: true, description: '反映人（居民编号）；匿名反映时不填' })
  reporterId?: string | null;

  @Field(() => CaseCategoryEnum, { description: '事项类别（决定承办部门和办理时限）' })
  category!: string;

  @Field(() => CaseChannelEnum, { description: '受理渠道' })
  channel!: string;

  @MaxLength(2000)
  @Field({ description: '事项内容' })
  description!: string;

  @Field(() => CasePriorityEnum, { nullable: true, description: '优先级（默认 一般）' })
  priority?: string | null;
}

@ObjectType('OpenCasePayload', { description: '登记事项的结果' })
export class OpenCasePayload {
  @Field(() => CaseType, { description: '新登记的事项' })
  case!: CaseType;
}

@InputType('CaseFilter', { description: '事项筛选条件' })
export class CaseFilter {
  @Field(() => CaseStatusEnum, { nullable: true, description: '办理状态' })
  status?: string | null;

  @Field(() => CaseCategoryEnum, { nullable: true, description: '事项类别' })
  category?: string | null;

  @Field(() => ID, { nullable: true, description: '网格编号' })
  gridId?: string | null;
}
