import { Field, ID, ObjectType } from 'type-graphql';
import { CommunityEventType } from './community-event.type.js';
import { RegistrationStatusEnum } from './enums.js';
import { ResidentReference } from './entity-references.js';

@ObjectType('EventRegistration', { description: '活动报名' })
export class EventRegistrationType {
  @Field(() => ID, { description: '报名编号' })
  id!: string;

  @Field(() => CommunityEventType, { description: '活动' })
  event!: CommunityEventType;

  @Field(() => ResidentReference, { nullable: true, description: '报名居民（无法解析时为空，并在 errors 中说明）' })
  resident!: ResidentReference | null;

  @Field(() => RegistrationStatusEnum, { description: '报名状态' })
  status!: string;

  @Field({ description: '报名时间（也是候补顺序）' })
  registeredAt!: Date;

  @Field(() => Date, { nullable: true, description: '签到时间' })
  attendedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: '取消时间' })
  cancelledAt!: Date | null;

  @Field(() => String, { nullable: true, description: '取消原因' })
  cancelReason!: string | null;
}
