import { readFileSync } from 'node:fs';
import { Parser, type Diagnostic } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { asyncApiDocument, eventCatalogue } from '../src/index.js';

async function diagnose(document: unknown): Promise<Diagnostic[]> {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  const { diagnostics } = await new Parser().parse(text);
  return diagnostics;
}

interface Document3 {
  asyncapi: string;
  info: Record<string, unknown>;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string }; messages: Array<{ $ref: string }> }>;
  components: {
    messages: Record<string, unknown>;
    securitySchemes: Record<string, { type: string; description: string }>;
  };
  servers: Record<string, { security: Array<{ $ref: string }> }>;
}

const describeDiagnostics = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);

// the parser takes seconds per document (longer on a busy machine): its two tests allow two minutes
describe('AsyncAPI document (official @asyncapi/parser)', () => {
  it('the committed asyncapi.json is what the generator writes', () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('../asyncapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(asyncApiDocument(eventCatalogue))));
  });

  it('is AsyncAPI 3 and parses with no errors and no warnings', async () => {
    const committed = readFileSync(new URL('../asyncapi.json', import.meta.url), 'utf8');
    expect((JSON.parse(committed) as Document3).asyncapi).toBe('3.1.0');
    expect(describeDiagnostics(await diagnose(committed))).toEqual([]);
  }, 120_000);

  it('gives every message a unique message id, one channel per subject and a receive operation for each', () => {
    const doc = asyncApiDocument(eventCatalogue) as unknown as Document3;
    expect(Object.keys(doc.components.messages)).toHaveLength(eventCatalogue.length);
    expect(new Set(Object.values(doc.channels).map((c) => c.address))).toEqual(
      new Set(eventCatalogue.map((e) => e.subject)),
    );
    for (const operation of Object.values(doc.operations)) {
      expect(operation.action).toBe('receive');
      expect(operation.messages).toHaveLength(1);
    }
    expect(Object.keys(doc.operations)).toHaveLength(eventCatalogue.length);
  });

  it('names the read-only platform user in the server’s security', () => {
    const doc = asyncApiDocument(eventCatalogue) as unknown as Document3;
    expect(doc.servers.local.security.map((s) => s.$ref)).toContain('#/components/securitySchemes/natsPlatformUser');
    expect(doc.components.securitySchemes.natsPlatformUser.type).toBe('asymmetricEncryption');
    expect(doc.components.securitySchemes.natsPlatformUser.description).toMatch(/NKey/);
  });

  it('reports an invalid document (the check can fail)', async () => {
    const doc = asyncApiDocument(eventCatalogue) as { info: Record<string, unknown>; channels: object };
    const withoutTitle = { ...doc, info: { ...doc.info, title: undefined } };
    const errors = (await diagnose(withoutTitle)).filter(
      (d) => (d.severity as number) === 0 /* DiagnosticSeverity.Error */,
    );
    expect(errors.length).toBeGreaterThan(0);

    // an operation whose message is not one of its channel's messages
    const full = asyncApiDocument(eventCatalogue) as unknown as Document3;
    const [first, second] = Object.keys(full.operations);
    const crossed = {
      ...full,
      operations: {
        ...full.operations,
        [first]: { ...full.operations[first], messages: full.operations[second].messages },
      },
    };
    const crossedErrors = (await diagnose(crossed)).filter((d) => (d.severity as number) === 0);
    expect(crossedErrors.length).toBeGreaterThan(0);
  }, 120_000);
});
