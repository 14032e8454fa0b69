import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { communityDay, type PartyMemberStage, type PartyMemberType as MemberTypeCode } from '@shequ/contracts';
import { PageArgs, communityWhere, inCommunityScope, paginate, type SubgraphContext } from '@shequ/subgraph';
import { partyTransferWhere } from '../application/party-query.js';
import { advanceTransfer, requestTransfer } from '../application/transfers.js';
import type { PartyTransferDirection, PartyTransferStatus } from '../domain/vocabularies.js';
import { PartyMember, PartyOrganization, PartyTransfer } from '../entities/index.js';
import { PartyTransferConnection } from './connections.js';
import { PartyTransferDirectionEnum, PartyTransferStatusEnum } from './enums.js';
import { ResidentReference } from './entity-references.js';
import { PartyMemberType } from './member.type.js';
import { PartyOrganizationType } from './organization.type.js';
import { AdvancePartyTransferInput, PartyTransferPayload, RequestPartyTransferInput } from './transfer.inputs.js';
import { PartyTransferType } from './transfer.type.js';

@Resolver(() => PartyTransferType)
export class PartyTransferResolver {
  @Query(() => PartyTransferType, { nullable: true, description: '按编号查询组织关系转接（需 party:read）' })
  async partyTransfer(
    @Arg('id', () => ID, { description: '转接编号' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PartyTransfer | null> {
    ctx.access.require('party:read');
    const transfer = await ctx.loaders.byId(PartyTransfer).load(id);
    return transfer && inCommunityScope(ctx.access, transfer.communityId) ? transfer : null;
  }

  @Query(() => PartyTransferConnection, { description: '组织关系转接列表（需 party:read），新申请在前' })
  partyTransfers(
    @Args() page: PageArgs,
    @Arg('status', () => PartyTransferStatusEnum, { nullable: true, description: '状态' }) status: string | null,
    @Arg('direction', () => PartyTransferDirectionEnum, { nullable: true, description: '方向' })
    direction: string | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:read');
    const where = partyTransferWhere(communityWhere(ctx.access), { status, direction });
    return paginate(ctx.em, PartyTransfer, where, page, { requestedOn: 'desc', id: 'desc' });
  }

  @Mutation(() => PartyTransferPayload, { description: '登记组织关系转接申请（需 party:write）' })
  async requestPartyTransfer(
    @Arg('input', () => RequestPartyTransferInput, { description: '申请信息' }) input: RequestPartyTransferInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const transfer = await ctx.transaction((uow) =>
      requestTransfer(
        uow,
        { ...input, direction: input.direction as PartyTransferDirection },
        ctx.communityId,
        communityDay(ctx.clock.now()),
      ),
    );
    return { transfer };
  }

  @Mutation(() => PartyTransferPayload, {
    description: '推进组织关系转接（需 party:write）；办结时发布 member.transferred_in / transferred_out',
  })
  async advancePartyTransfer(
    @Arg('input', () => AdvancePartyTransferInput, { description: '推进信息' }) input: AdvancePartyTransferInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const transfer = await ctx.transaction((uow) =>
      advanceTransfer(
        uow,
        {
          ...input,
          to: input.to as PartyTransferStatus,
          stage: input.stage as PartyMemberStage | null,
          memberType: input.memberType as MemberTypeCode | null,
        },
        ctx.communityId,
        communityDay(ctx.clock.now()),
        ctx.pii,
      ),
    );
    return { transfer };
  }

  @FieldResolver(() => PartyMemberType, { nullable: true })
  member(@Root() transfer: PartyTransfer, @Ctx() ctx: SubgraphContext): Promise<PartyMember | null> | null {
    return transfer.memberId ? ctx.loaders.byId(PartyMember).load(transfer.memberId) : null;
  }

  @FieldResolver(() => ResidentReference, { nullable: true })
  resident(@Root() transfer: PartyTransfer): ResidentReference | null {
    return transfer.residentId ? { id: transfer.residentId } : null;
  }

  @FieldResolver(() => PartyOrganizationType, { nullable: true })
  branch(@Root() transfer: PartyTransfer, @Ctx() ctx: SubgraphContext): Promise<PartyOrganization | null> | null {
    return transfer.branch ? ctx.loaders.byId(PartyOrganization).load(transfer.branch.id) : null;
  }
}
