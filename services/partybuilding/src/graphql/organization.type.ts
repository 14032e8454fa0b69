import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '@shequ/subgraph';
import { PartyOrganizationChangeKindEnum, PartyOrganizationLevelEnum } from './enums.js';
import { ResidentReference } from './entity-references.js';

@ObjectType('PartyOrganizationChange', { description: '党组织变更记录（成立、升格、更名、书记变更）' })
export class PartyOrganizationChangeType {
  @Field(() => PartyOrganizationChangeKindEnum, { description: '变更类型' })
  kind!: string;

  @Field(() => DateScalar, { description: '变更日期' })
  changedOn!: string;

  @Field(() => String, { nullable: true, description: '变更前（层级代码、名称或书记居民编号）' })
  fromValue!: string | null;

  @Field(() => String, { nullable: true, description: '变更后' })
  toValue!: string | null;

  @Field(() => String, { nullable: true, description: '依据或说明，如 批复文号' })
  note!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType('PartyOrganization', { description: '党组织：社区党委、党总支、党支部或党小组' })
export class PartyOrganizationType {
  @Field(() => ID, { description: '党组织编号' })
  id!: string;

  @Field({ description: '名称，如 中共莲秀社区委员会、第一党支部' })
  name!: string;

  @Field(() => PartyOrganizationLevelEnum, { description: '层级' })
  level!: string;

  @Field(() => DateScalar, { nullable: true, description: '成立日期' })
  establishedOn!: string | null;

  @Field(() => PartyOrganizationType, { nullable: true, description: '上级党组织' })
  parent!: PartyOrganizationType | null;

  @Field(() => [PartyOrganizationType], { description: '下级党组织' })
  children!: PartyOrganizationType[];

  @Field(() => ResidentReference, { nullable: true, description: '书记（居民）' })
  secretary!: ResidentReference | null;

  @Field(() => [PartyOrganizationChangeType], { description: '变更历史（按日期先后，最多 100 条）' })
  history!: PartyOrganizationChangeType[];
}
