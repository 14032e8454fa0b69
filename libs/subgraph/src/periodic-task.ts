import type { Logger } from 'pino';

/**
 * Asked before each run: true when this replica may run the task now. The service passes `claimTaskPeriod`
 * (one replica per period, `scheduled_task_lease`); without one the task runs at every tick.
 */
export type TaskLease = (task: PeriodicTask) => Promise<boolean>;

/**
 * A scheduled scan (overdue cases, reviews falling due …): ticks every `intervalMs`, never overlapping itself, and
 * runs when the lease grants this tick's period — so across replicas of a service it runs once per period.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Immediate | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /**
   * Ticks ended so far, by outcome: `ran` (this replica had the period and the run finished), `skipped` (another
   * replica has it), `failed` (the run threw; logged). `/metrics` shows them (`shequ_scheduled_task_ticks_total`), so
   * an operator, or a benchmark that must not measure beside a scan's backlog, sees when a first run has ended.
   */
  readonly ticks = { ran: 0, skipped: 0, failed: 0 };

  constructor(
    readonly name: string,
    readonly intervalMs: number,
    private readonly run: () => Promise<unknown>,
  ) {}

  start(logger: Logger, lease: TaskLease = () => Promise.resolve(true)): void {
    this.stopped = false;
    const tick = () => {
      this.first = undefined;
      if (this.running || this.stopped) return;
      this.running = lease(this)
        .then(async (granted) => {
          if (this.stopped) return;
          if (!granted) {
            this.ticks.skipped += 1;
            logger.debug({ task: this.name }, 'scheduled task skipped: another replica has this period');
            return;
          }
          const result = await this.run();
          this.ticks.ran += 1;
          logger.debug({ task: this.name, result }, 'scheduled task ran');
        })
        .catch((error) => {
          this.ticks.failed += 1;
          logger.error({ task: this.name, err: error }, 'scheduled task failed');
        })
        .finally(() => {
          this.running = undefined;
        });
    };
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
    this.first = setImmediate(tick);
  }

  /**
   * No run starts after this (the first tick is scheduled for the turn after `start`: a stop before it cancels it;
   * the service closes its database right after), and the run under way, if any, is awaited.
   */
  /** Whether a tick is under way (asking the lease or running). */
  get busy(): boolean {
    return this.running !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.first) clearImmediate(this.first);
    this.first = undefined;
    await this.running;
  }
}
