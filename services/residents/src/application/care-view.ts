import { addMonths, type CareCategory } from '@shequ/contracts';
import { ADVANCED_AGE_YEARS, isAdvancedAge } from '../domain/care-schedule.js';
import type { CareRecord } from '../entities/care-record.js';
import type { Resident } from '../entities/resident.js';

/** What the graph shows of a care record: a stored record or the derived 高龄 entry. */
export interface CareRecordView {
  id: string;
  residentId: string;
  category: CareCategory;
  startedOn: string;
  source: string;
  grade: string | null;
  endedOn: string | null;
  endReason: string | null;
  nextReviewOn: string | null;
  derived: boolean;
}

export function storedCareView(record: CareRecord): CareRecordView {
  return {
    id: record.id,
    residentId: record.resident.id,
    category: record.category,
    startedOn: record.startedOn,
    source: record.source,
    grade: record.grade,
    endedOn: record.endedOn,
    endReason: record.endReason,
    nextReviewOn: record.nextReviewOn,
    derived: false,
  };
}

/** 高龄 (80+), derived from the birth date for an active resident; never stored. */
export function derivedAdvancedAge(resident: Resident, today: string): CareRecordView | null {
  if (resident.status !== 'ACTIVE' || !isAdvancedAge(resident.birthDate, today)) return null;
  return {
    id: `derived:${resident.id}`,
    residentId: resident.id,
    category: 'ADVANCED_AGE',
    startedOn: addMonths(resident.birthDate!, 12 * ADVANCED_AGE_YEARS),
    source: '按出生日期自动认定',
    grade: null,
    endedOn: null,
    endReason: null,
    nextReviewOn: null,
    derived: true,
  };
}
