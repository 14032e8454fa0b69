import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@shequ/database';

/** Bound parameters per statement: below SQLite's 32,766 (PostgreSQL allows 65,535). */
const MAX_PARAMETERS = 30_000;

/** Counts rows written and reports a rate (rows/s) at most twice a second. */
export class GenerationProgress {
  readonly startedAt = Date.now();
  rows = 0;
  private lastReport = 0;

  constructor(
    private readonly label: string,
    private readonly report: (line: string) => void = (line) => process.stderr.write(`\r${line}`),
  ) {}

  add(rows: number, note = ''): void {
    this.rows += rows;
    const now = Date.now();
    if (now - this.lastReport < 500) return;
    this.lastReport = now;
    this.report(this.line(note));
  }

  line(note = ''): string {
    const seconds = Math.max(0.001, (Date.now() - this.startedAt) / 1000);
    const rate = Math.round(this.rows / seconds);
    return `[${this.label}] ${this.rows.toLocaleString('en')} 行，${rate.toLocaleString('en')} 行/秒${note ? `，${note}` : ''}`;
  }
}

/**
 * Multi-row inserts through the entities' metadata (table and column names as the migrations have them), in chunks
 * that stay under the database's parameter limit. Bypasses the unit of work: rollups are rebuilt afterwards.
 */
export class BulkInsert {
  constructor(
    readonly em: EntityManager,
    private readonly progress: GenerationProgress,
    private readonly note: () => string = () => '',
  ) {}

  async insert<T extends object>(
    entity: EntityName<T>,
    rows: readonly Partial<T>[] | readonly object[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const columns = Math.max(1, Object.keys(rows[0]).length);
    const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await this.em.insertMany(entity, part as T[]);
      this.progress.add(part.length, this.note());
    }
  }
}
