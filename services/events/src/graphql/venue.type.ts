import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Venue', { description: '场地：文体设施资源台账中的一处设施' })
export class VenueType {
  @Field(() => ID, { description: '场地编号' })
  id!: string;

  @Field({ description: '名称' })
  name!: string;

  @Field({ description: '类型，如 活动室、广场、老年之家、露天影院' })
  kind!: string;

  @Field(() => Int, { nullable: true, description: '容纳人数' })
  capacity!: number | null;
}
