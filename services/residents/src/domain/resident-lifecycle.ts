import type { ResidentStatus } from '@shequ/contracts';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import { ResidentStatuses } from '@shequ/contracts';

export type ResidentAction = 'UPDATE' | 'MOVE_HOUSEHOLD' | 'MOVE_OUT' | 'RECORD_DEATH' | 'CARE';

/**
 * The resident life cycle as one table: which action is allowed in which status and the status after it.
 * Nothing is ever deleted; a moved-out resident may move back in (迁回), a deceased one is final.
 */
export const RESIDENT_TRANSITIONS: Record<ResidentStatus, Partial<Record<ResidentAction, ResidentStatus>>> = {
  ACTIVE: {
    UPDATE: 'ACTIVE',
    MOVE_HOUSEHOLD: 'ACTIVE',
    MOVE_OUT: 'MOVED_OUT',
    RECORD_DEATH: 'DECEASED',
    CARE: 'ACTIVE',
  },
  MOVED_OUT: { UPDATE: 'MOVED_OUT', MOVE_HOUSEHOLD: 'ACTIVE' },
  DECEASED: {},
};

const ACTION_LABELS: Record<ResidentAction, string> = {
  UPDATE: '变更信息',
  MOVE_HOUSEHOLD: '迁入/换户',
  MOVE_OUT: '迁出',
  RECORD_DEATH: '死亡登记',
  CARE: '关爱对象管理',
};

/** The status after `action`, or a ConflictError naming the current status. */
export function residentTransition(status: ResidentStatus, action: ResidentAction): ResidentStatus {
  const next = RESIDENT_TRANSITIONS[status][action];
  if (!next) {
    throw new ConflictError(`居民当前状态为「${ResidentStatuses.labels[status]}」，不能${ACTION_LABELS[action]}`, {
      status,
    });
  }
  return next;
}

/** The dates of a life already on record that a new date of it must follow. */
export interface LifeDates {
  birthDate: string | null;
  /** Moved into the current flat (a move or a move-out follows it). */
  movedInOn?: string | null;
  /** Moved away (迁回 follows it). */
  movedOutOn?: string | null;
}

const LIFE_EVENT_LABELS = {
  movedInOn: '迁入日期',
  movedOutOn: '迁出日期',
  diedOn: '死亡日期',
} as const;

/**
 * The dates of a life in order, on every path that records one (registration, a move or 迁回, a move-out, a death):
 * not after today, a move or move-out not before the moving-in it follows, 迁回 not before the move-out, not before
 * birth (without naming the birth date). `BAD_USER_INPUT` naming the field. (A death is not checked against moving
 * in: a district import records its own day as the moving-in of people who lived here long before.)
 */
export function checkLifeDate(
  field: keyof typeof LIFE_EVENT_LABELS,
  date: string,
  facts: LifeDates,
  today: string,
): string {
  const label = LIFE_EVENT_LABELS[field];
  if (date > today) throw new InvalidInputError(field, `${label}不能晚于今天（${today}），收到 ${date}`);
  if (field !== 'diedOn' && facts.movedInOn && date < facts.movedInOn)
    throw new InvalidInputError(field, `${label}不能早于迁入本户日期（${facts.movedInOn}），收到 ${date}`);
  if (field === 'movedInOn' && facts.movedOutOn && date < facts.movedOutOn)
    throw new InvalidInputError(field, `迁回日期不能早于迁出日期（${facts.movedOutOn}），收到 ${date}`);
  // The birth date is never named, and is checked after the dates the caller sees: grid workers, 计生 and party
  // affairs write without reading it (the ID number masked), and digits 7–14 of the ID number must not be learned
  // from a refusal's text, nor by bisecting between two refusals worded differently.
  if (facts.birthDate && date < facts.birthDate)
    throw new InvalidInputError(field, `${label}不能早于该居民的出生日期，收到 ${date}`);
  return date;
}
