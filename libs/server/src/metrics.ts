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

/**
 * `shequ_events_rejected_total{consumer, reason}`: events a consumer dropped because they did not come from the
 * service allowed to publish them (wrong subject, source or envelope). Read from the consumers on each scrape.
 */
export function registerRejectedEventsMetric(
  registry: Registry,
  read: () => Iterable<{ consumer: string; reason: string; count: number }>,
): void {
  new Counter({
    name: 'shequ_events_rejected_total',
    help: 'Events dropped because their subject or envelope did not belong to the service allowed to publish them',
    labelNames: ['consumer', 'reason'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { consumer, reason, count } of read()) this.inc({ consumer, reason }, count);
    },
  });
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
