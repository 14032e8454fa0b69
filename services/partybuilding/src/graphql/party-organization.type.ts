import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PartyOrganizationLevelEnum } from './enums.js';

@Directive('@key(fields: "id")')
@ObjectType('PartyOrganization', { description: '党组织：社区党委、党总支、党支部或党小组' })
export class PartyOrganizationType {
  @Field(() => ID, { description: '党组织编号' })
  id!: string;

  @Field({ description: '名称，如 中共莲秀社区委员会、第一党支部' })
  name!: string;

  @Field(() => PartyOrganizationLevelEnum, { description: '层级' })
  level!: string;

  @Field(() => PartyOrganizationType, { nullable: true, description: '上级党组织' })
  parent!: PartyOrganizationType | null;
}
