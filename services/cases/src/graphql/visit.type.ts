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

  @Field(() => ID, { nullable: true, description: '关联事项编号' })
  caseId!: string | null;

  @Field({ description: '走访时间' })
  visitedAt!: Date;

  @Field({ description: '走访情况（民情日记）' })
  notes!: string;

  @Field(() => String, { nullable: true, description: '后续跟进事项' })
  followUps!: string | null;
}
