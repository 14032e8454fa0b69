import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { VenueKindEnum } from './enums.js';
import { OrganizationReference } from './entity-references.js';

@Directive('@key(fields: "id")')
@ObjectType('Venue', { description: '场地：文体设施资源台账中的一处设施' })
export class VenueType {
  @Field(() => ID, { description: '场地编号' })
  id!: string;

  @Field({ description: '名称' })
  name!: string;

  @Field(() => VenueKindEnum, { description: '设施类型，如 活动室、广场、老年之家、露天影院' })
  kind!: string;

  @Field(() => Int, { nullable: true, description: '容纳人数' })
  capacity!: number | null;

  @Field(() => String, { nullable: true, description: '地址' })
  address!: string | null;

  @Field(() => OrganizationReference, { nullable: true, description: '产权 / 管理单位（为空表示社区自有）' })
  owner!: OrganizationReference | null;

  @Field(() => String, { nullable: true, description: '开放时间' })
  openingHours!: string | null;
}
