import { communityDay } from '@shequ/contracts';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PartyOrganizationLevel } from '@shequ/contracts';
import { PageArgs, communityWhere, inCommunityScope, paginate, type SubgraphContext } from '@shequ/subgraph';
import { changeOrganization, createOrganization } from '../application/organizations.js';
import { organizationMemberWhere, organizationWhere } from '../application/party-query.js';
import { PartyMember, PartyOrganization, PartyOrganizationChange } from '../entities/index.js';
import { PartyMemberConnection, PartyOrganizationConnection } from './connections.js';
import { PartyOrganizationLevelEnum } from './enums.js';
import { ResidentReference } from './entity-references.js';
import {
  ChangePartyOrganizationInput,
  CreatePartyOrganizationInput,
  PartyOrganizationPayload,
} from './organization.inputs.js';
import { PartyOrganizationChangeType, PartyOrganizationType } from './organization.type.js';

@Resolver(() => PartyOrganizationType)
export class PartyOrganizationResolver {
  @Query(() => PartyOrganizationType, { nullable: true, description: '按编号查询党组织（需 party:read）' })
  async partyOrganization(
    @Arg('id', () => ID, { description: '党组织编号' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PartyOrganization | null> {
    ctx.access.require('party:read');
    const organization = await ctx.loaders.byId(PartyOrganization).load(id);
    return organization && inCommunityScope(ctx.access, organization.communityId) ? organization : null;
  }

  @Query(() => PartyOrganizationConnection, { description: '党组织列表（需 party:read），可按层级筛选' })
  partyOrganizations(
    @Args() page: PageArgs,
    @Arg('level', () => PartyOrganizationLevelEnum, { nullable: true, description: '层级' }) level: string | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:read');
    return paginate(ctx.em, PartyOrganization, organizationWhere(communityWhere(ctx.access), level), page);
  }

  @Mutation(() => PartyOrganizationPayload, {
    description: '成立党组织（需 party:write）：层级须合乎 社区党委→党总支→党支部→党小组',
  })
  async createPartyOrganization(
    @Arg('input', () => CreatePartyOrganizationInput, { description: '党组织信息' })
    input: CreatePartyOrganizationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const organization = await ctx.transaction((uow) =>
      createOrganization(
        uow,
        { ...input, level: input.level as PartyOrganizationLevel },
        ctx.communityId,
        communityDay(ctx.clock.now()),
      ),
    );
    return { organization };
  }

  @Mutation(() => PartyOrganizationPayload, {
    description: '党组织调整（需 party:write）：升格/降格、更名、书记变更，记入变更历史',
  })
  async changePartyOrganization(
    @Arg('input', () => ChangePartyOrganizationInput, { description: '调整内容' }) input: ChangePartyOrganizationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const organization = await ctx.transaction((uow) =>
      changeOrganization(
        uow,
        { ...input, level: input.level as PartyOrganizationLevel | null },
        ctx.communityId,
        communityDay(ctx.clock.now()),
      ),
    );
    return { organization };
  }

  @FieldResolver(() => PartyOrganizationType, { nullable: true })
  parent(
    @Root() organization: PartyOrganization,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PartyOrganization | null> | null {
    return organization.parent ? ctx.loaders.byId(PartyOrganization).load(organization.parent.id) : null;
  }

  @FieldResolver(() => [PartyOrganizationType])
  children(@Root() organization: PartyOrganization, @Ctx() ctx: SubgraphContext): Promise<PartyOrganization[]> {
    return ctx.loaders.manyBy(PartyOrganization, 'parent', { orderBy: { name: 'asc' } }).load(organization.id);
  }

  @FieldResolver(() => ResidentReference, { nullable: true })
  secretary(@Root() organization: PartyOrganization): ResidentReference | null {
    return organization.secretaryResidentId ? { id: organization.secretaryResidentId } : null;
  }

  @FieldResolver(() => [PartyOrganizationChangeType])
  history(@Root() organization: PartyOrganization, @Ctx() ctx: SubgraphContext): Promise<PartyOrganizationChange[]> {
    return ctx.loaders
      .manyBy(PartyOrganizationChange, 'organization', { orderBy: { changedOn: 'asc', id: 'asc' }, limitPerKey: 100 })
      .load(organization.id);
  }

  @FieldResolver(() => PartyMemberConnection, {
    description: '本组织的党员（党支部：编入本支部的；党小组：编入本小组的；上级组织：下属各支部的），含已转出记录',
  })
  async members(@Root() organization: PartyOrganization, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return paginate(ctx.em, PartyMember, await organizationMemberWhere(ctx, organization), page);
  }
}
