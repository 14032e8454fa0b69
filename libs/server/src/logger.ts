import { pino, type Logger } from 'pino';

/** JSON logs, one logger per process, named after the service. `LOG_LEVEL` sets the level. */
export function createLogger(service: string): Logger {
  return pino({ name: service, level: process.env.LOG_LEVEL ?? 'info', base: { service } });
}
export type { Logger };
