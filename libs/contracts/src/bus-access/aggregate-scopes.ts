import { eventCatalogue } from '../catalogue.js';

/**
 * The API-key scopes (libs/auth's vocabulary, by name: contracts does not depend on auth) reading an aggregate's
 * events needs. `read` reads its records (what a webhook of its events needs); `personal` is what its payloads
 * carry unmasked besides (a person named by `residentId`, a birth date, a care category or a reason derived from
 * one): a webhook masks or withholds those per key, a stream cannot — the NATS server allows or denies a subject,
 * never a field — so the platform's NATS user reads an aggregate only with `read` and every `personal` scope.
 * Audit entries and the API-key registry are not here: no platform reads them.
 */
export interface AggregateScopes {
  readonly read: string;
  readonly personal: readonly string[];
}

const NOT_PERSONAL: readonly string[] = [];
/** A payload names a resident (or carries a birth date, a date of death, a move): raw personal data. */
const PERSON: readonly string[] = ['pii:read'];

export const AGGREGATE_SCOPES: Readonly<Record<string, AggregateScopes>> = {
  // residents: places and structure, no person
  street: { read: 'residents:read', personal: NOT_PERSONAL },
  community: { read: 'residents:read', personal: NOT_PERSONAL },
  grid: { read: 'residents:read', personal: NOT_PERSONAL },
  building: { read: 'residents:read', personal: NOT_PERSONAL },
  household: { read: 'residents:read', personal: NOT_PERSONAL },
  // workers and organisations: ids, departments, grids; no names
  staff: { read: 'organizations:read', personal: NOT_PERSONAL },
  organization: { read: 'organizations:read', personal: NOT_PERSONAL },
  // birth date, gender, permit expiry (floating:read, as in the graph: FIELD_SCOPES), moves, date of death
  resident: { read: 'residents:read', personal: ['pii:read', 'floating:read'] },
  // the category of a person; a sensitive one (重点人员) cannot be told from the subject
  care_category: { read: 'care:read', personal: ['pii:read', 'sensitive:read'] },
  floating: { read: 'floating:read', personal: PERSON },
  // donor kind and amount, no donor
  fund_donation: { read: 'fund:read', personal: NOT_PERSONAL },
  // recipient and reason reveal hardship: the graph shows them only to who sees care categories
  fund_disbursement: { read: 'fund:read', personal: ['pii:read', 'care:read'] },
  // reporter and residents concerned (case.opened), and its category: a 救助申请 names who applied for assistance,
  // which the graph and webhooks give only to who sees care categories (cases' `revealsCare`)
  case: { read: 'cases:read', personal: ['pii:read', 'care:read'] },
  // a resident, and a rule that may exist only because of a care category
  proactive_task: { read: 'cases:read', personal: ['pii:read', 'care:read'] },
  // a resident's party membership
  member: { read: 'party:read', personal: PERSON },
  meeting: { read: 'party:read', personal: NOT_PERSONAL },
  red_flag: { read: 'party:read', personal: NOT_PERSONAL },
  event: { read: 'events:read', personal: NOT_PERSONAL },
  registration: { read: 'events:read', personal: PERSON },
  volunteer_hours: { read: 'events:read', personal: PERSON },
};

/**
 * Payload fields the graph shows only with a scope of their own, beyond the read scope of their record and the
 * personal fields of libs/auth: a resident's 居住证 dates need `floating:read` (`Resident.residencePermitExpiresOn`).
 * A webhook gives such a field `null` to a key without the scope; the stream asks the scope of every aggregate
 * whose payloads carry one (checked by test against the catalogue).
 */
export const FIELD_SCOPES: Readonly<Record<string, string>> = {
  residencePermitIssuedOn: 'floating:read',
  residencePermitExpiresOn: 'floating:read',
};

/** Every scope the table names: what a deployment may grant the platform's NATS user. */
export const STREAM_SCOPES: readonly string[] = [
  ...new Set(Object.values(AGGREGATE_SCOPES).flatMap((s) => [s.read, ...s.personal])),
].sort();

/**
 * Scopes that give personal data (libs/auth's field scopes): pii:read, care:read, sensitive:read. floating:read, also
 * asked of `resident` (its 居住证 dates), reads records of its own (floating.*) and is not one of them.
 */
const PERSONAL_SCOPES = new Set(['pii:read', 'care:read', 'sensitive:read']);

/**
 * What the platform's NATS user is granted when the deployment says nothing: every `read` scope that is not itself a
 * personal one (care:read reads care categories) — it follows places, workers, organisations, donations, meetings,
 * red flags and events, never a person.
 */
export const DEFAULT_PLATFORM_SCOPES: readonly string[] = [
  ...new Set(Object.values(AGGREGATE_SCOPES).map((s) => s.read)),
]
  .filter((scope) => !PERSONAL_SCOPES.has(scope))
  .sort();

/** The scopes reading an aggregate's events needs; throws for an aggregate not in the table. */
export function scopesToRead(aggregate: string): readonly string[] {
  const scopes = AGGREGATE_SCOPES[aggregate];
  if (!scopes) throw new Error(`no scopes declared for aggregate ${aggregate}`);
  return [scopes.read, ...scopes.personal];
}

/** The catalogue's aggregates (`<source>.<aggregate>`, no audit or key registry) these scopes read. */
export function aggregatesReadableWith(granted: readonly string[]): { source: string; aggregate: string }[] {
  const seen = new Map<string, { source: string; aggregate: string }>();
  for (const { source, aggregate } of eventCatalogue) {
    if (aggregate === 'audit' || aggregate === 'api_key') continue;
    if (scopesToRead(aggregate).every((scope) => granted.includes(scope)))
      seen.set(`${source}.${aggregate}`, { source, aggregate });
  }
  return [...seen.values()];
}

/**
 * A deployment's grant (`SHEQU_NATS_PLATFORM_SCOPES`: scopes separated by commas; unset: the default). Throws,
 * in Chinese, naming an unknown scope.
 */
export function parsePlatformScopes(value: string | undefined): readonly string[] {
  if (value === undefined || value.trim() === '') return DEFAULT_PLATFORM_SCOPES;
  const scopes = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !STREAM_SCOPES.includes(s));
  if (unknown.length > 0)
    throw new Error(
      `SHEQU_NATS_PLATFORM_SCOPES 含未知的范围 ${unknown.join('、')}（可用：${STREAM_SCOPES.join('、')}）`,
    );
  return [...new Set(scopes)].sort();
}
