import type { CareCategory, ResidenceType } from '@shequ/contracts';

/** What the engine learns and feeds the rules: a fact about one resident. */
export type ProactiveFact =
  /** The scheduled scan's view of a resident (from the local projection). */
  | {
      kind: 'RESIDENT_SNAPSHOT';
      residentId: string;
      gridId: string | null;
      birthDate: string | null;
      careCategories: readonly CareCategory[];
      /** Last visit, case or event attendance; else when the resident became known. */
      lastContactAt: Date;
      active: boolean;
    }
  /** residents' care_category.review_due */
  | { kind: 'CARE_REVIEW_DUE'; residentId: string; gridId: string | null; category: CareCategory; dueOn: string }
  /** residents' care_category.ended */
  | { kind: 'CARE_CATEGORY_ENDED'; residentId: string; category: CareCategory }
  /** residents' care_category.reviewed (the review was done) */
  | { kind: 'CARE_REVIEWED'; residentId: string; category: CareCategory }
  /** residents' floating.registration_expiring: a 居住证 expires within 30 days (or has expired) */
  | { kind: 'PERMIT_EXPIRING'; residentId: string; gridId: string | null; expiresOn: string }
  /** residents' resident.updated with a new 居住证 expiry (a renewal; null when the permit was dropped) */
  | { kind: 'PERMIT_RENEWED'; residentId: string; expiresOn: string | null }
  /** residents' resident.registered */
  | { kind: 'RESIDENT_REGISTERED'; residentId: string; gridId: string | null; residenceType: ResidenceType }
  /**
   * residents' resident.updated: the residence type before (from the local projection; null when not known yet)
   * and after, and the day (UTC+8) the change happened.
   */
  | {
      kind: 'RESIDENCE_TYPE_CHANGED';
      residentId: string;
      gridId: string | null;
      from: ResidenceType | null;
      to: ResidenceType;
      on: string;
    };

/** A task a rule asks for. `key` makes it once-only (one open task per rule, resident and key). */
export interface TaskDraft {
  rule: string;
  residentId: string;
  gridId: string | null;
  dueOn: string;
  key: string;
  reason: string;
}

/** A proactive rule: its settings (data) and one function from a fact to a task or nothing. */
export interface ProactiveRule<S = unknown> {
  code: string;
  description: string;
  settings: S;
  /**
   * What a task of this rule tells about its resident, beyond the resident: `CARE_CATEGORY` when it exists only
   * because of a care category (its rule, reason and very existence follow the care-category policy).
   */
  reveals: 'CARE_CATEGORY' | null;
  evaluate(fact: ProactiveFact, now: Date, settings: S): TaskDraft | null;
  /** Whether a fact makes an open task of this rule no longer apply (e.g. the care category ended). */
  settles?(fact: ProactiveFact, task: { key: string }, settings: S): boolean;
}

/** The instant `days` × 24 hours after `date`. */
export function daysAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
