import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, communityWhere, inCommunityScope, paginate, type SubgraphContext } from '@shequ/subgraph';
import { PartyMember } from '../entities/party-member.js';
import { PartyOrganization } from '../entities/party-organization.js';
import { PartyMemberConnection } from './connections.js';
import { ResidentReference } from './entity-references.js';
import { PartyMemberType } from './party-member.type.js';
import { PartyOrganizationType } from './party-organization.type.js';

@Resolver(() => PartyMemberType)
export class PartyMemberResolver {
  @Query(() => PartyMemberType, { nullable: true, description: '按编号查询党员（需 party:read）' })
  async partyMember(@Arg('id', () => ID, { description: '党员编号' }) id: string, @Ctx() ctx: SubgraphContext): Promise<PartyMember | null> {
    ctx.access.require('party:read');
    const member = await ctx.loaders.byId(PartyMember).load(id);
    return member && inCommunityScope(ctx.access, member.communityId) ? member : null;
  }

  @Query(() => PartyMemberConnection, { description: '党员列表（需 party:read）' })
  partyMembers(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('party:read');
    return paginate(ctx.em, PartyMember, communityWhere(ctx.access), page);
  }

  @FieldResolver(() => PartyOrganizationType)
  async branch(@Root() member: PartyMember, @Ctx() ctx: SubgraphContext): Promise<PartyOrganization> {
    return (await ctx.loaders.byId(PartyOrganization).load(member.branch.id))!;
  }

  @FieldResolver(() => ResidentReference)
  resident(@Root() member: PartyMember): ResidentReference {
    return { id: member.residentId };
  }
}

@Resolver(() => PartyOrganizationType)
export class PartyOrganizationResolver {
  @Query(() => PartyOrganizationType, { nullable: true, description: '按编号查询党组织（需 party:read）' })
  async partyOrganization(@Arg('id', () => ID, { description: '党组织编号' }) id: string, @Ctx() ctx: SubgraphContext): Promise<PartyOrganization | null> {
    ctx.access.require('party:read');
    const organization = await ctx.loaders.byId(PartyOrganization).load(id);
    return organization && inCommunityScope(ctx.access, organization.communityId) ? organization : null;
  }

  @FieldResolver(() => PartyOrganizationType, { nullable: true })
  parent(@Root() organization: PartyOrganization, @Ctx() ctx: SubgraphContext): Promise<PartyOrganization | null> | null {
    return organization.parent ? ctx.loaders.byId(PartyOrganization).load(organization.parent.id) : null;
  }
}
