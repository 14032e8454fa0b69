/** Latency and throughput of one operation: warm-up, sequential requests, then a fixed number in flight. */

export interface RunFigures {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface OperationFigures {
  name: string;
  sequential: RunFigures;
  concurrent: RunFigures;
}

export interface MeasureSettings {
  warmup: number;
  /** Sequential requests (stops earlier once `sequentialSeconds` have passed). */
  sequential: number;
  sequentialSeconds: number;
  inFlight: number;
  concurrentSeconds: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function figures(latencies: number[], seconds: number): RunFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

async function timed(request: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await request();
  return performance.now() - start;
}

export async function measure(
  name: string,
  request: () => Promise<void>,
  settings: MeasureSettings,
): Promise<OperationFigures> {
  for (let i = 0; i < settings.warmup; i++) await request();

  const sequential: number[] = [];
  let start = performance.now();
  const sequentialEnd = start + settings.sequentialSeconds * 1000;
  while (sequential.length < settings.sequential && performance.now() < sequentialEnd)
    sequential.push(await timed(request));
  const sequentialSeconds = (performance.now() - start) / 1000;

  const concurrent: number[] = [];
  start = performance.now();
  const concurrentEnd = start + settings.concurrentSeconds * 1000;
  const worker = async () => {
    while (performance.now() < concurrentEnd) concurrent.push(await timed(request));
  };
  await Promise.all(Array.from({ length: settings.inFlight }, worker));
  const concurrentSeconds = (performance.now() - start) / 1000;

  return {
    name,
    sequential: figures(sequential, sequentialSeconds),
    concurrent: figures(concurrent, concurrentSeconds),
  };
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const rate = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** A Markdown table (readable in a terminal too), one row per operation and run. */
export function table(results: OperationFigures[], inFlight: number): string {
  const lines = ['| operation | run | requests | req/s | p50 ms | p95 ms | p99 ms |', '|---|---|--:|--:|--:|--:|--:|'];
  for (const result of results) {
    for (const [run, f] of [
      ['sequential', result.sequential],
      [`${inFlight} in flight`, result.concurrent],
    ] as const) {
      lines.push(
        `| ${result.name} | ${run} | ${f.requests} | ${rate(f.perSecond)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} |`,
      );
    }
  }
  return lines.join('\n');
}
