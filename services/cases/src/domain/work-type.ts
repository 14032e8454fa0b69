import type { CaseChannel } from '@shequ/contracts';

/**
 * 日常工作 vs 临时任务: appraisal reports them apart. Matters referred by the street/district, and work orders a
 * district platform (12345) hands over, are ad-hoc tasks.
 */
export type WorkType = 'DAILY' | 'AD_HOC';

export function defaultWorkType(channel: CaseChannel): WorkType {
  return channel === 'REFERRED' || channel === 'DISTRICT_PLATFORM' ? 'AD_HOC' : 'DAILY';
}
