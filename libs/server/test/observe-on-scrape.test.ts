import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { observeOnScrape } from '../src/metrics.js';

describe('observeOnScrape', () => {
  it('reads the current samples at every scrape', async () => {
    const registry = new Registry();
    const counts = new Map<string, number>();
    observeOnScrape(registry, {
      name: 'shequ_events_dead_lettered_total',
      help: 'dead letters',
      labelNames: ['consumer', 'type'],
      collect: () => [...counts].map(([type, value]) => ({ labels: { consumer: 'cases__residents', type }, value })),
    });
    expect(await registry.metrics()).not.toMatch(/resident\.deceased/);
    counts.set('resident.deceased', 2);
    expect(await registry.metrics()).toMatch(
      /shequ_events_dead_lettered_total\{consumer="cases__residents",type="resident\.deceased"\} 2/,
    );
  });
});
