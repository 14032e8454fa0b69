import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar } from '@shequ/subgraph';
import {
  PartyMemberStageEnum,
  PartyMemberTypeEnum,
  PartyTransferDirectionEnum,
  PartyTransferStatusEnum,
} from './enums.js';
import { PartyTransferType } from './transfer.type.js';

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

  @Field(() => DateScalar, {
    nullable: true,
    description: '转入预备党员：接收为预备党员的日期（必填，预备期自此起算一年）',
  })
  probationaryOn?: string | null;

  @Field(() => PartyMemberTypeEnum, { nullable: true, description: '转入：党员类型（默认社区党员）' })
  memberType?: string | null;
}

@ObjectType('PartyTransferPayload', { description: '组织关系转接操作结果' })
export class PartyTransferPayload {
  @Field(() => PartyTransferType, { description: '转接记录' })
  transfer!: PartyTransferType;
}
