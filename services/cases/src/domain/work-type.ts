import type { CaseChannel } from '@shequ/contracts';

/** 日常工作 vs 临时任务: appraisal reports them apart. Matters referred by the street/district are ad-hoc tasks. */
export type WorkType = 'DAILY' | 'AD_HOC';

export function defaultWorkType(channel: CaseChannel): WorkType {
  return channel === 'REFERRED' ? 'AD_HOC' : 'DAILY';
}
