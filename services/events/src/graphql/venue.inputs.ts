import { Field, ObjectType, ID, InputType, Int } from 'type-graphql';
import { VenueType } from './venue.type.js';
import { VenueKindEnum } from './enums.js';

@InputType('RegisterVenueInput', { description: '登记场地（文体设施资源台账）' })
export class RegisterVenueInput {
  @Field({ description: '名称' })
  name!: string;

  @Field(() => VenueKindEnum, { description: '设施类型' })
  kind!: string;

  @Field(() => Int, { nullable: true, description: '容纳人数' })
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: '地址' })
  address?: string | null;

  @Field(() => ID, { nullable: true, description: '产权 / 管理单位编号（辖区单位）' })
  ownerOrganizationId?: string | null;

  @Field(() => [String], { nullable: true, description: '存档照片地址' })
  photoUrls?: string[] | null;

  @Field(() => String, { nullable: true, description: '开放时间，如 每日 08:00–21:00' })
  openingHours?: string | null;
}

@ObjectType('VenuePayload', { description: '场地操作结果' })
export class VenuePayload {
  @Field(() => VenueType, { description: '场地' })
  venue!: VenueType;
}
