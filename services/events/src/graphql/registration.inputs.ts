import { Field, ObjectType, ID, InputType } from 'type-graphql';
import { EventRegistrationType } from './registration.type.js';

@InputType('RegisterForEventInput', { description: '活动报名' })
export class RegisterForEventInput {
  @Field(() => ID, { description: '活动编号' })
  eventId!: string;

  @Field(() => ID, { description: '报名居民编号' })
  residentId!: string;
}

@InputType('CancelEventRegistrationInput', { description: '取消报名' })
export class CancelEventRegistrationInput {
  @Field(() => ID, { description: '报名编号' })
  registrationId!: string;

  @Field(() => String, { nullable: true, description: '取消原因（默认：本人取消）' })
  reason?: string | null;
}

@InputType('CheckInEventRegistrationInput', { description: '活动签到' })
export class CheckInEventRegistrationInput {
  @Field(() => ID, { description: '报名编号' })
  registrationId!: string;
}

@ObjectType('RegisterForEventPayload', { description: '报名结果：名额已满时进入候补' })
export class RegisterForEventPayload {
  @Field(() => EventRegistrationType, { description: '报名记录' })
  registration!: EventRegistrationType;
}

@ObjectType('CancelEventRegistrationPayload', { description: '取消报名的结果' })
export class CancelEventRegistrationPayload {
  @Field(() => EventRegistrationType, { description: '已取消的报名' })
  registration!: EventRegistrationType;

  @Field(() => EventRegistrationType, { nullable: true, description: '因此递补成功的候补报名（如有）' })
  promoted!: EventRegistrationType | null;
}

@ObjectType('CheckInEventRegistrationPayload', { description: '签到结果' })
export class CheckInEventRegistrationPayload {
  @Field(() => EventRegistrationType, { description: '已签到的报名' })
  registration!: EventRegistrationType;
}
