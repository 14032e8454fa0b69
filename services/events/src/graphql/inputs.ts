import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { EventRegistrationType } from './registration.type.js';

@InputType('RegisterForEventInput', { description: '活动报名' })
export class RegisterForEventInput {
  @Field(() => ID, { description: '活动编号' })
  eventId!: string;

  @Field(() => ID, { description: '报名居民编号' })
  residentId!: string;
}

@ObjectType('RegisterForEventPayload', { description: '报名结果：名额已满时进入候补' })
export class RegisterForEventPayload {
  @Field(() => EventRegistrationType, { description: '报名记录' })
  registration!: EventRegistrationType;
}
