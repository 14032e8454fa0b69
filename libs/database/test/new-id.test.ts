import { describe, expect, it } from 'vitest';
import { newId } from '../src/new-id.js';

describe('newId', () => {
  it('makes UUIDv7 ids that carry the time and sort in the order they were made, none twice', () => {
    const before = Date.now();
    const ids = Array.from({ length: 50_000 }, newId);
    const after = Date.now();
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // many ids a millisecond: the counter keeps them in order
    expect(ids.every((id, i) => i === 0 || ids[i - 1] < id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const millis = (id: string) => parseInt(id.replace('-', '').slice(0, 12), 16);
    expect(millis(ids[0])).toBeGreaterThanOrEqual(before);
    expect(millis(ids[ids.length - 1])).toBeLessThanOrEqual(after + 1);
  });
});
