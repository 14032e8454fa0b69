import { describe, expect, it } from 'vitest';
import { ResidentIdentityCorrected, ResidentRegistered, ResidentUpdated, type EventEnvelope } from '@shequ/contracts';
import { scopeForWebhookEvent, scopesAllowWebhookEvent, webhookEvent } from '../src/webhooks/webhook-event-types.js';
import { webhookDataFor } from '../src/webhooks/webhook-disclosure.js';

// The graph shows a resident's 居住证 dates only with floating:read (Resident.residencePermitExpiresOn): a webhook
// gives them to a key as the graph would. Before, resident.registered / resident.updated carried the expiry to every
// key with residents:read.
const envelope = (type: string, data: Record<string, unknown>): EventEnvelope =>
  ({
    id: 'e-1',
    type,
    version: 1,
    source: 'residents',
    subject: `shequ.residents.${type}`,
    communityId: '350203008006',
    occurredAt: '2026-12-04T00:00:00.000Z',
    actor: null,
    correlationId: null,
    data,
  }) as unknown as EventEnvelope;

describe('a webhook gives a field that needs a scope of its own only with that scope', () => {
  const registered = envelope(ResidentRegistered.type, {
    residentId: 'r-1',
    birthDate: '1990-01-01',
    residenceType: 'FLOATING',
    residencePermitExpiresOn: '2027-03-01',
  });
  const updated = envelope(ResidentUpdated.type, {
    residentId: 'r-1',
    changedFields: ['residencePermitExpiresOn'],
    residenceType: 'FLOATING',
    residencePermitExpiresOn: '2027-03-01',
  });

  it('withholds the 居住证 expiry from a key without floating:read', () => {
    expect(webhookDataFor(registered, ['residents:read', 'pii:read'])).toMatchObject({
      birthDate: '1990-01-01',
      residencePermitExpiresOn: null,
    });
    expect(webhookDataFor(updated, ['residents:read'])).toMatchObject({ residencePermitExpiresOn: null });
  });

  it('gives it with floating:read', () => {
    expect(webhookDataFor(updated, ['residents:read', 'floating:read'])).toMatchObject({
      residencePermitExpiresOn: '2027-03-01',
    });
    expect(webhookDataFor(registered, ['residents:read', 'floating:read'])).toMatchObject({
      birthDate: null,
      residencePermitExpiresOn: '2027-03-01',
    });
  });
});

// A disbursement's recipient, family, reason and case reveal hardship: the graph shows them only to who sees care
// categories (residents' `FundDisbursement.recipient`, `reason`, `case`), and the stream asks care:read for the
// aggregate. Before, a webhook sent them to every key with fund:read.
describe('a webhook gives a fund disbursement’s recipient, reason and case only to keys that see care categories', () => {
  const proposed = envelope('fund_disbursement.proposed', {
    disbursementId: 'd-1',
    residentId: 'r-1',
    householdId: 'h-1',
    reason: 'ILLNESS',
    amountFen: 200000,
    proposedOn: '2026-12-01',
    caseId: 'c-1',
    programmeId: null,
  });
  const paid = envelope('fund_disbursement.paid', {
    disbursementId: 'd-1',
    residentId: 'r-1',
    reason: 'ILLNESS',
    amountFen: 200000,
    paidOn: '2026-12-05',
    caseId: 'c-1',
  });

  it('leaves them out for a key with fund:read alone', () => {
    expect(webhookDataFor(proposed, ['fund:read', 'cases:read', 'pii:read'])).toEqual({
      disbursementId: 'd-1',
      residentId: null,
      householdId: null,
      reason: null,
      amountFen: 200000,
      proposedOn: '2026-12-01',
      caseId: null,
      programmeId: null,
    });
    expect(webhookDataFor(paid, ['fund:read'])).toMatchObject({ residentId: null, reason: null, caseId: null });
  });

  it('gives them with care:read', () => {
    expect(webhookDataFor(proposed, ['fund:read', 'care:read'])).toMatchObject({
      residentId: 'r-1',
      householdId: 'h-1',
      reason: 'ILLNESS',
      caseId: 'c-1',
    });
  });
});

// 身份证号更正 carries the gender and birth date derived from the new number (never the number): a key reads them as
// it reads them on resident.registered — the birth date only with pii:read, the gender with residents:read.
describe('resident.identity_corrected through a webhook', () => {
  const corrected = envelope(ResidentIdentityCorrected.type, {
    residentId: 'r-1',
    gender: 'FEMALE',
    birthDate: '1961-05-02',
  });

  it('is delivered to keys that read residents, as the registration is', () => {
    expect(scopeForWebhookEvent(webhookEvent(ResidentIdentityCorrected.type)!)).toBe('residents:read');
    expect(scopesAllowWebhookEvent(['cases:read'], ResidentIdentityCorrected.type)).toBe(false);
  });

  it('withholds the birth date without pii:read and gives it with it', () => {
    expect(webhookDataFor(corrected, ['residents:read'])).toEqual({
      residentId: 'r-1',
      gender: 'FEMALE',
      birthDate: null,
    });
    expect(webhookDataFor(corrected, ['residents:read', 'pii:read'])).toEqual({
      residentId: 'r-1',
      gender: 'FEMALE',
      birthDate: '1961-05-02',
    });
  });
});
