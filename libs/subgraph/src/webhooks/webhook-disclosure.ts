import { AccessControl, PERSONAL_FIELDS, type AuditedField, type Permission, type PersonalField } from '@shequ/auth';
import { FIELD_SCOPES, SENSITIVE_CARE_CATEGORIES, type CareCategory, type EventEnvelope } from '@shequ/contracts';

/**
 * What of an event of a service's own must be withheld from a key: `true` the event as a whole (its mere existence
 * would tell what the key may not see: a proactive task whose rule exists only because of a care category, for a key
 * without `care:read`), or the payload fields given `null` (a 救助申请's reporter, for such a key); `false` nothing.
 * A service running the webhooks passes its own rules; the catalogue-wide ones are below.
 */
export type WebhookWithholding = (event: EventEnvelope, key: AccessControl) => boolean | readonly string[];

const isPersonalField = (name: string): name is PersonalField => Object.hasOwn(PERSONAL_FIELDS, name);

/**
 * Fields of an aggregate's events that exist only because of a person's hardship, given only to keys that see care
 * categories (`null` to the others), as the graph gives them: a fund disbursement's recipient, their flat, the reason
 * and the assistance case it answers (residents' `FundDisbursement.recipient`, `reason`, `case` follow the care
 * policy; the stream asks `care:read` for the aggregate, `AGGREGATE_SCOPES`).
 */
const CARE_DERIVED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  fund_disbursement: ['residentId', 'householdId', 'reason', 'caseId'],
};

/**
 * What a key receives of an event by webhook: the same field policy as the graph's for that key. A care category's
 * event (its aggregate is the person and the category) goes only to keys that see the category — a sensitive one
 * (重点人员) only with `sensitive:read`; a personal field in the payload (a resident's `birthDate` in
 * `resident.registered`) is given as the graph gives it to the key (raw with `pii:read`, else masked or left out:
 * `null`), and so is a field that needs a scope of its own (`FIELD_SCOPES`: a 居住证 date without
 * `floating:read`); a fund disbursement's recipient, flat, reason and case only to keys that see care categories
 * (`CARE_DERIVED_FIELDS`); what the service's own rule withholds (`WebhookWithholding`) likewise. Null: the event is
 * not sent to this key at all.
 */
export function webhookDataFor(
  event: EventEnvelope,
  scopes: readonly string[],
  withheld: WebhookWithholding = () => false,
): Record<string, unknown> | null {
  const key = new AccessControl({
    kind: 'machine',
    id: 'webhook',
    name: 'webhook',
    communityId: event.communityId,
    scopes: scopes as Permission[],
  });
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (typeof data.category === 'string' && event.type.startsWith('care_category.')) {
    const sensitive = SENSITIVE_CARE_CATEGORIES.includes(data.category as CareCategory);
    if (!key.seesCare(sensitive)) return null;
  }
  const own = withheld(event, key);
  if (own === true) return null;
  let shown: Record<string, unknown> | null = null;
  const careDerived = [
    ...(key.seesCare() ? [] : (CARE_DERIVED_FIELDS[event.type.split('.')[0] ?? ''] ?? [])),
    ...(own === false ? [] : own),
  ];
  for (const [name, value] of Object.entries(data)) {
    if (careDerived.includes(name) && value !== null) {
      (shown ??= { ...data })[name] = null;
      continue;
    }
    const scope = FIELD_SCOPES[name];
    if (scope && value !== null && !key.can(scope as Permission)) {
      (shown ??= { ...data })[name] = null;
      continue;
    }
    if (!isPersonalField(name) || typeof value !== 'string') continue;
    const given = key.present(name, value);
    if (given !== value) (shown ??= { ...data })[name] = given;
  }
  return shown ?? data;
}

/** A person's personal data a webhook payload gives a key unmasked: whose, and which fields (for the audit trail). */
export interface WebhookPersonalRead {
  residentId: string;
  fields: AuditedField[];
}

/**
 * What of a person a key receives unmasked in a webhook payload, as `data` is sent (`webhookDataFor`'s answer): a
 * personal field given raw (a resident's `birthDate` of `resident.registered` with `pii:read`), a care category's
 * event (the person's care category, or sensitive tag for 重点人员) and the recipient of a care-derived aggregate
 * (`CARE_DERIVED_FIELDS`: a fund disbursement tells its recipient's hardship) — each a read the graph would audit, so
 * the delivery is audited too. The person is the payload's `residentId`, else the event's aggregate.
 */
export function webhookPersonalReads(
  event: EventEnvelope,
  shown: Record<string, unknown>,
  scopes: readonly string[],
  /**
   * The service's own rule (`WebhookWithholding`): what it withholds from a key without care categories but gives
   * this one (a 低保 review task, a 救助申请's reporter) is care-derived, a read of the persons it names.
   */
  withheld?: WebhookWithholding,
): WebhookPersonalRead[] {
  const keyWith = (granted: readonly string[]) =>
    new AccessControl({
      kind: 'machine',
      id: 'webhook',
      name: 'webhook',
      communityId: event.communityId,
      scopes: granted as Permission[],
    });
  const key = keyWith(scopes);
  const careDerived: WebhookPersonalRead[] = [];
  if (withheld && key.seesCare()) {
    const own = withheld(event, key);
    const withoutCare = withheld(event, keyWith(scopes.filter((s) => s !== 'care:read' && s !== 'sensitive:read')));
    if (withoutCare !== false && JSON.stringify(withoutCare) !== JSON.stringify(own)) {
      const named = [
        shown.residentId,
        shown.reporterId,
        ...(Array.isArray(shown.residentIds) ? (shown.residentIds as unknown[]) : []),
      ];
      for (const id of new Set(named.filter((v): v is string => typeof v === 'string')))
        careDerived.push({ residentId: id, fields: ['careCategories'] });
    }
  }
  const residentId = typeof shown.residentId === 'string' ? shown.residentId : null;
  const fields = new Set<AuditedField>();
  for (const [name, value] of Object.entries(shown))
    if (isPersonalField(name) && typeof value === 'string' && key.fieldAccess(name) === 'RAW') fields.add(name);
  if (residentId && typeof shown.category === 'string' && event.type.startsWith('care_category.'))
    fields.add(SENSITIVE_CARE_CATEGORIES.includes(shown.category as CareCategory) ? 'sensitiveTags' : 'careCategories');
  if (residentId && Object.hasOwn(CARE_DERIVED_FIELDS, event.type.split('.')[0] ?? '')) fields.add('careCategories');
  const subject = residentId ?? event.aggregateId;
  const reads = new Map(careDerived.map((r) => [r.residentId, new Set(r.fields)]));
  if (fields.size > 0 && subject) reads.set(subject, new Set([...(reads.get(subject) ?? []), ...fields]));
  return [...reads].map(([id, of]) => ({ residentId: id, fields: [...of].sort() }));
}
