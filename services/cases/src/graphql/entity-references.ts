import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Resident is owned by the residents subgraph; cases adds fields to it (e.g. `cases`). */
@Directive('@key(fields: "id")')
@ObjectType('Resident', { description: '居民（由居民服务提供；社情民意服务补充其事项）' })
export class ResidentReference {
  @Field(() => ID, { description: '居民编号' })
  id!: string;
}

/** Grid is owned by the residents subgraph. */
@Directive('@key(fields: "id")')
@ObjectType('Grid', { description: '网格（由居民服务提供）' })
export class GridReference {
  @Field(() => ID, { description: '网格编号' })
  id!: string;
}
