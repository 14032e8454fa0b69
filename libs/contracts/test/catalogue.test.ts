import { describe, expect, it } from 'vitest';
import {
  CareCategoryAdded,
  ResidentRegistered,
  eventCatalogue,
  eventForSubject,
  asyncApiDocument,
  PiiRead,
} from '../src/index.js';

describe('event catalogue', () => {
  it('names every subject shequ.<service>.<aggregate>.<event>, once', () => {
    const subjects = eventCatalogue.map((e) => e.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    for (const e of eventCatalogue)
      expect(e.subject).toMatch(/^shequ\.(residents|cases|partybuilding|events)\.[a-z_]+\.[a-z_]+$/);
    expect(ResidentRegistered.subject).toBe('shequ.residents.resident.registered');
    expect(PiiRead.cases.subject).toBe('shequ.cases.audit.pii_read');
    expect(eventForSubject('shequ.residents.care_category.added')).toBe(CareCategoryAdded);
  });

  it('checks payloads against their schema and says what is wrong', () => {
    const good = {
      residentId: 'r1',
      householdId: 'h1',
      buildingId: 'b1',
      gridId: 'g1',
      gender: 'FEMALE',
      birthDate: '1950-03-08',
      residenceType: 'REGISTERED',
      residencePermitExpiresOn: null,
    };
    expect(ResidentRegistered.check(good)).toBeNull();
    expect(ResidentRegistered.check({ ...good, gender: 'F' })).toMatch(/gender/);
    expect(ResidentRegistered.check({ ...good, birthDate: '1950-13-45' })).toMatch(/birthDate/);
    expect(ResidentRegistered.check({ ...good, residentId: undefined })).toMatch(/residentId/);
  });

  it('describes every event in Chinese in the AsyncAPI document', () => {
    const doc = asyncApiDocument(eventCatalogue) as { channels: Record<string, { description: string }> };
    expect(Object.keys(doc.channels)).toHaveLength(eventCatalogue.length);
    for (const channel of Object.values(doc.channels)) expect(channel.description).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the record of every event by required string fields of its payload', () => {
    for (const e of eventCatalogue) {
      const properties = e.data.properties as Record<string, { type?: string; anyOf?: { type?: string }[] }>;
      for (const field of e.aggregateIdFields) {
        expect(e.data.required, `${e.subject} ${field}`).toContain(field);
        const schema = properties[field];
        const isString = schema.type === 'string' || (schema.anyOf ?? []).every((option) => option.type === 'string');
        expect(isString, `${e.subject} ${field}`).toBe(true);
      }
    }
    expect(CareCategoryAdded.aggregateIdOf({ residentId: 'r1', category: 'DISABILITY' })).toBe('r1:DISABILITY');
    expect(ResidentRegistered.aggregateIdOf({ residentId: 'r1' })).toBe('r1');
    expect(() => ResidentRegistered.aggregateIdOf({})).toThrow(/residentId/);
  });

  it('forbids envelope fields the services would reject, in the AsyncAPI document too', () => {
    const doc = asyncApiDocument(eventCatalogue) as {
      components: { messages: Record<string, { payload: Record<string, unknown> }> };
    };
    for (const message of Object.values(doc.components.messages)) {
      const payload = message.payload;
      expect(payload.additionalProperties).toBe(false);
      expect(payload.required).toEqual(expect.arrayContaining(['aggregateId', 'aggregateVersion']));
    }
  });
});
