import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { plainRows } from '@shequ/database';
import { CareCategories, Genders, ResidenceTypes, ResidentStatuses } from '@shequ/contracts';
import { ageBand, AgeBands } from '../domain/age-bands.js';
import { isAdvancedAge, SENSITIVE_CATEGORIES } from '../domain/care-schedule.js';
import { Building } from '../entities/building.js';
import { CareRecord } from '../entities/care-record.js';
import { Grid } from '../entities/grid.js';
import { Household } from '../entities/household.js';
import { Resident } from '../entities/resident.js';

export type StatisticsDimension =
  'GRID' | 'BUILDING' | 'GENDER' | 'AGE_BAND' | 'RESIDENCE_TYPE' | 'CARE_CATEGORY' | 'STATUS';

export interface StatisticsKey {
  dimension: StatisticsDimension;
  value: string;
  label: string;
}

export interface StatisticsResult {
  total: number;
  groups: Array<{ keys: StatisticsKey[]; count: number }>;
}

const UNKNOWN = { value: 'UNKNOWN', label: '未知' };

/** The few columns of a resident the counting needs, as plain values (`household`: its id). */
interface ResidentRow {
  id: string;
  communityId: string;
  gender: Resident['gender'];
  birthDate: Resident['birthDate'];
  residenceType: Resident['residenceType'];
  status: Resident['status'];
  household: string | null;
}

/**
 * Counts residents matching `where` per combination of the requested dimensions: counts only, never names or
 * ids of people. A resident with several care categories counts once in each (and `NONE` when without);
 * 高龄 is derived from the birth date; sensitive categories only when `includeSensitive`.
 */
export async function residentStatistics(
  em: EntityManager,
  where: FilterQuery<Resident>,
  groupBy: StatisticsDimension[],
  today: string,
  includeSensitive: boolean,
): Promise<StatisticsResult> {
  const dimensions = [...new Set(groupBy)];
  const residents = await plainRows<ResidentRow, Resident>(
    em,
    Resident,
    ['id', 'communityId', 'gender', 'birthDate', 'residenceType', 'status', 'household'],
    where,
  );
  const needsPlace = dimensions.includes('GRID') || dimensions.includes('BUILDING');
  const communities = [...new Set(residents.map((r) => r.communityId))];
  const inCommunities = { communityId: { $in: communities } };
  const households =
    needsPlace && communities.length
      ? await plainRows<{ id: string; building: string }, Household>(em, Household, ['id', 'building'], inCommunities)
      : [];
  const buildings =
    needsPlace && communities.length
      ? await plainRows<{ id: string; name: string; grid: string }, Building>(
          em,
          Building,
          ['id', 'name', 'grid'],
          inCommunities,
        )
      : [];
  const grids =
    needsPlace && communities.length
      ? await plainRows<{ id: string; name: string }, Grid>(em, Grid, ['id', 'name'], inCommunities)
      : [];
  const buildingOfHousehold = new Map(households.map((h) => [h.id, h.building]));
  const buildingById = new Map(buildings.map((b) => [b.id, b]));
  const gridById = new Map(grids.map((g) => [g.id, g]));
  const careOf = new Map<string, string[]>();
  if (dimensions.includes('CARE_CATEGORY') && communities.length) {
    const ids = new Set(residents.map((r) => r.id));
    const records = await plainRows<{ resident: string; category: CareRecord['category'] }, CareRecord>(
      em,
      CareRecord,
      ['resident', 'category'],
      { ...inCommunities, endedOn: null },
    );
    for (const record of records) {
      if (!ids.has(record.resident) || (!includeSensitive && SENSITIVE_CATEGORIES.includes(record.category))) continue;
      careOf.set(record.resident, [...new Set([...(careOf.get(record.resident) ?? []), record.category])]);
    }
  }
  const keysOf = (resident: ResidentRow, dimension: StatisticsDimension): Array<{ value: string; label: string }> => {
    const buildingId = resident.household ? buildingOfHousehold.get(resident.household) : undefined;
    const building = buildingId ? buildingById.get(buildingId) : undefined;
    switch (dimension) {
      case 'GRID': {
        const grid = building ? gridById.get(building.grid) : undefined;
        return [grid ? { value: grid.id, label: grid.name } : UNKNOWN];
      }
      case 'BUILDING':
        return [building ? { value: building.id, label: building.name } : UNKNOWN];
      case 'GENDER':
        return [resident.gender ? { value: resident.gender, label: Genders.labels[resident.gender] } : UNKNOWN];
      case 'AGE_BAND': {
        const band = ageBand(resident.birthDate, today);
        return [band ? { value: band, label: AgeBands.labels[band] } : UNKNOWN];
      }
      case 'RESIDENCE_TYPE':
        return [{ value: resident.residenceType, label: ResidenceTypes.labels[resident.residenceType] }];
      case 'STATUS':
        return [{ value: resident.status, label: ResidentStatuses.labels[resident.status] }];
      case 'CARE_CATEGORY': {
        const categories = [...(careOf.get(resident.id) ?? [])];
        if (resident.status === 'ACTIVE' && isAdvancedAge(resident.birthDate, today)) categories.push('ADVANCED_AGE');
        if (categories.length === 0) return [{ value: 'NONE', label: '非关爱对象' }];
        return categories
          .sort()
          .map((c) => ({ value: c, label: CareCategories.labels[c as keyof typeof CareCategories.labels] }));
      }
    }
  };
  const groups = new Map<string, { keys: StatisticsKey[]; count: number }>();
  for (const resident of residents) {
    let combos: StatisticsKey[][] = [[]];
    for (const dimension of dimensions) {
      const options = keysOf(resident, dimension);
      combos = combos.flatMap((combo) => options.map((o) => [...combo, { dimension, ...o }]));
    }
    for (const keys of combos) {
      const id = keys.map((k) => k.value).join('\u0000');
      const group = groups.get(id) ?? { keys, count: 0 };
      group.count += 1;
      groups.set(id, group);
    }
  }
  const sorted = [...groups.values()].sort((a, b) =>
    a.keys
      .map((k) => k.label)
      .join('|')
      .localeCompare(b.keys.map((k) => k.label).join('|'), 'zh'),
  );
  return { total: residents.length, groups: sorted };
}
