import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { communityWhere, type SubgraphContext } from '@shequ/subgraph';
import { PartyMember } from '../entities/party-member.js';
import { ResidentReference } from './entity-references.js';
import { PartyMemberType } from './party-member.type.js';

@Resolver(() => ResidentReference)
export class ResidentPartyMemberResolver {
  @FieldResolver(() => PartyMemberType, { nullable: true, description: '党员信息（不是党员或申请人、或无 party:read 权限时为空）' })
  async partyMember(@Root() resident: ResidentReference, @Ctx() ctx: SubgraphContext): Promise<PartyMember | null> {
    if (!ctx.access.can('party:read')) return null;
    const members = await ctx.loaders.manyBy(PartyMember, 'residentId', { where: communityWhere(ctx.access) }).load(resident.id);
    return members[0] ?? null;
  }
}
