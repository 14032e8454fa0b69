import { addMonths, type CareCategory } from '@shequ/contracts';
import { ADVANCED_AGE_YEARS, isAdvancedAge } from '../domain/care-schedule.js';
import type { CareRecord } from '../entities/care-record.js';
import type { Resident } from '../entities/resident.js';

/** What the graph shows of a care record: a stored record or the derived 高龄 entry. */
export interface CareRecordView {
  id: string;
  residentId: string;
  category: CareCategory;
  /** Null only for the derived 高龄 entry shown to a caller who may not read the birth date (see below). */
  startedOn: string | null;
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

/**
 * 高龄 (80+), derived from the birth date for an active resident; never stored. Its start, the 80th birthday, is the
 * birth date 80 years on: given (`birthDate`, the exact date, read) only to a caller who may read the birth date,
 * null to one who may not (grid workers read care categories, not birth dates).
 */
export function derivedAdvancedAge(resident: Resident, today: string, birthDate: string | null): CareRecordView | null {
  if (resident.status !== 'ACTIVE' || !isAdvancedAge(resident.birthDate, today)) return null;
  return {
    id: `derived:${resident.id}`,
    residentId: resident.id,
    category: 'ADVANCED_AGE',
    startedOn: birthDate ? addMonths(birthDate, 12 * ADVANCED_AGE_YEARS) : null,
    source: '按出生日期自动认定',
    grade: null,
    endedOn: null,
    endReason: null,
    nextReviewOn: null,
    derived: true,
  };
}
