import type { AccessControl } from '@shequ/auth';
import {
  BuildingMovedToGrid,
  BuildingRegistered,
  CommunityRegistered,
  GridRegistered,
  StreetRegistered,
  communityDay,
} from '@shequ/contracts';
import { newId } from '@shequ/database';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';
import {
  DISTRICT_CODE,
  validCommunityCode,
  validGridCode,
  validPlaceName,
  validStreetCode,
  within,
} from '../domain/place-codes.js';
import { Building } from '../entities/building.js';
import { BuildingGridChange } from '../entities/building-grid-change.js';
import { Community } from '../entities/community.js';
import { Grid } from '../entities/grid.js';
import { District, Street } from '../entities/street.js';

/**
 * Registering and changing the places of the hierarchy (区 → 街道 → 社区 → 网格 → 楼栋). Each change is announced,
 * so every service knows a community, grid or building from the moment it is registered. Callers act within their
 * own code: a district admin under its district, a street admin under its street, a community's staff in it.
 */

function requireWithin(access: AccessControl, code: string, what: string): void {
  if (!within(code, access.homeCode))
    throw new ForbiddenError('communities:write', `没有权限：${what} ${code} 不在本账号的辖区 ${access.homeCode} 内`);
}

/** The community a place is registered in: the caller's (acting) community, which must be registered. */
export async function requireCommunity(uow: UnitOfWork, communityId: string): Promise<Community> {
  const community = await uow.em.findOne(Community, { id: communityId });
  if (!community)
    throw new InvalidInputError('community', `社区 ${communityId} 尚未登记（请先由街道或区级管理员登记社区）`);
  return community;
}

function announceStreet(uow: UnitOfWork, street: Street, district: District): void {
  uow.events.record(
    StreetRegistered,
    { streetCode: street.id, name: street.name, districtCode: district.id, districtName: district.name },
    { communityId: street.id },
  );
}

function announceCommunity(uow: UnitOfWork, community: Community): void {
  uow.events.record(
    CommunityRegistered,
    {
      communityId: community.id,
      name: community.name,
      streetCode: community.streetCode,
      districtCode: community.districtCode,
    },
    { communityId: community.id },
  );
}

/** 街道登记 (district admin; a street admin may only rename its own street). */
export async function registerStreet(
  uow: UnitOfWork,
  input: { code: string; name: string; districtName?: string | null },
  access: AccessControl,
): Promise<Street> {
  const code = validStreetCode(input.code);
  const name = validPlaceName(input.name, 'name');
  requireWithin(access, code, '街道');
  if (await uow.em.findOne(Street, { id: code })) throw new ConflictError(`街道 ${code} 已登记`, { field: 'code' });
  const districtCode = code.slice(0, 6);
  if (!DISTRICT_CODE.test(districtCode)) throw new InvalidInputError('code', '区代码无效');
  let district = await uow.em.findOne(District, { id: districtCode });
  if (!district) {
    const districtName = validPlaceName(input.districtName, 'districtName');
    district = uow.em.create(District, { id: districtCode, name: districtName });
  }
  const street = uow.em.create(Street, { id: code, name, districtCode });
  announceStreet(uow, street, district);
  await uow.em.flush();
  return street;
}

export async function renameStreet(
  uow: UnitOfWork,
  input: { code: string; name: string },
  access: AccessControl,
): Promise<Street> {
  const street = await uow.em.findOne(Street, { id: input.code.trim() });
  if (!street || !within(street.id, access.homeCode)) throw new NotFoundError('街道', input.code);
  street.name = validPlaceName(input.name, 'name');
  await uow.em.nativeUpdate(Community, { streetCode: street.id }, { streetName: street.name });
  const district = await uow.em.findOneOrFail(District, { id: street.districtCode });
  announceStreet(uow, street, district);
  await uow.em.flush();
  return street;
}

/** 社区入驻: a community of a registered street, under the caller's street or district. */
export async function registerCommunity(
  uow: UnitOfWork,
  input: { code: string; name: string },
  access: AccessControl,
): Promise<Community> {
  const code = validCommunityCode(input.code);
  const name = validPlaceName(input.name, 'name');
  requireWithin(access, code, '社区');
  const street = await uow.em.findOne(Street, { id: code.slice(0, 9) });
  if (!street) throw new InvalidInputError('code', `街道 ${code.slice(0, 9)} 尚未登记，请先登记街道`);
  if (await uow.em.findOne(Community, { id: code })) throw new ConflictError(`社区 ${code} 已登记`, { field: 'code' });
  if (await uow.em.count(Community, { streetCode: street.id, name }))
    throw new ConflictError(`街道内已有名为「${name}」的社区`, { field: 'name' });
  const district = await uow.em.findOneOrFail(District, { id: street.districtCode });
  const community = uow.em.create(Community, {
    id: code,
    name,
    streetCode: street.id,
    streetName: street.name,
    districtCode: district.id,
    districtName: district.name,
  });
  announceCommunity(uow, community);
  await uow.em.flush();
  return community;
}

export async function renameCommunity(
  uow: UnitOfWork,
  input: { code: string; name: string },
  access: AccessControl,
): Promise<Community> {
  const community = await uow.em.findOne(Community, { id: input.code.trim() });
  if (!community || !access.seesCommunity(community.id)) throw new NotFoundError('社区', input.code);
  requireWithin(access, community.id, '社区');
  community.name = validPlaceName(input.name, 'name');
  announceCommunity(uow, community);
  await uow.em.flush();
  return community;
}

function announceGrid(uow: UnitOfWork, grid: Grid): void {
  uow.events.record(
    GridRegistered,
    { gridId: grid.id, code: grid.code, name: grid.name, gridWorkerStaffId: grid.gridWorkerStaffId },
    { communityId: grid.communityId },
  );
}

/** 网格登记 in the caller's (acting) community. */
export async function registerGrid(
  uow: UnitOfWork,
  input: { code: string; name: string },
  communityId: string,
): Promise<Grid> {
  await requireCommunity(uow, communityId);
  const code = validGridCode(input.code, communityId);
  const name = validPlaceName(input.name, 'name');
  if (await uow.em.count(Grid, { code })) throw new ConflictError(`网格编码 ${code} 已登记`, { field: 'code' });
  const grid = uow.em.create(Grid, { id: newId(), communityId, code, name });
  announceGrid(uow, grid);
  await uow.em.flush();
  return grid;
}

export async function renameGrid(
  uow: UnitOfWork,
  input: { gridId: string; name: string },
  communityId: string,
): Promise<Grid> {
  const grid = await uow.em.findOne(Grid, { id: input.gridId, communityId });
  if (!grid) throw new NotFoundError('网格', input.gridId);
  grid.name = validPlaceName(input.name, 'name');
  announceGrid(uow, grid);
  await uow.em.flush();
  return grid;
}

/** 楼栋登记 in a grid of the caller's (acting) community; the name is unique in the community. */
export async function registerBuilding(
  uow: UnitOfWork,
  input: { gridId: string; name: string; address?: string | null },
  communityId: string,
): Promise<Building> {
  const name = validPlaceName(input.name, 'name');
  const address = input.address?.trim() ? validPlaceName(input.address, 'address', 200) : name;
  const grid = await uow.em.findOne(Grid, { id: input.gridId, communityId });
  if (!grid) throw new InvalidInputError('gridId', `网格 ${input.gridId} 不存在`);
  if (await uow.em.count(Building, { communityId, name }))
    throw new ConflictError(`楼栋「${name}」已登记`, { field: 'name' });
  const building = uow.em.create(Building, { id: newId(), communityId, grid, name, address });
  uow.events.record(BuildingRegistered, { buildingId: building.id, gridId: grid.id }, { communityId });
  await uow.em.flush();
  return building;
}

export async function changeBuilding(
  uow: UnitOfWork,
  input: { buildingId: string; name?: string | null; address?: string | null },
  communityId: string,
): Promise<Building> {
  const building = await uow.em.findOne(Building, { id: input.buildingId, communityId });
  if (!building) throw new NotFoundError('楼栋', input.buildingId);
  if (input.name !== undefined && input.name !== null) {
    const name = validPlaceName(input.name, 'name');
    if (name !== building.name && (await uow.em.count(Building, { communityId, name })))
      throw new ConflictError(`楼栋「${name}」已登记`, { field: 'name' });
    building.name = name;
  }
  if (input.address !== undefined && input.address !== null)
    building.address = validPlaceName(input.address, 'address', 200);
  await uow.em.flush();
  return building;
}

/**
 * 网格边界调整: buildings move to another grid of the community, each move kept as history and announced, so the
 * other services carry the building's households, residents, open cases and proactive tasks along.
 */
export async function redrawGrid(
  uow: UnitOfWork,
  input: { gridId: string; buildingIds: string[]; reason?: string | null },
  communityId: string,
  actor: { id: string },
  now: Date,
): Promise<{ grid: Grid; moved: Building[] }> {
  const grid = await uow.em.findOne(Grid, { id: input.gridId, communityId });
  if (!grid) throw new InvalidInputError('gridId', `网格 ${input.gridId} 不存在`);
  const ids = [...new Set(input.buildingIds)];
  if (ids.length === 0) throw new InvalidInputError('buildingIds', '至少选择一栋楼');
  if (ids.length > 500) throw new InvalidInputError('buildingIds', '一次最多调整 500 栋楼');
  const reason = input.reason?.trim() ? validPlaceName(input.reason, 'reason', 200) : null;
  const buildings = await uow.em.find(Building, { id: { $in: ids }, communityId });
  if (buildings.length !== ids.length) {
    const found = new Set(buildings.map((b) => b.id));
    throw new InvalidInputError('buildingIds', `楼栋 ${ids.filter((id) => !found.has(id)).join('、')} 不存在`);
  }
  const movedOn = communityDay(now);
  const moved: Building[] = [];
  for (const building of buildings) {
    const fromGridId = building.grid.id;
    if (fromGridId === grid.id) continue;
    building.grid = uow.em.getReference(Grid, grid.id) as never;
    uow.em.create(BuildingGridChange, {
      id: newId(),
      communityId,
      buildingId: building.id,
      fromGridId,
      toGridId: grid.id,
      movedOn,
      changedAt: now,
      changedBy: actor.id,
      reason,
    });
    uow.events.record(
      BuildingMovedToGrid,
      { buildingId: building.id, fromGridId, toGridId: grid.id, movedOn },
      { communityId },
    );
    moved.push(building);
  }
  await uow.em.flush();
  return { grid, moved };
}
