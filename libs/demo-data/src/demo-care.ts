import { addDays, ageOn, type CareCategory } from '@shequ/contracts';
import { demoId } from './demo-id.js';
import { SeededRandom } from './seeded-random.js';

export interface DemoCareRecord {
  id: string;
  residentId: string;
  category: Exclude<CareCategory, 'ADVANCED_AGE'>;
  startedOn: string;
  source: string;
  grade: string | null;
  /** The last review recorded before the reference date (null: never reviewed yet). */
  lastReviewedOn: string | null;
}

/** 低保 households of the reference documents (普惠苑/北宁: 195 户低保 under dynamic review). */
export const DEMO_MINIMUM_LIVING_ALLOWANCE_HOUSEHOLDS = 195;

interface ResidentLike {
  id: string;
  householdId: string;
  relationToHead: string;
  birthDate: string;
  residenceType: string;
}

/**
 * Care categories (关爱对象) of the demo community, decided by a random stream of their own so the rest of the
 * dataset is unaffected: 195 低保 households (recorded on the head), elderly living alone (65+ in a one-person
 * household), disability, veterans, retired cadres, unemployed adults, children of migrant workers, a few
 * 特困 and 重点人员. 高龄 is never listed: it is derived from the birth date.
 */
export function demoCareRecords(
  residents: ResidentLike[],
  referenceDate: string,
  stream: { seed: string; idKind: string; minimumLivingAllowanceHouseholds: number } = {
    seed: '莲秀社区-关爱',
    idKind: 'care',
    minimumLivingAllowanceHouseholds: DEMO_MINIMUM_LIVING_ALLOWANCE_HOUSEHOLDS,
  },
): DemoCareRecord[] {
  const random = new SeededRandom(stream.seed);
  const records: DemoCareRecord[] = [];
  const add = (
    resident: ResidentLike,
    category: DemoCareRecord['category'],
    source: string,
    grade: string | null = null,
    reviewed = true,
  ) => {
    // not before the resident was born (a young child's record starts at the earliest on the birth date)
    const drawn = addDays(referenceDate, -random.int(60, 2_400));
    const startedOn = drawn < resident.birthDate ? resident.birthDate : drawn;
    const lastReviewedOn = reviewed && random.chance(0.8) ? addDays(referenceDate, -random.int(1, 170)) : null;
    records.push({
      id: demoId(stream.idKind, records.length),
      residentId: resident.id,
      category,
      startedOn,
      source,
      grade,
      lastReviewedOn: lastReviewedOn && lastReviewedOn > startedOn ? lastReviewedOn : null,
    });
  };
  const members = new Map<string, ResidentLike[]>();
  for (const r of residents) members.set(r.householdId, [...(members.get(r.householdId) ?? []), r]);
  const age = (r: ResidentLike) => ageOn(r.birthDate, referenceDate);

  const registeredHeads = residents.filter((r) => r.relationToHead === 'HEAD' && r.residenceType === 'REGISTERED');
  const lowIncome = shuffle(random, [...registeredHeads]);
  const allowance = stream.minimumLivingAllowanceHouseholds;
  for (const head of lowIncome.slice(0, allowance)) add(head, 'MINIMUM_LIVING_ALLOWANCE', '区民政局审批');
  for (const head of lowIncome.slice(allowance, allowance + 6)) {
    if (age(head) >= 60) add(head, 'EXTREME_POVERTY', '区民政局审批');
  }
  for (const r of residents) {
    const a = age(r);
    const alone = members.get(r.householdId)!.length === 1;
    if (alone && a >= 65) add(r, 'ELDERLY_LIVING_ALONE', '网格员入户走访');
    if (random.chance(0.02)) add(r, 'DISABILITY', '残联认定', random.pick(['一级', '二级', '三级', '四级']));
    if (a >= 40 && r.residenceType === 'REGISTERED' && random.chance(0.02))
      add(r, 'VETERAN', '退役军人事务站登记', null, false);
    if (a >= 65 && r.residenceType === 'REGISTERED' && random.chance(0.04))
      add(r, 'RETIRED_CADRE', '老干部局名册', null, false);
    if (a >= 25 && a <= 55 && random.chance(0.02)) add(r, 'UNEMPLOYED', '保障站失业登记');
    if (a >= 6 && a <= 15 && r.residenceType === 'FLOATING' && random.chance(0.5))
      add(r, 'MIGRANT_WORKER_CHILD', '学校报送');
    if (a >= 6 && a <= 15 && r.residenceType === 'REGISTERED' && random.chance(0.02))
      add(r, 'LEFT_BEHIND_CHILD', '网格员入户走访');
    if (a >= 20 && a <= 60 && random.chance(0.002)) add(r, 'KEY_PERSON', '综治中心通报');
  }
  return records;
}

function shuffle<T>(random: SeededRandom, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
