import type { AccessControl, PersonalField } from '@shequ/auth';

export type PersonalDataSubject = 'Resident' | 'Household';

/**
 * Every personal field a resolver returns goes through here: the value comes back raw, masked or absent as
 * the caller's role allows, and each raw read is remembered for the audit written when the response goes out.
 */
export class PersonalDataReader {
  private readonly rawReads = new Map<
    string,
    { subjectType: PersonalDataSubject; subjectId: string; fields: Set<PersonalField> }
  >();

  constructor(private readonly access: AccessControl) {}

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
