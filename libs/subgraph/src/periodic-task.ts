import type { Logger } from 'pino';

/** A scheduled scan (overdue cases, reviews falling due …): runs every `intervalMs`, never overlapping itself. */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    readonly name: string,
    readonly intervalMs: number,
    private readonly run: () => Promise<unknown>,
  ) {}

  start(logger: Logger): void {
    const tick = () => {
      if (this.running) return;
      this.running = this.run()
        .then((result) => logger.debug({ task: this.name, result }, 'scheduled task ran'))
        .catch((error) => logger.error({ task: this.name, err: error }, 'scheduled task failed'))
        .finally(() => {
          this.running = undefined;
        });
    };
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
    setImmediate(tick);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
