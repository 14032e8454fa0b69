import { announceHousehold, announceOrganization, announceStaff } from './announce-places.js';
import { Departments, GridRegistered, labelsOf, type Department } from '@shequ/contracts';
import { forShare, forUpdate, newId } from '@shequ/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';
import { OrganizationKinds, type HousingTypeCode, type OrganizationKindCode } from '../domain/vocabularies.js';
import { assertRelatedAsHead, checkHousing, householdAddress, normaliseFlat } from '../domain/household-rules.js';
import { checkOrganizationMemberCount } from '../domain/place-codes.js';
import { Building } from '../entities/building.js';
import { Grid } from '../entities/grid.js';
import { Household } from '../entities/household.js';
import { Organization } from '../entities/organization.js';
import { Resident } from '../entities/resident.js';
import { joinGridIds, Staff } from '../entities/staff.js';

const text = (raw: string | null | undefined, field: string, max: number): string => {
  const value = raw?.trim() ?? '';
  if (!value) throw new InvalidInputError(field, `${field} 不能为空：须填写，至多 ${max} 个字`);
  if (value.length > max) throw new InvalidInputError(field, `不能超过 ${max} 个字`);
  return value;
};

/** A rented flat (出租房) records its landlord (a resident of this community); owned and public flats have none. */
async function validHousing(
  uow: UnitOfWork,
  communityId: string,
  housing: string,
  landlordResidentId: string | null | undefined,
): Promise<{ housing: HousingTypeCode; landlordResidentId: string | null }> {
  const kind = checkHousing(housing, !!landlordResidentId, 'landlordResidentId');
  if (kind !== 'RENTED' || !landlordResidentId) return { housing: kind, landlordResidentId: null };
  const landlord = await uow.em.findOne(Resident, { id: landlordResidentId, communityId });
  if (!landlord) throw new InvalidInputError('landlordResidentId', `房东（居民）${landlordResidentId} 不存在`);
  return { housing: 'RENTED', landlordResidentId };
}

export async function registerHousehold(
  uow: UnitOfWork,
  input: { buildingId: string; unit: string; room: string; housing: string; landlordResidentId?: string | null },
  communityId: string,
  buildingVisible: (building: Building, em: UnitOfWork['em']) => Promise<boolean>,
): Promise<Household> {
  const { unit, room } = normaliseFlat(input);
  const building = await uow.em.findOne(Building, { id: input.buildingId, communityId });
  if (!building || !(await buildingVisible(building, uow.em)))
    throw new InvalidInputError('buildingId', `楼栋 ${input.buildingId} 不存在`);
  const housing = await validHousing(uow, communityId, input.housing, input.landlordResidentId);
  const address = householdAddress(building.name, unit, room);
  if (await uow.em.count(Household, { communityId, address }))
    throw new ConflictError(`住户 ${address} 已登记`, { field: 'room' });
  const household = uow.em.create(Household, { id: newId(), communityId, building, unit, room, address, ...housing });
  announceHousehold(uow.events, { id: household.id, buildingId: building.id, gridId: building.grid.id });
  await uow.em.flush();
  return household;
}

/** 出租房登记 and changes of housing type. */
export async function setHousehold(
  uow: UnitOfWork,
  input: { householdId: string; housing: string; landlordResidentId?: string | null; headResidentId?: string | null },
  communityId: string,
  visible: (household: Household, em: UnitOfWork['em']) => Promise<boolean>,
): Promise<Household> {
  const found = await uow.em.findOne(Household, { id: input.householdId, communityId });
  if (!found || !(await visible(found, uow.em))) throw new NotFoundError('住户', input.householdId);
  // The head named: a current resident of the flat whose relation is 户主 (one 户主 a flat, the head on record is
  // they). Read under a share lock before the flat is locked (residents then flats, as updateResident and
  // moveResident lock): a move, death or change of relation of theirs crossing this write waits, or is seen.
  let head: Resident | null = null;
  if (input.headResidentId !== undefined && input.headResidentId !== null) {
    head = await uow.em.findOne(
      Resident,
      { id: input.headResidentId, household: found.id, status: 'ACTIVE' },
      { ...forShare(uow.em), refresh: true },
    );
    if (!head) throw new InvalidInputError('headResidentId', '户主须为该户在册居民');
    assertRelatedAsHead(head.relationToHead);
  }
  // the flat locked: a registration, move or change of relation taking its head waits for this write
  const household = (await uow.em.findOne(Household, found.id, { ...(forUpdate(uow.em) as object), refresh: true }))!;
  Object.assign(household, await validHousing(uow, communityId, input.housing, input.landlordResidentId));
  if (head) household.headResidentId = head.id;
  await uow.em.flush();
  return household;
}

/** 楼栋长: an active resident living in the building. */
export async function assignBuildingLeader(
  uow: UnitOfWork,
  input: { buildingId: string; residentId: string },
  communityId: string,
  visible: (building: Building, em: UnitOfWork['em']) => Promise<boolean> = async () => true,
): Promise<Building> {
  const building = await uow.em.findOne(Building, { id: input.buildingId, communityId });
  if (!building || !(await visible(building, uow.em))) throw new NotFoundError('楼栋', input.buildingId);
  // under a share lock: a move or death of that resident crossing this write waits, or is seen
  const resident = await uow.em.findOne(
    Resident,
    { id: input.residentId, communityId, status: 'ACTIVE', household: { building: building.id } },
    { ...forShare(uow.em), refresh: true },
  );
  if (!resident) throw new InvalidInputError('residentId', '楼栋长须为本楼栋的在册居民');
  building.leaderResidentId = resident.id;
  await uow.em.flush();
  return building;
}

/** 网格员: a staff member who then serves the grid; announced with `grid.registered`. */
export async function assignGridWorker(
  uow: UnitOfWork,
  input: { gridId: string; staffId: string },
  communityId: string,
): Promise<Grid> {
  const grid = await uow.em.findOne(Grid, { id: input.gridId, communityId });
  if (!grid) throw new NotFoundError('网格', input.gridId);
  const staff = await uow.em.findOne(Staff, { id: input.staffId, communityId, active: true });
  if (!staff) throw new InvalidInputError('staffId', `社区工作者 ${input.staffId} 不存在`);
  grid.gridWorkerStaffId = staff.id;
  staff.gridIds = joinGridIds([...staff.gridIds.split(',').filter(Boolean), grid.id]);
  uow.events.record(GridRegistered, { gridId: grid.id, code: grid.code, name: grid.name, gridWorkerStaffId: staff.id });
  announceStaff(uow.events, staff);
  await uow.em.flush();
  return grid;
}

export async function registerStaff(
  uow: UnitOfWork,
  input: { name: string; department: string; position: string; gridIds?: string[] | null },
  communityId: string,
): Promise<Staff> {
  const name = text(input.name, 'name', 50);
  const position = text(input.position, 'position', 50);
  if (!Departments.codes.includes(input.department as Department))
    throw new InvalidInputError('department', `未知的部门「${input.department}」，应为：${labelsOf(Departments)}`);
  const gridIds = input.gridIds ?? [];
  if (gridIds.length && (await uow.em.count(Grid, { id: { $in: gridIds }, communityId })) !== new Set(gridIds).size) {
    throw new InvalidInputError('gridIds', '包含不存在的网格');
  }
  const staff = uow.em.create(Staff, {
    id: newId(),
    communityId,
    name,
    department: input.department as Department,
    position,
    gridIds: joinGridIds(gridIds),
  });
  announceStaff(uow.events, staff);
  await uow.em.flush();
  return staff;
}

export async function registerOrganization(
  uow: UnitOfWork,
  input: { name: string; kind: string; address?: string | null; gridId?: string | null; memberCount?: number | null },
  communityId: string,
): Promise<Organization> {
  const name = text(input.name, 'name', 100);
  if (!OrganizationKinds.codes.includes(input.kind as OrganizationKindCode))
    throw new InvalidInputError('kind', `未知的组织类别「${input.kind}」，应为：${labelsOf(OrganizationKinds)}`);
  if (input.gridId && !(await uow.em.count(Grid, { id: input.gridId, communityId })))
    throw new InvalidInputError('gridId', `网格 ${input.gridId} 不存在`);
  checkOrganizationMemberCount(input.memberCount);
  if (await uow.em.count(Organization, { communityId, name }))
    throw new ConflictError(`组织「${name}」已登记`, { field: 'name' });
  const organization = uow.em.create(Organization, {
    id: newId(),
    communityId,
    name,
    kind: input.kind as OrganizationKindCode,
    address: input.address?.trim() || null,
    gridId: input.gridId ?? null,
    memberCount: input.memberCount ?? null,
  });
  announceOrganization(uow.events, organization);
  await uow.em.flush();
  return organization;
}
