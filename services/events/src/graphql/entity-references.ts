import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Resident is owned by the residents subgraph; events adds `eventRegistrations`. */
@Directive('@key(fields: "id")')
@ObjectType('Resident', { description: '居民（由居民服务提供；文化活动服务补充其报名）' })
export class ResidentReference {
  @Field(() => ID, { description: '居民编号' })
  id!: string;
}
