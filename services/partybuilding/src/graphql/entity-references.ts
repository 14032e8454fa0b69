import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Resident is owned by the residents subgraph; party-building adds `partyMember`. */
@Directive('@key(fields: "id")')
@ObjectType('Resident', { description: '居民（由居民服务提供；党建服务补充党员信息）' })
export class ResidentReference {
  @Field(() => ID, { description: '居民编号' })
  id!: string;
}

/** Staff (社区工作者) is owned by the residents subgraph; party-building only points at it (流动红旗岗). */
@Directive('@key(fields: "id")')
@ObjectType('Staff', { description: '社区工作者（由居民服务提供；党建服务引用为流动红旗岗提名人、获评人）' })
export class StaffReference {
  @Field(() => ID, { description: '社区工作者编号' })
  id!: string;
}
