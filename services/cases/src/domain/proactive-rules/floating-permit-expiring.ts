import { addDays, communityDay } from '@shequ/contracts';
import type { ProactiveRule } from './rule.js';

export interface PermitExpiringSettings {
  /** Days the grid worker has for a permit that has already expired. */
  expiredDueInDays: number;
}

/**
 * 居住证将到期: residents announces a permit expiring within 30 days (once per expiry date) → the grid worker reminds
 * the resident to renew it (居住证续签), by the expiry day (or within a few days when it has already expired). A
 * renewal to a later date, or a turn to 户籍, settles the task.
 */
export const floatingPermitExpiring: ProactiveRule<PermitExpiringSettings> = {
  code: 'FLOATING_PERMIT_EXPIRING',
  description: '流动人口居住证 30 天内到期，须提醒办理续签',
  reveals: null,
  settings: { expiredDueInDays: 3 },
  evaluate(fact, now, settings) {
    if (fact.kind !== 'PERMIT_EXPIRING') return null;
    const today = communityDay(now);
    const expired = fact.expiresOn < today;
    return {
      rule: this.code,
      residentId: fact.residentId,
      gridId: fact.gridId,
      dueOn: expired ? addDays(today, settings.expiredDueInDays) : fact.expiresOn,
      key: `expires-${fact.expiresOn}`,
      reason: expired
        ? `居住证已于 ${fact.expiresOn} 到期，须提醒续签`
        : `居住证将于 ${fact.expiresOn} 到期，须提醒续签`,
    };
  },
  settles(fact, task) {
    if (fact.kind === 'RESIDENCE_TYPE_CHANGED') return fact.to !== 'FLOATING';
    if (fact.kind !== 'PERMIT_RENEWED') return false;
    const expiring = task.key.slice('expires-'.length);
    return fact.expiresOn === null || fact.expiresOn > expiring;
  },
};
