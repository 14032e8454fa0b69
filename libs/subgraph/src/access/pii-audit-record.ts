import { EntitySchema } from '@mikro-orm/core';
import type { AuditedField, CommunityScope } from '@shequ/auth';
import type { PersonalDataRead, PersonalDataSubject } from './personal-data-reader.js';

/**
 * The audit trail of unmasked personal-data reads: ONE row per request, serving service and community of the
 * persons read, kept only by the service that keeps the trail (`AUDIT_TRAIL_SERVICE`, residents). `communityId` is
 * the community the persons read belong to (as the rows read said), so that each community's trail shows who read
 * its residents, whoever the caller (a street or district admin, a department granted several communities); the
 * caller's own community claim is `callerCommunityId`. Its own reads are inserted in the request (one INSERT before
 * the response leaves); the other services' reads arrive as their `audit.pii_read` events (one per community) and
 * are inserted with the event id as the row id (a redelivery cannot add a second row). Who was read is the compact
 * `subjects` text (see `encodeAuditSubjects`): about 24 bytes per person instead of a row each.
 */
export class PiiAuditRecord {
  /** UUIDv7 of the request's record, or the id of the `audit.pii_read` event it came from. */
  id!: string;
  /** The community of the persons read (a predicate read: the caller's). */
  communityId!: string;
  /** The caller's community claim (its community, street or district code; set for the older rows by migration). */
  callerCommunityId: string | null = null;
  /** The service that served the data. */
  service!: string;
  operation!: string;
  /** The request id as the caller's logs know it (the gateway's): shown, never an identity (a caller may send one). */
  requestId!: string;
  /**
   * The server's own key of the request that wrote the row (residents' own rows of one subgraph request share it;
   * a row from another service's event: the event id): what tells which rows are one request, never a caller's value.
   * Null on rows of before 2026-12-06.
   */
  requestKey: string | null = null;
  callerKind!: string;
  callerId!: string;
  /** Comma-separated roles. */
  callerRoles!: string;
  callerDepartment: string | null = null;
  readAt!: Date;
  subjectCount!: number;
  /** Who was read, which fields: `encodeAuditSubjects`. */
  subjects!: string;
  /**
   * A predicate read (`AuditPredicate`), recorded instead of its matches: the care category (null: none), the
   * caller's communities (`auditScopeText`), an instant before the read (the read ends at `readAt`) and how many
   * persons it matched (counted in the request, as its `totalCount`).
   */
  predicateCategory: string | null = null;
  predicateScope: string | null = null;
  predicateFrom: Date | null = null;
  predicateCount: number | null = null;
}

export const PiiAuditRecordSchema = new EntitySchema<PiiAuditRecord>({
  class: PiiAuditRecord,
  tableName: 'pii_audit_record',
  indexes: [
    { properties: ['communityId', 'readAt'], name: 'pii_audit_record_community_idx' },
    { properties: ['communityId', 'callerId', 'readAt'], name: 'pii_audit_record_caller_idx' },
    // a person's trail: the predicate reads of each of their care records' categories while it was open
    { properties: ['predicateCategory', 'readAt'], name: 'pii_audit_record_predicate_idx' },
  ],
  properties: {
    id: { type: 'string', length: 36, primary: true },
    communityId: { type: 'string', length: 12 },
    callerCommunityId: { type: 'string', length: 12, nullable: true },
    service: { type: 'string', length: 20 },
    operation: { type: 'string', length: 200 },
    requestId: { type: 'string', length: 100 },
    requestKey: { type: 'string', length: 36, nullable: true },
    callerKind: { type: 'string', length: 10 },
    callerId: { type: 'string', length: 100 },
    callerRoles: { type: 'string', length: 300 },
    callerDepartment: { type: 'string', length: 100, nullable: true },
    readAt: { type: 'datetime' },
    subjectCount: { type: 'integer' },
    subjects: { type: 'text' },
    predicateCategory: { type: 'string', length: 30, nullable: true },
    predicateScope: { type: 'text', nullable: true },
    predicateFrom: { type: 'datetime', nullable: true },
    predicateCount: { type: 'integer', nullable: true },
  },
});

/**
 * Communities as text a person's community is matched against exactly (`auditScopePatterns`): ` <code> <code> `
 * for a list, ` <prefix>* ` for a street or district.
 */
export function auditScopeText(scope: CommunityScope): string {
  switch (scope.kind) {
    case 'exact':
      return ` ${scope.communityId} `;
    case 'set':
      return ` ${scope.communityIds.join(' ')} `;
    case 'prefix':
      return ` ${scope.prefix}* `;
  }
}

/** The `predicateScope` texts that include `communityId`: a LIKE for lists, and every prefix of it. */
export function auditScopePatterns(communityId: string): { like: string; prefixes: string[] } {
  const prefixes: string[] = [];
  for (let length = 1; length < communityId.length; length++) prefixes.push(` ${communityId.slice(0, length)}* `);
  return { like: `% ${communityId} %`, prefixes };
}

/** Whether a `predicateScope` text includes `communityId` (the same rule as `auditScopePatterns`). */
export function auditScopeIncludes(scopeText: string, communityId: string): boolean {
  const { prefixes } = auditScopePatterns(communityId);
  return scopeText.includes(` ${communityId} `) || prefixes.includes(scopeText);
}

export interface AuditSubject {
  subjectType: PersonalDataSubject;
  subjectId: string;
  fields: AuditedField[];
}

/**
 * A request's reads by the community of the persons read, communities in order: each group is one trail row (or
 * one `audit.pii_read` event).
 */
export function auditReadsByCommunity(
  reads: readonly PersonalDataRead[],
): Array<{ communityId: string; subjects: AuditSubject[] }> {
  const groups = new Map<string, AuditSubject[]>();
  for (const { subjectType, subjectId, fields, communityId } of reads) {
    const subjects = groups.get(communityId) ?? [];
    subjects.push({ subjectType, subjectId, fields });
    groups.set(communityId, subjects);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([communityId, subjects]) => ({ communityId, subjects }));
}

/**
 * One letter per audited field (adding a field to `PERSONAL_FIELDS` or `DERIVED_PERSONAL_FIELDS` fails to compile
 * until it has one).
 */
const FIELD_CODES: Record<AuditedField, string> = {
  idNumber: 'i',
  birthDate: 'b',
  phone: 'p',
  address: 'a',
  careCategories: 'c',
  sensitiveTags: 's',
  age: 'g',
};
const FIELD_OF_CODE = new Map(Object.entries(FIELD_CODES).map(([field, code]) => [code, field as AuditedField]));
const TYPE_CODES: Record<PersonalDataSubject, string> = { Resident: 'R', Household: 'H' };
const TYPE_OF_CODE = new Map(Object.entries(TYPE_CODES).map(([type, code]) => [code, type as PersonalDataSubject]));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A subject id as one token without spaces: a UUID as 22 base64url characters, anything else as `~<id>`. */
export function auditIdToken(id: string): string {
  if (UUID.test(id)) return Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');
  return `~${encodeURIComponent(id)}`;
}

function idOfToken(token: string): string {
  if (token.startsWith('~')) return decodeURIComponent(token.slice(1));
  const hex = Buffer.from(token, 'base64url').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Subjects grouped by type and field set: ` R.ibp <id> <id> H.a <id> ` — a group header (type letter, `.`,
 * field letters) then the ids read with those fields, space-separated, with a space at both ends so that
 * `subjects LIKE '% <token> %'` finds a person exactly (`auditSubjectPattern`).
 */
export function encodeAuditSubjects(subjects: readonly AuditSubject[]): string {
  const groups = new Map<string, string[]>();
  for (const subject of subjects) {
    const header = `${TYPE_CODES[subject.subjectType]}.${subject.fields
      .map((f) => FIELD_CODES[f])
      .sort()
      .join('')}`;
    const ids = groups.get(header) ?? [];
    ids.push(auditIdToken(subject.subjectId));
    groups.set(header, ids);
  }
  return ` ${[...groups].map(([header, ids]) => `${header} ${ids.join(' ')}`).join(' ')} `;
}

export function decodeAuditSubjects(encoded: string): AuditSubject[] {
  const subjects: AuditSubject[] = [];
  let type: PersonalDataSubject = 'Resident';
  let fields: AuditedField[] = [];
  for (const token of encoded.split(' ')) {
    if (token === '') continue;
    if (token.length >= 2 && token[1] === '.' && TYPE_OF_CODE.has(token[0])) {
      type = TYPE_OF_CODE.get(token[0])!;
      fields = [...token.slice(2)].map((code) => FIELD_OF_CODE.get(code)!).sort();
      continue;
    }
    subjects.push({ subjectType: type, subjectId: idOfToken(token), fields });
  }
  return subjects;
}

/**
 * A LIKE pattern matching the records that name this subject id. `_` (base64url) and `%` (an escaped raw id)
 * only widen it, never narrow it: the reader keeps only subjects whose decoded id is this one.
 */
export function auditSubjectPattern(subjectId: string): string {
  return `% ${auditIdToken(subjectId)} %`;
}
