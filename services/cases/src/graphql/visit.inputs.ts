import { MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { StaffVisitType } from './visit.type.js';

@InputType('LogVisitInput', { description: '登记走访（民情日记）' })
export class LogVisitInput {
  @Field(() => ID, { nullable: true, description: '走访住户编号（住户或居民至少填一项）' })
  householdId?: string | null;

  @Field(() => ID, { nullable: true, description: '走访居民编号' })
  residentId?: string | null;

  @Field(() => ID, { nullable: true, description: '关联事项编号' })
  caseId?: string | null;

  @Field(() => Date, { nullable: true, description: '走访时间（默认当前时间）' })
  visitedAt?: Date | null;

  @MaxLength(2000)
  @Field({ description: '走访情况' })
  notes!: string;

  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: '后续跟进事项' })
  followUps?: string | null;
}

@ObjectType('LogVisitPayload', { description: '登记走访的结果' })
export class LogVisitPayload {
  @Field(() => StaffVisitType, { description: '走访记录' })
  visit!: StaffVisitType;
}
