import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Resident is owned by the residents subgraph; party-building adds `partyMember`. */
@Directive('@key(fields: "id")')
@ObjectType('Resident', { description: '居民（由居民服务提供；党建服务补充党员信息）' })
export class ResidentReference {
  @Field(() => ID, { description: '居民编号' })
  id!: string;
}
