import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar } from '@shequ/subgraph';
import {
  PartyMemberStageEnum,
  PartyMemberTypeEnum,
  PartyTransferDirectionEnum,
  PartyTransferStatusEnum,
} from './enums.js';
import { ResidentReference } from './entity-references.js';
import { PartyMemberType } from './party-member.type.js';
import { PartyOrganizationType } from './party-organization.type.js';

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

@InputType('RequestPartyTransferInput', { description: '登记组织关系转接申请' })
export class RequestPartyTransferInput {
  @Field(() => PartyTransferDirectionEnum, { description: '方向' })
  direction!: string;

  @Field(() => ID, { nullable: true, description: '转出：本社区党员编号' })
  memberId?: string | null;

  @Field(() => ID, { nullable: true, description: '转入：居民编号' })
  residentId?: string | null;

  @Field(() => ID, { nullable: true, description: '转入：接收党支部编号（可在办结前再定）' })
  branchId?: string | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '对方党组织名称' })
  externalOrganization?: string | null;

  @MaxLength(50)
  @Field(() => String, { nullable: true, description: '介绍信编号' })
  letterNumber?: string | null;

  @Field(() => DateScalar, { description: '申请日期' })
  requestedOn!: string;
}

@InputType('AdvancePartyTransferInput', { description: '推进组织关系转接（依次：介绍信开出→接收→办结）' })
export class AdvancePartyTransferInput {
  @Field(() => ID, { description: '转接编号' })
  transferId!: string;

  @Field(() => PartyTransferStatusEnum, { description: '新状态' })
  to!: string;

  @Field(() => DateScalar, { description: '日期' })
  on!: string;

  @MaxLength(50)
  @Field(() => String, { nullable: true, description: '介绍信编号（开出介绍信时必填）' })
  letterNumber?: string | null;

  @Field(() => ID, { nullable: true, description: '转入：接收党支部编号' })
  branchId?: string | null;

  @Field(() => ID, { nullable: true, description: '转入：居民编号（申请时未指明的，如匿名事项）' })
  residentId?: string | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: '对方党组织名称' })
  externalOrganization?: string | null;

  @Field(() => PartyMemberStageEnum, {
    nullable: true,
    description: '转入：到达时的阶段（正式党员或预备党员，默认正式党员）',
  })
  stage?: string | null;

  @Field(() => PartyMemberTypeEnum, { nullable: true, description: '转入：党员类型（默认社区党员）' })
  memberType?: string | null;
}

@ObjectType('PartyTransferPayload', { description: '组织关系转接操作结果' })
export class PartyTransferPayload {
  @Field(() => PartyTransferType, { description: '转接记录' })
  transfer!: PartyTransferType;
}
