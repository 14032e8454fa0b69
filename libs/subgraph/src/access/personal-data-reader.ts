import type { AccessControl, CommunityScope, PersonalField } from '@shequ/auth';

export type PersonalDataSubject = 'Resident' | 'Household';

/**
 * An answer that depends on the personal field of everyone a query matches, recorded as the query instead of its
 * matches (an "audit expression"): residents with an open record of `category` in `communities` while the answer
 * was read. The trail resolves it against the records' history (`piiAuditTrail` by person).
 */
export interface AuditPredicate {
  category: string;
  field: PersonalField;
  /** The caller's communities (its row scope). */
  communities: CommunityScope;
  /** An instant before the answer was read (the read ends when the response is audited). */
  readFrom: Date;
  /** How many persons it matched, counted in the same way as the answer. */
  count: () => Promise<number>;
}

/**
 * Every personal field a resolver returns goes through here: the value comes back raw, masked or absent as
 * the caller's role allows, and each raw read is remembered for the audit written when the response goes out.
 */
export class PersonalDataReader {
  private readonly rawReads = new Map<
    string,
    { subjectType: PersonalDataSubject; subjectId: string; fields: Set<PersonalField> }
  >();

  private predicate: AuditPredicate | null = null;

  constructor(private readonly access: AccessControl) {}

  /**
   * Records a predicate read (see `AuditPredicate`) if the caller sees `field` raw; one per request (its audit
   * record holds one): false when this request already has one, and the caller then audits the matches one by one.
   */
  readPredicate(predicate: AuditPredicate): boolean {
    if (this.access.fieldAccess(predicate.field) !== 'RAW' || this.predicate) return false;
    this.predicate = predicate;
    return true;
  }

  /** The request's predicate read, if any. */
  predicateRead(): AuditPredicate | null {
    return this.predicate;
  }

  /** A personal string field of a resident or household, as this caller may see it. */
  read(
    subjectId: string,
    field: PersonalField,
    raw: string | null,
    subjectType: PersonalDataSubject = 'Resident',
  ): string | null {
    if (raw === null) return null;
    const value = this.access.present(field, raw);
    if (value !== null && this.access.fieldAccess(field) === 'RAW') this.remember(subjectType, subjectId, field);
    return value;
  }

  /** A personal list (care categories, sensitive tags): all or nothing, never masked. */
  readList<T>(
    subjectId: string,
    field: PersonalField,
    raw: T[],
    subjectType: PersonalDataSubject = 'Resident',
  ): T[] | null {
    if (this.access.fieldAccess(field) !== 'RAW') return null;
    if (raw.length > 0) this.remember(subjectType, subjectId, field);
    return raw;
  }

  /** Whether the caller sees this field at all (for filters on personal data, e.g. by care category). */
  visible(field: PersonalField): boolean {
    return this.access.fieldAccess(field) !== 'ABSENT';
  }

  /** Raw reads of this request, one entry per subject. */
  reads(): Array<{ subjectType: PersonalDataSubject; subjectId: string; fields: PersonalField[] }> {
    return [...this.rawReads.values()].map((r) => ({
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      fields: [...r.fields].sort(),
    }));
  }

  private remember(subjectType: PersonalDataSubject, subjectId: string, field: PersonalField): void {
    const key = `${subjectType}:${subjectId}`;
    let entry = this.rawReads.get(key);
    if (!entry) {
      entry = { subjectType, subjectId, fields: new Set() };
      this.rawReads.set(key, entry);
    }
    entry.fields.add(field);
  }
}
