import type { EntityManager } from '@mikro-orm/core';
import { composeResidentIdNumber } from '@shequ/contracts';
import { projectOpenedCase, projectPublishedEvent } from '../src/application/fund/reference-projections.js';
import { Building, Grid, Household, Resident, Staff } from '../src/entities/index.js';

export const COMMUNITY = '350203008006';

/** Two grids, a building in each, two households per building. */
export async function placesFixture(em: EntityManager) {
  const grids = [
    em.create(Grid, { id: 'grid-a', communityId: COMMUNITY, code: `${COMMUNITY}-01`, name: '香秀里网格' }),
    em.create(Grid, { id: 'grid-b', communityId: COMMUNITY, code: `${COMMUNITY}-02`, name: '莲秀里网格' }),
  ];
  const buildings = grids.map((grid, i) =>
    em.create(Building, {
      id: `building-${i}`,
      communityId: COMMUNITY,
      grid,
      name: `${grid.name.slice(0, 3)}${i + 1}号楼`,
      address: `厦门市思明区嘉莲街道${grid.name.slice(0, 3)}${i + 1}号`,
    }),
  );
  const households = buildings.flatMap((building, i) =>
    [1, 2].map((n) =>
      em.create(Household, {
        id: `household-${i}-${n}`,
        communityId: COMMUNITY,
        building,
        unit: '1单元',
        room: `${n}01室`,
        address: `${building.name}1单元${n}01室`,
      }),
    ),
  );
  await em.flush();
  return { grids, buildings, households };
}

export function residentIn(
  em: EntityManager,
  household: Household,
  name: string,
  birthDate: string,
  sequence: number,
): Resident {
  const idNumber = composeResidentIdNumber('350203', birthDate, sequence);
  return em.create(Resident, {
    id: `resident-${sequence}`,
    communityId: COMMUNITY,
    name,
    idNumber,
    gender: sequence % 2 === 1 ? 'MALE' : 'FEMALE',
    birthDate,
    household,
  });
}

/**
 * 郑远方, a resident of another registered community (`communityId`: its grid, building and flat), holding
 * `idNumber`: what a caller of this community may not see.
 */
export function residentElsewhere(em: EntityManager, communityId: string, idNumber: string): Resident {
  const grid = em.create(Grid, { id: 'grid-other', communityId, code: `${communityId}-01`, name: '莲顺网格' });
  const building = em.create(Building, {
    id: 'building-other',
    communityId,
    grid,
    name: '莲顺1号楼',
    address: '莲顺1号',
  });
  const flat = em.create(Household, {
    id: 'household-other',
    communityId,
    building,
    unit: '1单元',
    room: '101室',
    address: '莲顺1号楼1单元101室',
  });
  return em.create(Resident, {
    id: 'resident-elsewhere',
    communityId,
    name: '郑远方',
    idNumber,
    gender: 'MALE',
    birthDate: '1970-02-03',
    household: flat,
  });
}

/** Two staff members: a grid worker of grid-a and a social-security officer. */
export async function staffFixture(em: EntityManager) {
  const staff = [
    em.create(Staff, {
      id: 'staff-grid-a',
      communityId: COMMUNITY,
      name: '陈网格',
      department: 'GRID',
      position: '专职网格员',
      gridIds: ',grid-a,',
    }),
    em.create(Staff, {
      id: 'staff-ss',
      communityId: COMMUNITY,
      name: '李保障',
      department: 'SOCIAL_SECURITY',
      position: '保障站工作人员',
    }),
  ];
  await em.flush();
  return staff;
}

/**
 * Community events and cases of this community as if the events and cases services had announced them (rows of
 * the projections written by the same functions the consumers call); fund-references.test.ts covers the consumers.
 */
export async function knownReferencesFixture(
  em: EntityManager,
  refs: { eventIds?: string[]; caseIds?: string[] },
): Promise<void> {
  const at = new Date('2026-01-01T00:00:00Z');
  for (const eventId of refs.eventIds ?? []) await projectPublishedEvent(em, { eventId, communityId: COMMUNITY, at });
  for (const caseId of refs.caseIds ?? [])
    await projectOpenedCase(em, {
      caseId,
      communityId: COMMUNITY,
      category: 'ASSISTANCE_APPLICATION',
      department: 'SOCIAL_SECURITY',
      at,
    });
  await em.flush();
}

/**
 * 林秀英 (born 1960-03-08), the `n`th such resident of `communityId`, in a flat of her own: a grid, building and
 * household named after `id`. Flushed.
 */
export async function residentWithOwnFlat(
  em: EntityManager,
  id: string,
  communityId: string,
  n: number,
  options: { phone?: string } = {},
): Promise<void> {
  const grid = em.create(Grid, { id: `grid-${id}`, communityId, code: `${communityId}-0${n}`, name: `第${n}网格` });
  const building = em.create(Building, { id: `b-${id}`, communityId, grid, name: '1号楼', address: '1号' });
  const household = em.create(Household, {
    id: `h-${id}`,
    communityId,
    building,
    unit: '1单元',
    room: '101室',
    address: '1号楼1单元101室',
  });
  em.create(Resident, {
    id,
    communityId,
    name: '林秀英',
    idNumber: composeResidentIdNumber(communityId.slice(0, 6), '1960-03-08', n),
    ...(options.phone ? { phone: options.phone } : {}),
    birthDate: '1960-03-08',
    household,
  });
  await em.flush();
}
