import { communityDay } from '@shequ/contracts';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { currentMemberCounts, currentMembers } from '../application/team-members.js';
import { PageArgs, communityWhere, inCommunityScope, pageSize, paginate, type SubgraphContext } from '@shequ/subgraph';
import {
  addTeamMember,
  appointTeamLeader,
  changeTeamStatus,
  createTeam,
  recordTeamAward,
  removeTeamMember,
} from '../application/teams.js';
import type { TeamKind, TeamRegistrationStatus, TeamSupervisionStatus } from '../domain/vocabularies.js';
import { Team, TeamAward } from '../entities/team.js';
import { TeamConnection } from './connections.js';
import { ResidentReference } from './entity-references.js';
import {
  AddTeamMemberInput,
  AppointTeamLeaderInput,
  ChangeTeamStatusInput,
  CreateTeamInput,
  RecordTeamAwardInput,
  RemoveTeamMemberInput,
  TeamAwardPayload,
  TeamMemberPayload,
  TeamPayload,
} from './team.inputs.js';
import { TeamAwardType, TeamMemberType, TeamType } from './team.type.js';

@Resolver(() => TeamType)
export class TeamResolver {
  @Query(() => TeamType, { nullable: true, description: '按编号查询文艺团队（需 events:read）' })
  async team(
    @Arg('id', () => ID, { description: '团队编号' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Team | null> {
    ctx.access.require('events:read');
    const team = await ctx.loaders.byId(Team).load(id);
    return team && inCommunityScope(ctx.access, team.communityId) ? team : null;
  }

  @Query(() => TeamConnection, { description: '文艺团队列表（需 events:read；按名称）' })
  teams(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('events:read');
    return paginate(ctx.em, Team, communityWhere(ctx.access), page, { name: 'asc', id: 'asc' });
  }

  @Mutation(() => TeamPayload, { description: '登记文艺团队（需 events:write）' })
  async createTeam(
    @Arg('input', () => CreateTeamInput, { description: '团队信息' }) input: CreateTeamInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    const command = {
      ...input,
      kind: input.kind as TeamKind,
      registrationStatus: input.registrationStatus as TeamRegistrationStatus | null,
    };
    return {
      team: await ctx.transaction((uow) => createTeam(uow, command, ctx.communityId, communityDay(ctx.clock.now()))),
    };
  }

  @Mutation(() => TeamMemberPayload, { description: '团队吸收成员（需 events:write）' })
  async addTeamMember(
    @Arg('input', () => AddTeamMemberInput, { description: '成员信息' }) input: AddTeamMemberInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    const member = await ctx.transaction((uow) =>
      addTeamMember(uow, input, ctx.communityId, communityDay(ctx.clock.now())),
    );
    return {
      member: { id: member.id, resident: { id: member.residentId }, joinedOn: member.joinedOn, leftOn: member.leftOn },
    };
  }

  @Mutation(() => TeamPayload, { description: '成员离团（需 events:write）；队长离团后团队暂无队长' })
  async removeTeamMember(
    @Arg('input', () => RemoveTeamMemberInput, { description: '离团信息' }) input: RemoveTeamMemberInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return {
      team: await ctx.transaction((uow) =>
        removeTeamMember(uow, input, ctx.communityId, communityDay(ctx.clock.now())),
      ),
    };
  }

  @Mutation(() => TeamPayload, { description: '任命队长（需 events:write；须为现有成员）' })
  async appointTeamLeader(
    @Arg('input', () => AppointTeamLeaderInput, { description: '队长' }) input: AppointTeamLeaderInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return { team: await ctx.transaction((uow) => appointTeamLeader(uow, input, ctx.communityId)) };
  }

  @Mutation(() => TeamPayload, { description: '变更团队登记或监管状态（需 events:write）' })
  async changeTeamStatus(
    @Arg('input', () => ChangeTeamStatusInput, { description: '新状态' }) input: ChangeTeamStatusInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    const command = {
      teamId: input.teamId,
      registrationStatus: input.registrationStatus as TeamRegistrationStatus | null,
      supervisionStatus: input.supervisionStatus as TeamSupervisionStatus | null,
    };
    return { team: await ctx.transaction((uow) => changeTeamStatus(uow, command, ctx.communityId)) };
  }

  @Mutation(() => TeamAwardPayload, { description: '登记团队获奖（需 events:write）' })
  async recordTeamAward(
    @Arg('input', () => RecordTeamAwardInput, { description: '获奖信息' }) input: RecordTeamAwardInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('events:write');
    return {
      award: await ctx.transaction((uow) =>
        recordTeamAward(uow, input, ctx.communityId, communityDay(ctx.clock.now())),
      ),
    };
  }

  @FieldResolver(() => TeamType, { nullable: true, description: '所属艺术团' })
  parent(@Root() team: Team, @Ctx() ctx: SubgraphContext): Promise<Team | null> | null {
    return team.parent ? ctx.loaders.byId(Team).load(team.parent.id) : null;
  }

  @FieldResolver(() => [TeamType], { description: '下设队伍（如艺术团下的秧歌队、腰鼓队）' })
  subTeams(@Root() team: Team, @Ctx() ctx: SubgraphContext): Promise<Team[]> {
    return ctx.loaders.manyBy(Team, 'parent', { orderBy: { name: 'asc' }, limitPerKey: 100 }).load(team.id);
  }

  @FieldResolver(() => ResidentReference, { nullable: true, description: '队长（居民）' })
  leader(@Root() team: Team): ResidentReference | null {
    return team.leaderResidentId ? { id: team.leaderResidentId } : null;
  }

  @FieldResolver(() => Int, { description: '现有成员人数' })
  memberCount(@Root() team: Team, @Ctx() ctx: SubgraphContext): Promise<number> {
    return currentMemberCounts(ctx).load(team.id);
  }

  @FieldResolver(() => [TeamMemberType], { description: '现有成员（按入团日期；网格员只见本人网格的居民）' })
  async members(
    @Root() team: Team,
    @Arg('first', () => Int, { nullable: true, description: '最多返回条数（默认 20，最多 100）' }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TeamMemberType[]> {
    const rows = await currentMembers(ctx, team.id, pageSize(first));
    return rows.map((m) => ({ id: m.id, resident: { id: m.residentId }, joinedOn: m.joinedOn, leftOn: m.leftOn }));
  }

  @FieldResolver(() => [TeamAwardType], { description: '获奖记录（最近的在前）' })
  awards(@Root() team: Team, @Ctx() ctx: SubgraphContext): Promise<TeamAward[]> {
    return ctx.loaders
      .manyBy(TeamAward, 'team', { orderBy: { awardedOn: 'desc', id: 'desc' }, limitPerKey: 100 })
      .load(team.id);
  }
}
