import {
  addDays,
  addYears,
  ageOn,
  composeResidentIdNumber,
  type Department,
  type Gender,
  type ResidenceType,
} from '@shequ/contracts';
import { chineseName, surnameOf } from './chinese-names.js';
import { DEMO_MINIMUM_LIVING_ALLOWANCE_HOUSEHOLDS, demoCareRecords, type DemoCareRecord } from './demo-care.js';
import { demoId as demoIdOf } from './demo-id.js';
import { demoOrganizations, type DemoOrganization } from './demo-organizations.js';
import { SeededRandom } from './seeded-random.js';

/** Ages in the demo are as of this date, so the data is the same whenever it is generated. */
export const DEMO_REFERENCE_DATE = '2026-11-01';

export interface DemoCommunity {
  code: string;
  name: string;
  streetCode: string;
  streetName: string;
  districtCode: string;
  districtName: string;
  city: string;
}

export interface DemoGrid {
  id: string;
  code: string;
  name: string;
  /** The lane (里) the grid covers. */
  lane: string;
  gridWorkerStaffId: string;
}

export interface DemoBuilding {
  id: string;
  gridId: string;
  name: string;
  address: string;
  leaderResidentId: string | null;
}

export type HousingType = 'OWNED' | 'RENTED' | 'PUBLIC';

export interface DemoHousehold {
  id: string;
  buildingId: string;
  unit: string;
  room: string;
  address: string;
  housing: HousingType;
  headResidentId: string | null;
  /** Rented flats (出租房登记): the owner who lets it. */
  landlordResidentId: string | null;
}

export type RelationToHead = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD' | 'OTHER';

export interface DemoResident {
  id: string;
  name: string;
  idNumber: string;
  gender: Gender;
  birthDate: string;
  phone: string | null;
  householdId: string;
  relationToHead: RelationToHead;
  residenceType: ResidenceType;
  /** 居住证 of a floating resident. */
  residencePermit: { issuedOn: string; expiresOn: string } | null;
}

export interface DemoStaff {
  id: string;
  name: string;
  department: Department;
  position: string;
  gridIds: string[];
}

export interface DemoDataset {
  community: DemoCommunity;
  grids: DemoGrid[];
  buildings: DemoBuilding[];
  households: DemoHousehold[];
  residents: DemoResident[];
  staff: DemoStaff[];
  /** 关爱对象 (高龄 is derived from birth dates, not listed). */
  careRecords: DemoCareRecord[];
  /** 辖区单位、社会组织、共建单位、志愿服务队 */
  organizations: DemoOrganization[];
}

const COMMUNITY: DemoCommunity = {
  code: '350203008006',
  name: '莲秀社区',
  streetCode: '350203008',
  streetName: '嘉莲街道',
  districtCode: '350203',
  districtName: '思明区',
  city: '厦门市',
};

const LANES = ['香秀里', '莲秀里', '嘉莲里', '莲岳里', '秀华里'];
const BUILDINGS_PER_GRID = 8;
export const DEMO_RESIDENT_COUNT = 2500;

/** ID regions: local registered residents, and the provinces floating residents come from. */
const LOCAL_REGIONS = ['350203', '350203', '350203', '350206', '350211', '350205'];
const FLOATING_REGIONS = [
  '350583',
  '350681',
  '360102',
  '430102',
  '510107',
  '420106',
  '340104',
  '350128',
  '352201',
  '441402',
];

const STAFF_PLAN: Array<[Department, string, number]> = [
  ['OFFICE', '社区党委书记、居委会主任', 1],
  ['OFFICE', '居委会副主任', 1],
  ['FAMILY_PLANNING', '计生专干', 2],
  ['SOCIAL_SECURITY', '保障站工作人员', 3],
  ['COMPREHENSIVE_GOVERNANCE', '综治城管专干', 3],
  ['PARTY_AFFAIRS', '党建专干', 2],
  ['CULTURE', '文化专干', 1],
];

/** What makes one generated community: 莲秀社区 of the demo, or a community of the district generator. */
export interface CommunitySpec {
  community: DemoCommunity;
  /** The lanes (里) of the community: one grid each. */
  lanes: readonly string[];
  residentCount: number;
  buildingsPerGrid: number;
  /** Seed of the community's random stream. */
  seed: string;
  /** Seed of the care categories' random stream. */
  careSeed: string;
  /** Id namespace of a kind of record (`resident` → `350203008001:resident`), so ids never collide across communities. */
  idKind(kind: string): string;
  /** Ages are as of this date. */
  referenceDate: string;
  /** ID numbers already given (across the district): a new resident never gets one of them. */
  usedIdNumbers: Set<string>;
  /** 低保 households (recorded on the head). */
  minimumLivingAllowanceHouseholds: number;
  /** Organisations of the community (the demo's 辖区单位 …); none for generated communities. */
  withOrganizations: boolean;
}

let cached: DemoDataset | undefined;

/** 莲秀社区 (思明区嘉莲街道, 厦门): grids, buildings, ~1,000 households, 2,500 residents, staff. Deterministic. */
export function demoDataset(): DemoDataset {
  cached ??= generate();
  return cached;
}

function generate(): DemoDataset {
  return generateCommunity({
    community: COMMUNITY,
    lanes: LANES,
    residentCount: DEMO_RESIDENT_COUNT,
    buildingsPerGrid: BUILDINGS_PER_GRID,
    seed: '莲秀社区',
    careSeed: '莲秀社区-关爱',
    idKind: (kind) => kind,
    referenceDate: DEMO_REFERENCE_DATE,
    usedIdNumbers: new Set<string>(),
    minimumLivingAllowanceHouseholds: DEMO_MINIMUM_LIVING_ALLOWANCE_HOUSEHOLDS,
    withOrganizations: true,
  });
}

/** One community, deterministic for its spec (and the ID numbers already used): grids, buildings, households, residents, staff, care. */
export function generateCommunity(spec: CommunitySpec): DemoDataset {
  const COMMUNITY = spec.community;
  const LANES = spec.lanes;
  const BUILDINGS_PER_GRID = spec.buildingsPerGrid;
  const DEMO_RESIDENT_COUNT = spec.residentCount;
  const DEMO_REFERENCE_DATE = spec.referenceDate;
  const demoId = (kind: string, index: number) => demoIdOf(spec.idKind(kind), index);
  const birthDateForAge = (random: SeededRandom, age: number): string =>
    addDays(addYears(DEMO_REFERENCE_DATE, -age - 1), random.int(1, 364));
  const random = new SeededRandom(spec.seed);
  const usedIds = spec.usedIdNumbers;
  let residentIndex = 0;
  let sequence = 0;

  const staff: DemoStaff[] = [];
  for (const [department, position, count] of STAFF_PLAN) {
    for (let i = 0; i < count; i++) {
      const gender: Gender = random.chance(0.7) ? 'FEMALE' : 'MALE';
      staff.push({
        id: demoId('staff', staff.length),
        name: chineseName(random, gender),
        department,
        position,
        gridIds: [],
      });
    }
  }

  const grids: DemoGrid[] = LANES.map((lane, i) => {
    const worker: DemoStaff = {
      id: demoId('staff', staff.length),
      name: chineseName(random, random.chance(0.6) ? 'FEMALE' : 'MALE'),
      department: 'GRID',
      position: '专职网格员',
      gridIds: [],
    };
    staff.push(worker);
    const grid: DemoGrid = {
      id: demoId('grid', i),
      code: `${COMMUNITY.code}-${String(i + 1).padStart(2, '0')}`,
      name: `${lane}网格`,
      lane,
      gridWorkerStaffId: worker.id,
    };
    worker.gridIds.push(grid.id);
    return grid;
  });
  // The comprehensive-governance staff also serve grids (two each).
  staff
    .filter((s) => s.department === 'COMPREHENSIVE_GOVERNANCE')
    .forEach((s, i) => {
      s.gridIds.push(grids[(i * 2) % grids.length].id, grids[(i * 2 + 1) % grids.length].id);
    });

  const buildings: DemoBuilding[] = [];
  const households: DemoHousehold[] = [];
  for (const grid of grids) {
    for (let b = 1; b <= BUILDINGS_PER_GRID; b++) {
      const number = b * 2 + (grids.indexOf(grid) % 2);
      const building: DemoBuilding = {
        id: demoId('building', buildings.length),
        gridId: grid.id,
        name: `${grid.lane}${number}号楼`,
        address: `${COMMUNITY.city}${COMMUNITY.districtName}${COMMUNITY.streetName}${grid.lane}${number}号`,
        leaderResidentId: null,
      };
      buildings.push(building);
      const floors = random.chance(0.5) ? 6 : 7;
      for (let unit = 1; unit <= 2; unit++) {
        for (let floor = 1; floor <= floors; floor++) {
          for (let door = 1; door <= 2; door++) {
            const room = `${floor}0${door}`;
            households.push({
              id: demoId('household', households.length),
              buildingId: building.id,
              unit: `${unit}单元`,
              room: `${room}室`,
              address: `${grid.lane}${number}号楼${unit}单元${room}室`,
              housing: random.weighted([
                ['OWNED', 65],
                ['RENTED', 25],
                ['PUBLIC', 10],
              ] as const),
              headResidentId: null,
              landlordResidentId: null,
            });
          }
        }
      }
    }
  }

  const residents: DemoResident[] = [];
  const newResident = (
    household: DemoHousehold,
    age: number,
    gender: Gender,
    relation: RelationToHead,
    floating: boolean,
    surname?: string,
  ): DemoResident => {
    const birthDate = birthDateForAge(random, age);
    let idNumber: string;
    do {
      sequence += 1;
      const region = floating ? random.pick(FLOATING_REGIONS) : random.pick(LOCAL_REGIONS);
      const seq = (sequence % 499) * 2 + (gender === 'MALE' ? 1 : 2);
      idNumber = composeResidentIdNumber(region, birthDate, seq % 1000);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    const issuedOn = addDays(addYears(DEMO_REFERENCE_DATE, -1), random.int(-200, 300));
    const resident: DemoResident = {
      id: demoId('resident', residentIndex++),
      name: chineseName(random, gender, surname),
      idNumber,
      gender,
      birthDate,
      phone:
        age >= 16
          ? `1${random.pick(['3', '5', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`
          : null,
      householdId: household.id,
      relationToHead: relation,
      residenceType: floating ? 'FLOATING' : 'REGISTERED',
      residencePermit: floating ? { issuedOn, expiresOn: addYears(issuedOn, 1) } : null,
    };
    residents.push(resident);
    return resident;
  };

  for (const household of households) {
    if (residents.length >= DEMO_RESIDENT_COUNT) break;
    if (random.chance(0.04)) continue; // vacant flat
    const floating = household.housing === 'RENTED' ? random.chance(0.8) : random.chance(0.03);
    let size: number = random.weighted([
      [1, 18],
      [2, 30],
      [3, 28],
      [4, 16],
      [5, 8],
    ] as const);
    size = Math.min(size, DEMO_RESIDENT_COUNT - residents.length);
    const headGender: Gender = random.chance(0.55) ? 'MALE' : 'FEMALE';
    const headAge =
      size === 1
        ? random.weighted([
            [random.int(22, 40), 45],
            [random.int(41, 64), 20],
            [random.int(65, 94), 35],
          ] as const)
        : floating
          ? random.int(22, 50)
          : random.weighted([
              [random.int(25, 44), 40],
              [random.int(45, 64), 38],
              [random.int(65, 88), 22],
            ] as const);
    const head = newResident(household, headAge, headGender, 'HEAD', floating);
    household.headResidentId = head.id;
    const surname = surnameOf(head.name);
    let remaining = size - 1;
    if (remaining > 0) {
      newResident(
        household,
        Math.max(20, headAge + random.int(-5, 3)),
        headGender === 'MALE' ? 'FEMALE' : 'MALE',
        'SPOUSE',
        floating,
      );
      remaining -= 1;
    }
    const grandparents = !floating && headAge >= 30 && headAge <= 55 && remaining >= 3 && random.chance(0.5);
    if (grandparents) {
      newResident(
        household,
        Math.min(98, headAge + random.int(24, 32)),
        random.chance(0.6) ? 'FEMALE' : 'MALE',
        'PARENT',
        false,
      );
      remaining -= 1;
    }
    while (remaining > 0) {
      const parentAge = headAge >= 65 ? headAge - 28 : headAge;
      const childAge = headAge >= 65 ? random.int(30, 45) : Math.max(0, Math.min(parentAge - 22, random.int(0, 26)));
      const relation: RelationToHead = headAge >= 65 && random.chance(0.4) ? 'GRANDCHILD' : 'CHILD';
      newResident(
        household,
        relation === 'GRANDCHILD' ? random.int(0, 16) : childAge,
        random.chance(0.5) ? 'MALE' : 'FEMALE',
        relation,
        floating,
        surname,
      );
      remaining -= 1;
    }
  }

  const residentById = new Map(residents.map((r) => [r.id, r]));
  // Rented flats record their landlord: a registered adult owning a flat elsewhere in the community.
  const owners = households
    .filter((h) => h.housing === 'OWNED' && h.headResidentId)
    .map((h) => residentById.get(h.headResidentId!)!)
    .filter((r) => r.residenceType === 'REGISTERED');
  for (const household of households) {
    if (household.housing === 'RENTED' && owners.length > 0) household.landlordResidentId = random.pick(owners).id;
  }

  // 楼栋长: a registered resident of the building aged 45–75.
  const byHousehold = new Map<string, DemoResident[]>();
  for (const r of residents) byHousehold.set(r.householdId, [...(byHousehold.get(r.householdId) ?? []), r]);
  for (const building of buildings) {
    const candidates = households
      .filter((h) => h.buildingId === building.id)
      .flatMap((h) => byHousehold.get(h.id) ?? [])
      .filter(
        (r) =>
          r.residenceType === 'REGISTERED' &&
          ageOn(r.birthDate, DEMO_REFERENCE_DATE) >= 45 &&
          ageOn(r.birthDate, DEMO_REFERENCE_DATE) <= 75,
      );
    building.leaderResidentId = candidates.length > 0 ? random.pick(candidates).id : null;
  }

  // Added later with their own random streams, so everything above stays as it was.
  const careRecords = demoCareRecords(residents, DEMO_REFERENCE_DATE, {
    seed: spec.careSeed,
    idKind: spec.idKind('care'),
    minimumLivingAllowanceHouseholds: spec.minimumLivingAllowanceHouseholds,
  });
  const organizations = spec.withOrganizations
    ? demoOrganizations(
        grids.map((g) => g.id),
        [...LANES],
        `${COMMUNITY.city}${COMMUNITY.districtName}${COMMUNITY.streetName}`,
      )
    : [];
  return { community: COMMUNITY, grids, buildings, households, residents, staff, careRecords, organizations };
}
