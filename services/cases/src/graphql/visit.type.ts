import { Field, ID, ObjectType } from 'type-graphql';
import { HouseholdReference, ResidentReference, StaffReference } from './entity-references.js';

@ObjectType('StaffVisit', { description: '走访记录（民情日记）' })
export class StaffVisitType {
  @Field(() => ID, { description: '走访编号' })
  id!: string;

  @Field(() => StaffReference, {
    nullable: true,
    description: '走访的社区工作者（无法解析时为空，并在 errors 中说明）',
  })
  staff!: StaffReference | null;

  @Field(() => HouseholdReference, { nullable: true, description: '走访住户' })
  household!: HouseholdReference | null;

  @Field(() => ResidentReference, { nullable: true, description: '走访居民' })
  resident!: ResidentReference | null;

  @Field(() => ID, {
    nullable: true,
    description: '关联事项编号（所关联的事项为救助申请等关爱/救助事项时，对无权查看关爱对象的调用方为空）',
  })
  caseId!: string | null;

  @Field({ description: '走访时间' })
  visitedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: '走访情况（民情日记）（所关联的事项为救助申请等关爱/救助事项时，对无权查看关爱对象的调用方为空）',
  })
  notes!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '后续跟进事项（所关联的事项为救助申请等关爱/救助事项时，对无权查看关爱对象的调用方为空）',
  })
  followUps!: string | null;
}
