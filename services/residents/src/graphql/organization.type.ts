import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { OrganizationKindEnum } from './enums.js';

@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: '组织：辖区单位、社会组织、共建单位或志愿服务队' })
export class OrganizationType {
  @Field(() => ID, { description: '组织编号' })
  id!: string;

  @Field({ description: '名称' })
  name!: string;

  @Field(() => OrganizationKindEnum, { description: '类别' })
  kind!: string;

  @Field(() => String, { nullable: true, description: '地址' })
  address!: string | null;

  @Field(() => Int, { nullable: true, description: '成员/志愿者人数' })
  memberCount!: number | null;
}

@ObjectType('ResidentsCommunity', { description: '社区：12 位统计区划代码标识（区 → 街道 → 社区）' })
export class CommunityType {
  @Field(() => ID, { description: '社区代码（12 位）' })
  id!: string;

  @Field({ description: '社区名称' })
  name!: string;

  @Field({ description: '街道代码（9 位）' })
  streetCode!: string;

  @Field({ description: '街道名称' })
  streetName!: string;

  @Field({ description: '区县代码（6 位）' })
  districtCode!: string;

  @Field({ description: '区县名称' })
  districtName!: string;
}
