import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { BuildingType } from './building.type.js';
import { HousingTypeEnum } from './enums.js';

@Directive('@key(fields: "id")')
@ObjectType('Household', { description: '户：楼栋中的一套住房及其住户' })
export class HouseholdType {
  @Field(() => ID, { description: '住户编号' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: '地址（有权限时至门牌号，如 香秀里12号楼2单元502室；否则只到楼栋）',
  })
  address!: string | null;

  @Field(() => String, { nullable: true, description: '单元（有住址权限时返回）' })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: '门牌（室）（有住址权限时返回）' })
  room!: string | null;

  @Field(() => HousingTypeEnum, { description: '住房性质' })
  housing!: string;

  @Field(() => BuildingType, { description: '所在楼栋' })
  building!: BuildingType;
}
