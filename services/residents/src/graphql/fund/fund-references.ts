import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** CommunityEvent is owned by the events subgraph; a gala's collection points to it. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('CommunityEvent', { description: '社区活动（由活动服务提供）' })
export class CommunityEventReference {
  @Field(() => ID, { description: '活动编号' })
  id!: string;
}

/** Case is owned by the cases subgraph; a disbursement answers an assistance case (救助申请). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Case', { description: '事项（由社情民意服务提供）' })
export class CaseReference {
  @Field(() => ID, { description: '事项编号' })
  id!: string;
}
