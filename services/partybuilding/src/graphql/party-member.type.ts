import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '@shequ/subgraph';
import { PartyMemberStageEnum, PartyMemberTypeEnum } from './enums.js';
import { ResidentReference } from './entity-references.js';
import { PartyOrganizationType } from './party-organization.type.js';

@Directive('@key(fields: "id")')
@ObjectType('PartyMember', { description: '党员（含入党申请人、积极分子、发展对象、预备党员）' })
export class PartyMemberType {
  @Field(() => ID, { description: '党员编号' })
  id!: string;

  @Field(() => PartyMemberStageEnum, { description: '发展阶段' })
  stage!: string;

  @Field(() => DateScalar, { description: '进入当前阶段的日期' })
  stageSince!: string;

  @Field(() => PartyMemberTypeEnum, { description: '党员类型' })
  memberType!: string;

  @Field(() => PartyOrganizationType, { description: '所在党支部' })
  branch!: PartyOrganizationType;

  @Field(() => ResidentReference, { description: '对应的居民' })
  resident!: ResidentReference;
}
