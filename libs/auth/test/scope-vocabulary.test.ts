import { describe, expect, it } from 'vitest';
import { AGGREGATE_SCOPES, DEFAULT_PLATFORM_SCOPES, STREAM_SCOPES } from '@shequ/contracts';
import { isPermission, MACHINE_SCOPES, READ_SCOPES } from '../src/index.js';

// One vocabulary for the platforms' machine credentials: a scope the platform's NATS user may be granted
// (SHEQU_NATS_PLATFORM_SCOPES) can be given to an API key too, and the other way round for every read scope. Before,
// the NATS user could be granted floating:read, fund:read and organizations:read, which no key could carry (so no
// webhook of floating.*, fund_* or staff.* could ever be registered).
describe('the scope vocabulary of API keys and the NATS platform user', () => {
  it('gives keys every scope the stream knows', () => {
    for (const scope of STREAM_SCOPES) expect(MACHINE_SCOPES, scope).toContain(scope);
    for (const scope of DEFAULT_PLATFORM_SCOPES) expect(MACHINE_SCOPES, scope).toContain(scope);
  });

  it('gives the stream every read scope of keys (a key scope reading records is one an aggregate needs)', () => {
    const readingRecords = MACHINE_SCOPES.filter((s) => s.endsWith(':read'));
    expect([...readingRecords].sort()).toEqual([...STREAM_SCOPES].sort());
    expect(READ_SCOPES).toEqual(STREAM_SCOPES);
  });

  it('names only permissions, each once', () => {
    for (const { read, personal } of Object.values(AGGREGATE_SCOPES))
      for (const scope of [read, ...personal]) expect(isPermission(scope), scope).toBe(true);
    expect(new Set(MACHINE_SCOPES).size).toBe(MACHINE_SCOPES.length);
  });
});
