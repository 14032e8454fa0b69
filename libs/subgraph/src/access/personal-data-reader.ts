import type { AccessControl, AuditedField, CommunityScope, DerivedPersonalField, PersonalField } from '@shequ/auth';

export type PersonalDataSubject = 'Resident' | 'Household';

/**
 * Whose personal data is read: the person's (or household's) id and the community it belongs to, as the row read
 * says. The community decides whose audit trail the read goes to (that community's, not the caller's).
 */
export interface PersonalDataOwner {
  id: string;
  communityId: string;
}

/** A raw read of one subject in a request: which fields, and the subject's community. */
export interface PersonalDataRead {
  subjectType: PersonalDataSubject;
  subjectId: string;
  communityId: string;
  fields: AuditedField[];
}

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
    { subjectType: PersonalDataSubject; subjectId: string; communityId: string; fields: Set<AuditedField> }
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

  /** A personal string field of a resident or household (`subject`: its id and community), as this caller may see it. */
  read(
    subject: PersonalDataOwner,
    field: PersonalField,
    raw: string | null,
    subjectType: PersonalDataSubject = 'Resident',
  ): string | null {
    if (raw === null) return null;
    const value = this.access.present(field, raw);
    if (value !== null && this.access.fieldAccess(field) === 'RAW') this.remember(subjectType, subject, field);
    return value;
  }

  /** A personal list (care categories, sensitive tags): all or nothing, never masked. */
  readList<T>(
    subject: PersonalDataOwner,
    field: PersonalField,
    raw: T[],
    subjectType: PersonalDataSubject = 'Resident',
  ): T[] | null {
    if (this.access.fieldAccess(field) !== 'RAW') return null;
    if (raw.length > 0) this.remember(subjectType, subject, field);
    return raw;
  }

  /**
   * A rule decided on this field of this person for the caller (e.g. «年满 18 周岁» on the birth date): its yes or
   * no tells something of the value, and trying inputs (dates) would tell the value itself, so the use is remembered
   * as a read of the field whatever the caller's access — raw, masked or absent — passed or refused alike. Call it
   * before the rule is evaluated (a refusal is an error: the audit is still written with the response).
   */
  usedByRule(subject: PersonalDataOwner, field: PersonalField, subjectType: PersonalDataSubject = 'Resident'): void {
    this.remember(subjectType, subject, field);
  }

  /**
   * A list filtered on this field (or a value derived from it, the age of `minAge`/`maxAge`) matched this person: the
   * answer — the page, and `totalCount` even with no node selected — tells the person's value lies in the filter's
   * range, so each match counted is remembered as a read of `field`, whatever the caller's access to it.
   */
  usedByFilter(subject: PersonalDataOwner, field: AuditedField, subjectType: PersonalDataSubject = 'Resident'): void {
    this.remember(subjectType, subject, field);
  }

  /**
   * A value derived from a personal field (the age from the birth date), shown to callers who may not read that
   * field: the value is returned as it is and, when there is one, remembered as a read of `field` (the same audit
   * entry as the request's other reads of the person, one row per request however many persons).
   */
  readDerived<T>(
    subject: PersonalDataOwner,
    field: DerivedPersonalField,
    value: T | null,
    subjectType: PersonalDataSubject = 'Resident',
  ): T | null {
    if (value !== null) this.remember(subjectType, subject, field);
    return value;
  }

  /** Whether the caller sees this field at all (for filters on personal data, e.g. by care category). */
  visible(field: PersonalField): boolean {
    return this.access.fieldAccess(field) !== 'ABSENT';
  }

  /** Raw reads of this request and the fields rules decided on (`usedByRule`), one entry per subject. */
  reads(): PersonalDataRead[] {
    return [...this.rawReads.values()].map((r) => ({
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      communityId: r.communityId,
      fields: [...r.fields].sort(),
    }));
  }

  private remember(subjectType: PersonalDataSubject, subject: PersonalDataOwner, field: AuditedField): void {
    const key = `${subjectType}:${subject.id}`;
    let entry = this.rawReads.get(key);
    if (!entry) {
      // a subject belongs to one community: the first row read of it names it
      entry = { subjectType, subjectId: subject.id, communityId: subject.communityId, fields: new Set() };
      this.rawReads.set(key, entry);
    }
    entry.fields.add(field);
  }
}
