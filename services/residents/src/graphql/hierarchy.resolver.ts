import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, communityWhere, connectionType, paginate, type SubgraphContext } from '@shequ/subgraph';
import {
  changeBuilding,
  redrawGrid,
  registerBuilding,
  registerCommunity,
  registerGrid,
  registerStreet,
  renameCommunity,
  renameGrid,
  renameStreet,
} from '../application/place-register.js';
import { Building } from '../entities/building.js';
import { BuildingGridChange } from '../entities/building-grid-change.js';
import { Community } from '../entities/community.js';
import { Street } from '../entities/street.js';
import { BuildingType } from './building.type.js';
import {
  BuildingGridChangeType,
  CommunityPayload,
  RedrawGridPayload,
  StreetPayload,
  StreetType,
} from './hierarchy.type.js';
import {
  ChangeBuildingInput,
  RedrawGridInput,
  RegisterBuildingInput,
  RegisterCommunityInput,
  RegisterGridInput,
  RegisterStreetInput,
  RenameCommunityInput,
  RenameGridInput,
  RenameStreetInput,
} from './hierarchy.inputs.js';
import { CommunityType } from './organization.type.js';
import { BuildingPayload, GridPayload } from './places.inputs.js';

const StreetConnection = connectionType(StreetType, 'ResidentsStreet', '街道');
const CommunityConnection = connectionType(CommunityType, 'ResidentsCommunity', '社区');

/** Place lists are for staff and analysts alike (no person in them). */
function requirePlaceReader(ctx: SubgraphContext): void {
  if (!ctx.access.can('residents:statistics')) ctx.access.require('residents:read');
}

/** 区 → 街道 → 社区 → 网格 → 楼栋: registering and changing places, and the lists of streets and communities. */
@Resolver()
export class HierarchyResolver {
  @Query(() => StreetConnection, { description: '辖区内的街道（需 residents:read 或 residents:statistics）' })
  streets(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    requirePlaceReader(ctx);
    const scope = ctx.access.communityScope();
    const where =
      scope.kind === 'prefix'
        ? scope.prefix.length >= 9
          ? { id: scope.prefix.slice(0, 9) }
          : { id: { $like: `${scope.prefix}%` } }
        : { id: { $in: (scope.kind === 'set' ? scope.communityIds : [scope.communityId]).map((c) => c.slice(0, 9)) } };
    return paginate(ctx.em, Street, where, page);
  }

  @Query(() => CommunityConnection, {
    description: '辖区内的社区（需 residents:read 或 residents:statistics），可按街道筛选',
  })
  communities(
    @Args() page: PageArgs,
    @Arg('streetCode', () => String, { nullable: true, description: '街道代码（9 位）' }) streetCode: string | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    requirePlaceReader(ctx);
    const where = { id: communityWhere(ctx.access).communityId, ...(streetCode ? { streetCode } : {}) };
    return paginate(ctx.em, Community, where, page);
  }

  @Mutation(() => StreetPayload, { description: '登记街道（需 communities:write，限本区）；发布 street.registered' })
  async registerStreet(
    @Arg('input', () => RegisterStreetInput, { description: '街道' }) input: RegisterStreetInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('communities:write');
    return {
      street: await ctx.transaction((uow) => registerStreet(uow, input, ctx.access), { aboveCommunity: true }),
    };
  }

  @Mutation(() => StreetPayload, { description: '变更街道名称（需 communities:write，限辖区）' })
  async renameStreet(
    @Arg('input', () => RenameStreetInput, { description: '街道与新名称' }) input: RenameStreetInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('communities:write');
    return { street: await ctx.transaction((uow) => renameStreet(uow, input, ctx.access), { aboveCommunity: true }) };
  }

  @Mutation(() => CommunityPayload, {
    description: '社区入驻：登记辖区内的社区（需 communities:write）；发布 community.registered，各服务随即可用',
  })
  async registerCommunity(
    @Arg('input', () => RegisterCommunityInput, { description: '社区' }) input: RegisterCommunityInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('communities:write');
    return {
      community: await ctx.transaction((uow) => registerCommunity(uow, input, ctx.access), { aboveCommunity: true }),
    };
  }

  @Mutation(() => CommunityPayload, { description: '变更社区名称（需 communities:write，限辖区）' })
  async renameCommunity(
    @Arg('input', () => RenameCommunityInput, { description: '社区与新名称' }) input: RenameCommunityInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('communities:write');
    return {
      community: await ctx.transaction((uow) => renameCommunity(uow, input, ctx.access), { aboveCommunity: true }),
    };
  }

  @Mutation(() => GridPayload, {
    description:
      '登记网格（需 places:write；街道、区级管理员在请求头 X-Shequ-Community 指定社区）；发布 grid.registered',
  })
  async registerGrid(
    @Arg('input', () => RegisterGridInput, { description: '网格' }) input: RegisterGridInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('places:write');
    return { grid: await ctx.transaction((uow) => registerGrid(uow, input, ctx.communityId)) };
  }

  @Mutation(() => GridPayload, { description: '变更网格名称（需 places:write）；发布 grid.registered' })
  async renameGrid(
    @Arg('input', () => RenameGridInput, { description: '网格与新名称' }) input: RenameGridInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('places:write');
    return { grid: await ctx.transaction((uow) => renameGrid(uow, input, ctx.communityId)) };
  }

  @Mutation(() => BuildingPayload, { description: '登记楼栋（需 places:write）；发布 building.registered' })
  async registerBuilding(
    @Arg('input', () => RegisterBuildingInput, { description: '楼栋' }) input: RegisterBuildingInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('places:write');
    return { building: await ctx.transaction((uow) => registerBuilding(uow, input, ctx.communityId)) };
  }

  @Mutation(() => BuildingPayload, { description: '变更楼栋名称或标准地址（需 places:write）' })
  async changeBuilding(
    @Arg('input', () => ChangeBuildingInput, { description: '楼栋与变更内容' }) input: ChangeBuildingInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('places:write');
    return { building: await ctx.transaction((uow) => changeBuilding(uow, input, ctx.communityId)) };
  }

  @Mutation(() => RedrawGridPayload, {
    description:
      '网格边界调整（需 places:write）：楼栋划入另一网格并留存历史；发布 building.moved_to_grid，未办结事项、主动服务任务与各住户的走访记录随楼栋转入新网格',
  })
  redrawGrid(
    @Arg('input', () => RedrawGridInput, { description: '网格与划入的楼栋' }) input: RedrawGridInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('places:write');
    const actor = { id: ctx.principal.kind === 'anonymous' ? 'anonymous' : ctx.principal.id };
    return ctx.transaction((uow) => redrawGrid(uow, input, ctx.communityId, actor, ctx.clock.now()));
  }
}

@Resolver(() => BuildingType)
export class BuildingHistoryResolver {
  @FieldResolver(() => [BuildingGridChangeType], { description: '网格边界调整历史（新到旧）' })
  gridHistory(
    @Root() building: Readonly<Building>,
    @Arg('first', () => Int, { defaultValue: 20, description: '条数（最多 100）' }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BuildingGridChange[]> {
    // one statement for a page of buildings: the first `first` changes of each chosen by the database
    const limit = Math.max(1, Math.min(first, 100));
    return ctx.loaders
      .manyBy(BuildingGridChange, 'buildingId', {
        name: `BuildingGridChange.history.${limit}`,
        orderBy: { changedAt: 'desc', id: 'desc' },
        limitPerKey: limit,
      })
      .load(building.id);
  }
}
