import { readFileSync } from 'node:fs';
import { Parser, type Diagnostic } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { asyncApiDocument, eventCatalogue } from '../src/index.js';

/** The only diagnostic allowed: the parser recommends AsyncAPI 3 (we stay on 2.6 for now). */
const VERSION_NOTICE = 'asyncapi-latest-version';

async function diagnose(document: unknown): Promise<Diagnostic[]> {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  const { diagnostics } = await new Parser().parse(text);
  return diagnostics.filter((d) => d.code !== VERSION_NOTICE);
}

const describeDiagnostics = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);

describe('AsyncAPI document (official @asyncapi/parser)', () => {
  it('the committed asyncapi.json is what the generator writes', () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('../asyncapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(asyncApiDocument(eventCatalogue))));
  });

  it('parses with no errors and no warnings other than the version notice', async () => {
    const committed = readFileSync(new URL('../asyncapi.json', import.meta.url), 'utf8');
    expect(describeDiagnostics(await diagnose(committed))).toEqual([]);
  });

  it('gives every message a unique messageId', () => {
    const doc = asyncApiDocument(eventCatalogue) as {
      channels: Record<string, { subscribe: { message: { messageId: string } } }>;
    };
    const ids = Object.values(doc.channels).map((c) => c.subscribe.message.messageId);
    expect(new Set(ids).size).toBe(eventCatalogue.length);
  });

  it('reports an invalid document (the check can fail)', async () => {
    const doc = asyncApiDocument(eventCatalogue) as { info: Record<string, unknown>; channels: object };
    const withoutTitle = { ...doc, info: { ...doc.info, title: undefined } };
    const errors = (await diagnose(withoutTitle)).filter(
      (d) => (d.severity as number) === 0 /* DiagnosticSeverity.Error */,
    );
    expect(errors.length).toBeGreaterThan(0);

    const channels = doc.channels as Record<string, { subscribe: { message: Record<string, unknown> } }>;
    const [subject, channel] = Object.entries(channels)[0];
    const { subscribe } = channel;
    const { messageId: _messageId, ...messageWithoutId } = subscribe.message;
    const withoutMessageId = {
      ...doc,
      channels: {
        ...doc.channels,
        [subject]: { ...channel, subscribe: { ...subscribe, message: messageWithoutId } },
      },
    };
    expect((await diagnose(withoutMessageId)).map((d) => d.code)).toContain('asyncapi2-message-messageId');
  });
});
