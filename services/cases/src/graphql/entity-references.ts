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
@ObjectType('Grid', { description: '网格（由居民服务提供；社情民意服务补充其在办事项）' })
export class GridReference {
  @Field(() => ID, { description: '网格编号' })
  id!: string;
}

/** Staff (社区工作者) is owned by the residents subgraph. */
@Directive('@key(fields: "id")')
@ObjectType('Staff', { description: '社区工作者（由居民服务提供；社情民意服务补充其工作量）' })
export class StaffReference {
  @Field(() => ID, { description: '社区工作者编号' })
  id!: string;
}

/** Household (户) is owned by the residents subgraph. */
@Directive('@key(fields: "id")')
@ObjectType('Household', { description: '住户（由居民服务提供；社情民意服务补充其走访记录）' })
export class HouseholdReference {
  @Field(() => ID, { description: '住户编号' })
  id!: string;
}
