import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Resident is owned by the residents subgraph; events adds `eventRegistrations` and `volunteerHours`. */
@Directive('@key(fields: "id")')
@ObjectType('Resident', { description: '居民（由居民服务提供；文化活动服务补充其报名与志愿服务时长）' })
export class ResidentReference {
  @Field(() => ID, { description: '居民编号' })
  id!: string;
}

/** Organization is owned by the residents subgraph; events adds `sponsoredEvents`. */
@Directive('@key(fields: "id")')
@ObjectType('Organization', {
  description: '辖区单位 / 社会组织 / 共建单位（由居民服务提供；文化活动服务补充其赞助的活动）',
})
export class OrganizationReference {
  @Field(() => ID, { description: '单位编号' })
  id!: string;
}
