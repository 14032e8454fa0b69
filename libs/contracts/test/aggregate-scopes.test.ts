import { describe, expect, it } from 'vitest';
import {
  AGGREGATE_SCOPES,
  DEFAULT_PLATFORM_SCOPES,
  FIELD_SCOPES,
  STREAM_SCOPES,
  asyncApiDocument,
  eventCatalogue,
  natsServerConfig,
  generateNatsCredentials,
  parsePlatformScopes,
  platformNatsPermissions,
  platformSubjects,
  scopesToRead,
} from '../src/index.js';

/** Payload fields that name a person or carry personal or care data (the stream cannot mask them). */
const PERSON_FIELDS = ['residentId', 'residentIds', 'reporterId', 'birthDate'];

const readable = (scopes: readonly string[]) => platformSubjects(scopes);

describe('which scopes reading each aggregate on the stream needs (one table for NATS and AsyncAPI)', () => {
  it('covers every aggregate of the catalogue but audit entries and the key registry', () => {
    const aggregates = new Set(eventCatalogue.map((e) => e.aggregate));
    for (const aggregate of aggregates)
      expect(Object.hasOwn(AGGREGATE_SCOPES, aggregate), aggregate).toBe(!['audit', 'api_key'].includes(aggregate));
    for (const aggregate of Object.keys(AGGREGATE_SCOPES)) expect(aggregates.has(aggregate), aggregate).toBe(true);
  });

  it('asks pii:read of every aggregate a payload of which names a person, and care and sensitive of care categories', () => {
    for (const event of eventCatalogue) {
      if (!Object.hasOwn(AGGREGATE_SCOPES, event.aggregate)) continue;
      const fields = Object.keys(event.data.properties);
      if (fields.some((f) => PERSON_FIELDS.includes(f)))
        expect(scopesToRead(event.aggregate), event.subject).toContain('pii:read');
    }
    expect(scopesToRead('resident')).toEqual(['residents:read', 'pii:read', 'floating:read']);
    expect(scopesToRead('care_category')).toEqual(expect.arrayContaining(['care:read', 'sensitive:read']));
    expect(scopesToRead('proactive_task')).toEqual(expect.arrayContaining(['cases:read', 'pii:read', 'care:read']));
    expect(scopesToRead('fund_disbursement')).toEqual(expect.arrayContaining(['pii:read', 'care:read']));
    // case.opened names the reporter of a 救助申请: the stream cannot withhold it per category as webhooks do
    expect(scopesToRead('case')).toEqual(expect.arrayContaining(['cases:read', 'pii:read', 'care:read']));
  });

  it('asks the scope of a payload field that needs one of its own (FIELD_SCOPES: 居住证 dates, floating:read)', () => {
    for (const event of eventCatalogue) {
      if (!Object.hasOwn(AGGREGATE_SCOPES, event.aggregate)) continue;
      for (const field of Object.keys(event.data.properties))
        if (Object.hasOwn(FIELD_SCOPES, field))
          expect(scopesToRead(event.aggregate), `${event.subject} ${field}`).toContain(FIELD_SCOPES[field]);
    }
    expect(Object.keys(FIELD_SCOPES)).toContain('residencePermitExpiresOn');
  });

  it('by default grants no personal scope and reads no aggregate whose payloads name a person', () => {
    for (const scope of ['pii:read', 'care:read', 'sensitive:read'])
      expect(DEFAULT_PLATFORM_SCOPES).not.toContain(scope);
    // the default README's configuration table gives for SHEQU_NATS_PLATFORM_SCOPES (libs/server)
    expect(DEFAULT_PLATFORM_SCOPES.join(',')).toBe(
      'cases:read,events:read,floating:read,fund:read,organizations:read,party:read,residents:read',
    );
    const subjects = readable(DEFAULT_PLATFORM_SCOPES);
    expect(subjects).toEqual(platformSubjects());
    expect(subjects).toEqual([
      'shequ.events.event.>',
      'shequ.partybuilding.meeting.>',
      'shequ.partybuilding.red_flag.>',
      'shequ.residents.building.>',
      'shequ.residents.community.>',
      'shequ.residents.fund_donation.>',
      'shequ.residents.grid.>',
      'shequ.residents.household.>',
      'shequ.residents.organization.>',
      'shequ.residents.staff.>',
      'shequ.residents.street.>',
    ]);
    for (const event of eventCatalogue.filter((e) => subjects.includes(e.subject.replace(/[a-z_]+$/, '>'))))
      for (const field of Object.keys(event.data.properties))
        expect(PERSON_FIELDS, `${event.subject} ${field}`).not.toContain(field);
  });

  it('reads a subject only when every scope it needs is granted', () => {
    expect(readable(['residents:read'])).not.toContain('shequ.residents.resident.>');
    expect(readable(['pii:read'])).not.toContain('shequ.residents.resident.>');
    // a resident's payloads carry the 居住证 expiry, which the graph shows only with floating:read
    expect(readable(['residents:read', 'pii:read'])).not.toContain('shequ.residents.resident.>');
    expect(readable(['residents:read', 'pii:read', 'floating:read'])).toContain('shequ.residents.resident.>');
    expect(readable(['residents:read', 'pii:read', 'care:read'])).not.toContain('shequ.residents.care_category.>');
    expect(readable(['pii:read', 'care:read', 'sensitive:read'])).toContain('shequ.residents.care_category.>');
    expect(readable([])).toEqual([]);
    expect(readable(STREAM_SCOPES)).toHaveLength(Object.keys(AGGREGATE_SCOPES).length);
    for (const subject of readable(STREAM_SCOPES)) expect(subject).not.toMatch(/\.(audit|api_key)\./);
  });

  it('puts the granted subjects, and only them, in the platform user’s permissions and the server configuration', () => {
    const creates = (scopes: readonly string[]) =>
      platformNatsPermissions(scopes).publish.allow.filter((s) => s.startsWith('$JS.API.CONSUMER.CREATE.'));
    expect(creates(DEFAULT_PLATFORM_SCOPES).some((s) => s.endsWith('.shequ.residents.resident.>'))).toBe(false);
    expect(
      creates([...DEFAULT_PLATFORM_SCOPES, 'pii:read']).some((s) => s.endsWith('.shequ.residents.resident.>')),
    ).toBe(true);
    const credentials = generateNatsCredentials();
    expect(natsServerConfig(credentials)).not.toContain('shequ.residents.resident.>');
    expect(
      natsServerConfig(credentials, { platformScopes: ['residents:read', 'pii:read', 'floating:read'] }),
    ).toContain('shequ.residents.resident.>');
  });

  it('reads the deployment’s grant, refusing a scope it does not know, in Chinese', () => {
    expect(parsePlatformScopes(undefined)).toBe(DEFAULT_PLATFORM_SCOPES);
    expect(parsePlatformScopes('')).toBe(DEFAULT_PLATFORM_SCOPES);
    expect(parsePlatformScopes(' pii:read, residents:read,pii:read')).toEqual(['pii:read', 'residents:read']);
    expect(() => parsePlatformScopes('residents:read,pii:raed')).toThrow(/未知的范围 pii:raed/);
  });

  it('says in the AsyncAPI document which scopes each channel needs', () => {
    const doc = asyncApiDocument(eventCatalogue) as {
      channels: Record<string, { address: string; description: string }>;
    };
    const channel = (address: string) => Object.values(doc.channels).find((c) => c.address === address)!;
    expect(channel('shequ.residents.resident.registered').description).toMatch(/residents:read、pii:read/);
    expect(channel('shequ.cases.audit.pii_read').description).toMatch(/不可读取/);
  });
});
