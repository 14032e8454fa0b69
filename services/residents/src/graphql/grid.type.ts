import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Grid', { description: '网格：网格化管理的基本单元，由网格员负责' })
export class GridType {
  @Field(() => ID, { description: '网格编号' })
  id!: string;

  @Field({ description: '网格编码（社区编码-序号）' })
  code!: string;

  @Field({ description: '网格名称' })
  name!: string;
}
