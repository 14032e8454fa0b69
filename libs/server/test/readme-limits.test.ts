import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MAX_BATCHED_OPERATIONS, MAX_EXPANDED_SELECTIONS, MAX_INPUT_LIST_ITEMS, QUERY_LIMITS } from '../src/index.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README "Query limits" states the values in force', () => {
  it.each(Object.keys(QUERY_LIMITS.frontEnd) as Array<keyof typeof QUERY_LIMITS.frontEnd>)('%s', (limit) => {
    const line = readme.split('\n').find((l) => l.startsWith(`| \`${limit}\``));
    expect(line, `README row for ${limit}`).toBeDefined();
    const cells = line!
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    expect([Number(cells[1]), Number(cells[2])]).toEqual([QUERY_LIMITS.frontEnd[limit], QUERY_LIMITS.analyst[limit]]);
  });

  it('maxBatchedOperations', () => {
    const line = readme.split('\n').find((l) => l.startsWith('| `maxBatchedOperations`'))!;
    expect(line.split('|')[2].trim()).toBe(String(MAX_BATCHED_OPERATIONS));
  });

  it('maxListItems', () => {
    const line = readme.split('\n').find((l) => l.startsWith('| `maxListItems`'))!;
    expect(
      line
        .split('|')
        .slice(-3, -1)
        .map((c) => Number(c.trim())),
    ).toEqual([MAX_INPUT_LIST_ITEMS, MAX_INPUT_LIST_ITEMS]);
  });

  it('maxExpandedSelections', () => {
    const line = readme.split('\n').find((l) => l.startsWith('| `maxExpandedSelections`'))!;
    expect(
      line
        .split('|')
        .slice(-3, -1)
        .map((c) => Number(c.trim())),
    ).toEqual([MAX_EXPANDED_SELECTIONS, MAX_EXPANDED_SELECTIONS]);
  });
});
