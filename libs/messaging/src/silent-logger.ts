import { pino, type Logger } from 'pino';

/** Default logger for library code used without one (tests): discards everything. */
export const silentLogger: Logger = pino({ level: 'silent' });
export type { Logger };
