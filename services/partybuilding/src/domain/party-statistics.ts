import {
  ageOn,
  declaredOrder,
  Genders,
  namedStatisticsKey,
  PartyMemberStages,
  PartyMemberTypes,
  sortStatisticsGroups,
  UNKNOWN_STATISTICS_VALUE,
  unknownStatisticsKey,
  vocabularyStatisticsKey,
  type StatisticsKey,
  type StatisticsOrder,
} from '@shequ/contracts';
import type { PartyStatisticsDimension } from './vocabularies.js';

export const AGE_BANDS = [
  { code: 'UNDER_36', label: '35岁及以下', max: 35 },
  { code: 'AGE_36_45', label: '36–45岁', max: 45 },
  { code: 'AGE_46_60', label: '46–60岁', max: 60 },
  { code: 'AGE_61_70', label: '61–70岁', max: 70 },
  { code: 'OVER_70', label: '71岁及以上', max: Infinity },
] as const;

export function ageBandOf(birthDate: string | null, today: string): string | null {
  if (!birthDate) return null;
  const age = ageOn(birthDate, today);
  return AGE_BANDS.find((band) => age <= band.max)!.code;
}

export interface StatisticsMember {
  /** The member's branch (id and name), or null/'' when the member is in none. */
  organizationId?: string | null;
  organization: string;
  stage: string;
  memberType: string;
  gender: string | null;
  birthDate: string | null;
}

export type PartyStatisticsKey = StatisticsKey<PartyStatisticsDimension>;

/** A group of party statistics: its keys in the order of `groupBy` and its count. */
export interface PartyStatisticsGroup {
  keys: PartyStatisticsKey[];
  count: number;
}

/** The key of one dimension from its stored value: branches by id with their name, codes with their labels. */
export function partyStatisticsKey(
  dimension: PartyStatisticsDimension,
  value: string | null | undefined,
  name?: string | null,
): PartyStatisticsKey {
  switch (dimension) {
    case 'ORGANIZATION':
      return namedStatisticsKey(dimension, value, name);
    case 'STAGE':
      return vocabularyStatisticsKey(dimension, PartyMemberStages, value);
    case 'MEMBER_TYPE':
      return vocabularyStatisticsKey(dimension, PartyMemberTypes, value);
    case 'GENDER':
      return vocabularyStatisticsKey(dimension, Genders, value);
    case 'AGE_BAND': {
      const band = AGE_BANDS.find((b) => b.code === value);
      return band ? { dimension, value: band.code, label: band.label } : unknownStatisticsKey(dimension);
    }
  }
}

/** Each dimension's natural order: branches by name, stages and types as declared, age bands youngest first. */
const ORDERS: Record<PartyStatisticsDimension, StatisticsOrder> = {
  ORGANIZATION: 'collated',
  STAGE: declaredOrder(PartyMemberStages),
  MEMBER_TYPE: declaredOrder(PartyMemberTypes),
  AGE_BAND: { codes: AGE_BANDS.map((band) => band.code) },
  GENDER: declaredOrder(Genders),
};

/** Groups in their natural order, the same in every service (`sortStatisticsGroups` of `@shequ/contracts`). */
export function orderPartyStatistics<G extends { keys: PartyStatisticsKey[] }>(groups: readonly G[]): G[] {
  return sortStatisticsGroups(groups, ORDERS);
}

/** The typed columns of a group (deprecated in the schema, kept for existing clients) from its keys. */
export function partyStatisticsColumns(keys: readonly PartyStatisticsKey[]) {
  const known = (dimension: PartyStatisticsDimension) => {
    const key = keys.find((k) => k.dimension === dimension);
    return key && key.value !== UNKNOWN_STATISTICS_VALUE ? key : null;
  };
  const has = (dimension: PartyStatisticsDimension) => keys.some((k) => k.dimension === dimension);
  return {
    // by branch name as before; '' for members in no branch
    organization: has('ORGANIZATION') ? (known('ORGANIZATION')?.label ?? '') : null,
    stage: known('STAGE')?.value ?? null,
    memberType: known('MEMBER_TYPE')?.value ?? null,
    ageBand: known('AGE_BAND')?.value ?? null,
    gender: known('GENDER')?.value ?? null,
  };
}

/**
 * A group of the answer: its keys, count and suppression with the typed columns of `partyStatisticsColumns` beside
 * them, built as one object (a table of 14,000 cells built each group twice when the columns were spread in).
 */
export function partyStatisticsAnswer(keys: PartyStatisticsKey[], count: number | null, suppressed: string | null) {
  let organization: string | null = null;
  let stage: string | null = null;
  let memberType: string | null = null;
  let ageBand: string | null = null;
  let gender: string | null = null;
  // backwards: the first key of a dimension is the one kept, as in `partyStatisticsColumns`
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i];
    const value = key.value === UNKNOWN_STATISTICS_VALUE ? null : key.value;
    switch (key.dimension) {
      case 'ORGANIZATION':
        organization = value === null ? '' : key.label;
        break;
      case 'STAGE':
        stage = value;
        break;
      case 'MEMBER_TYPE':
        memberType = value;
        break;
      case 'AGE_BAND':
        ageBand = value;
        break;
      case 'GENDER':
        gender = value;
        break;
    }
  }
  return { keys, count, suppressed, organization, stage, memberType, ageBand, gender };
}

/** Counts by the chosen dimensions only (keys in the order of `groupBy`); no names or ids of people go into a group. */
export function groupMembers(
  members: readonly StatisticsMember[],
  groupBy: readonly PartyStatisticsDimension[],
  today: string,
): PartyStatisticsGroup[] {
  const dimensions = [...new Set(groupBy)];
  const groups = new Map<string, PartyStatisticsGroup>();
  for (const m of members) {
    const keys = dimensions.map((dimension) => {
      switch (dimension) {
        case 'ORGANIZATION':
          return partyStatisticsKey(dimension, m.organizationId, m.organization);
        case 'STAGE':
          return partyStatisticsKey(dimension, m.stage);
        case 'MEMBER_TYPE':
          return partyStatisticsKey(dimension, m.memberType);
        case 'AGE_BAND':
          return partyStatisticsKey(dimension, ageBandOf(m.birthDate, today));
        case 'GENDER':
          return partyStatisticsKey(dimension, m.gender);
      }
    });
    const id = JSON.stringify(keys.map((k) => k.value));
    const group = groups.get(id) ?? { keys, count: 0 };
    group.count += 1;
    groups.set(id, group);
  }
  return orderPartyStatistics([...groups.values()]);
}
