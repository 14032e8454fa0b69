import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '@shequ/subgraph';
import { PartyTransferDirectionEnum, PartyTransferStatusEnum } from './enums.js';
import { ResidentReference } from './entity-references.js';
import { PartyMemberType } from './member.type.js';
import { PartyOrganizationType } from './organization.type.js';

@ObjectType('PartyTransfer', { description: '组织关系转接（转入或转出）' })
export class PartyTransferType {
  @Field(() => ID, { description: '转接编号' })
  id!: string;

  @Field(() => PartyTransferDirectionEnum, { description: '方向' })
  direction!: string;

  @Field(() => PartyTransferStatusEnum, { description: '状态' })
  status!: string;

  @Field(() => PartyMemberType, { nullable: true, description: '党员（转入的在办结后才有）' })
  member!: PartyMemberType | null;

  @Field(() => ResidentReference, { nullable: true, description: '居民' })
  resident!: ResidentReference | null;

  @Field(() => PartyOrganizationType, { nullable: true, description: '本社区的党支部（转入的接收支部或转出的原支部）' })
  branch!: PartyOrganizationType | null;

  @Field(() => String, { nullable: true, description: '对方党组织：转入时为原党组织，转出时为接收党组织' })
  externalOrganization!: string | null;

  @Field(() => String, { nullable: true, description: '介绍信编号' })
  letterNumber!: string | null;

  @Field(() => DateScalar, { description: '申请日期' })
  requestedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '介绍信开出日期' })
  sentOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '介绍信接收日期' })
  receivedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '办结日期' })
  completedOn!: string | null;

  @Field(() => ID, { nullable: true, description: '来源事项编号（由事项服务的组织关系转接事项生成时）' })
  caseId!: string | null;
}
