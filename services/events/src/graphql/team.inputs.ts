import { Field, ObjectType, ID, InputType } from 'type-graphql';
import { TeamAwardType, TeamMemberType, TeamType } from './team.type.js';
import { DateScalar } from '@shequ/subgraph';
import { TeamKindEnum, TeamRegistrationStatusEnum, TeamSupervisionStatusEnum } from './enums.js';

@InputType('CreateTeamInput', { description: '登记文艺团队' })
export class CreateTeamInput {
  @Field({ description: '团队名称' })
  name!: string;

  @Field(() => TeamKindEnum, { description: '团队类型' })
  kind!: string;

  @Field(() => ID, { nullable: true, description: '所属艺术团编号' })
  parentTeamId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '成立日期' })
  foundedOn?: string | null;

  @Field(() => TeamRegistrationStatusEnum, { nullable: true, description: '登记状态（默认未登记）' })
  registrationStatus?: string | null;
}

@InputType('AddTeamMemberInput', { description: '团队吸收成员' })
export class AddTeamMemberInput {
  @Field(() => ID, { description: '团队编号' })
  teamId!: string;

  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @Field(() => DateScalar, { description: '入团日期' })
  joinedOn!: string;
}

@InputType('AppointTeamLeaderInput', { description: '任命队长' })
export class AppointTeamLeaderInput {
  @Field(() => ID, { description: '团队编号' })
  teamId!: string;

  @Field(() => ID, { description: '队长（须为现有成员）的居民编号' })
  residentId!: string;
}

@InputType('ChangeTeamStatusInput', { description: '变更团队登记或监管状态' })
export class ChangeTeamStatusInput {
  @Field(() => ID, { description: '团队编号' })
  teamId!: string;

  @Field(() => TeamRegistrationStatusEnum, { nullable: true, description: '新的登记状态' })
  registrationStatus?: string | null;

  @Field(() => TeamSupervisionStatusEnum, { nullable: true, description: '新的监管状态' })
  supervisionStatus?: string | null;
}

@InputType('RecordTeamAwardInput', { description: '登记团队获奖' })
export class RecordTeamAwardInput {
  @Field(() => ID, { description: '团队编号' })
  teamId!: string;

  @Field({ description: '奖项名称' })
  title!: string;

  @Field({ description: '颁奖单位' })
  awardedBy!: string;

  @Field(() => DateScalar, { description: '获奖日期' })
  awardedOn!: string;
}

@InputType('RemoveTeamMemberInput', { description: '成员离团' })
export class RemoveTeamMemberInput {
  @Field(() => ID, { description: '团队编号' })
  teamId!: string;

  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @Field(() => DateScalar, { description: '离团日期' })
  leftOn!: string;
}

@ObjectType('TeamPayload', { description: '团队操作结果' })
export class TeamPayload {
  @Field(() => TeamType, { description: '团队' })
  team!: TeamType;
}

@ObjectType('TeamMemberPayload', { description: '吸收成员的结果' })
export class TeamMemberPayload {
  @Field(() => TeamMemberType, { description: '成员记录' })
  member!: TeamMemberType;
}

@ObjectType('TeamAwardPayload', { description: '登记获奖的结果' })
export class TeamAwardPayload {
  @Field(() => TeamAwardType, { description: '获奖记录' })
  award!: TeamAwardType;
}
