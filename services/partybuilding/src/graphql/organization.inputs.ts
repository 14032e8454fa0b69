import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar } from '@shequ/subgraph';
import { PartyOrganizationLevelEnum } from './enums.js';
import { PartyOrganizationType } from './organization.type.js';

@InputType('CreatePartyOrganizationInput', { description: '成立党组织' })
export class CreatePartyOrganizationInput {
  @MaxLength(100)
  @Field({ description: '名称' })
  name!: string;

  @Field(() => PartyOrganizationLevelEnum, { description: '层级' })
  level!: string;

  @Field(() => ID, { nullable: true, description: '上级党组织编号（社区党委可空）' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: '书记（居民编号）' })
  secretaryResidentId?: string | null;

  @Field(() => DateScalar, { description: '成立日期' })
  establishedOn!: string;
}

@InputType('ChangePartyOrganizationInput', { description: '党组织调整（升格/降格、更名、书记变更），记入变更历史' })
export class ChangePartyOrganizationInput {
  @Field(() => ID, { description: '党组织编号' })
  organizationId!: string;

  @Field(() => PartyOrganizationLevelEnum, { nullable: true, description: '新层级（如 党总支升格为党委）' })
  level?: string | null;

  @MaxLength(100)
  @Field(() => String, { nullable: true, description: '新名称' })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: '新书记（居民编号）' })
  secretaryResidentId?: string | null;

  @Field(() => DateScalar, { description: '变更日期' })
  changedOn!: string;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '依据，如 批复文号' })
  note?: string | null;
}

@ObjectType('PartyOrganizationPayload', { description: '党组织操作结果' })
export class PartyOrganizationPayload {
  @Field(() => PartyOrganizationType, { description: '党组织' })
  organization!: PartyOrganizationType;
}
