import type { ResidentStatus } from '@shequ/contracts';
import { ConflictError } from '@shequ/errors';
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
