import { DateScalar } from '@shequ/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { TeamKindEnum, TeamRegistrationStatusEnum, TeamSupervisionStatusEnum } from './enums.js';
import { ResidentReference } from './entity-references.js';

@Directive('@key(fields: "id")')
@ObjectType('Team', { description: '文艺团队 / 艺术团（如冰心艺术团及其秧歌队、腰鼓队）' })
export class TeamType {
  @Field(() => ID, { description: '团队编号' })
  id!: string;

  @Field({ description: '团队名称' })
  name!: string;

  @Field(() => TeamKindEnum, { description: '团队类型' })
  kind!: string;

  @Field(() => TeamRegistrationStatusEnum, { description: '登记状态' })
  registrationStatus!: string;

  @Field(() => TeamSupervisionStatusEnum, { description: '监管状态' })
  supervisionStatus!: string;

  @Field(() => DateScalar, { nullable: true, description: '成立日期' })
  foundedOn!: string | null;
}

@ObjectType('TeamMember', { description: '团队成员' })
export class TeamMemberType {
  @Field(() => ID, { description: '成员记录编号' })
  id!: string;

  @Field(() => ResidentReference, { nullable: true, description: '成员（居民；无法解析时为空，并在 errors 中说明）' })
  resident!: ResidentReference | null;

  @Field(() => DateScalar, { description: '入团日期' })
  joinedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '离团日期' })
  leftOn!: string | null;
}

@ObjectType('TeamAward', { description: '团队获奖记录' })
export class TeamAwardType {
  @Field(() => ID, { description: '获奖记录编号' })
  id!: string;

  @Field({ description: '奖项名称' })
  title!: string;

  @Field({ description: '颁奖单位' })
  awardedBy!: string;

  @Field(() => DateScalar, { description: '获奖日期' })
  awardedOn!: string;
}
