import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { GridType } from './grid.type.js';

@Directive('@key(fields: "id")')
@ObjectType('Building', { description: '楼栋：属于一个网格，设楼栋长' })
export class BuildingType {
  @Field(() => ID, { description: '楼栋编号' })
  id!: string;

  @Field({ description: '楼栋名称，如 香秀里12号楼' })
  name!: string;

  @Field({ description: '标准地址' })
  address!: string;

  @Field(() => GridType, { description: '所属网格' })
  grid!: GridType;
}
