import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HttpMetrics {
  registry: Registry;
  requests: Histogram<'route' | 'status'>;
  graphqlErrors: Counter<'code'>;
}

export function createHttpMetrics(service: string): HttpMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Histogram({
      name: 'shequ_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    graphqlErrors: new Counter({
      name: 'shequ_graphql_errors_total',
      help: 'GraphQL errors returned, by extensions.code',
      labelNames: ['code'],
      registers: [registry],
    }),
  };
}

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/**
 * A metric whose samples are read when `/metrics` is scraped (counters kept elsewhere, table sizes, ages):
 * `collect` returns the current samples.
 */
export function observeOnScrape(
  registry: Registry,
  metric: { name: string; help: string; labelNames: string[]; collect: () => Sample[] | Promise<Sample[]> },
): void {
  new Gauge({
    name: metric.name,
    help: metric.help,
    labelNames: metric.labelNames,
    registers: [registry],
    async collect() {
      const samples = await metric.collect();
      this.reset();
      for (const sample of samples) this.set(sample.labels, sample.value);
    },
  });
}
