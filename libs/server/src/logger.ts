import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { errorWithoutValues } from '@shequ/errors';

/**
 * Errors are logged without the values of the data they were about (`errorWithoutValues`): a database error's
 * statement with its parameters, an ORM validation error's entity, PostgreSQL's `detail` would otherwise put ID
 * numbers, phones and names into the logs.
 */
export const LOG_SERIALIZERS = {
  err: (error: unknown) =>
    errorWithoutValues(error instanceof Error ? stdSerializers.err(error) : error) as Record<string, unknown>,
};

/**
 * JSON logs, one logger per process, named after the service. `LOG_LEVEL` sets the level (or `options.level`);
 * `options.destination` takes the lines instead of standard output (tests).
 */
export function createLogger(
  service: string,
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  const settings = {
    name: service,
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service },
    serializers: LOG_SERIALIZERS,
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
export type { DestinationStream, Logger };
