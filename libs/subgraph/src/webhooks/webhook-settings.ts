import { ENVIRONMENT, pickVariables, readEnvironment } from '@shequ/server';

/** How the dispatcher sends (see SHEQU_WEBHOOK_* in the configuration table). */
export interface WebhookSettings {
  pollMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
  /** Allow localhost and private addresses as targets (development, tests). */
  allowPrivateTargets: boolean;
}

export function webhookSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  const values = readEnvironment(
    pickVariables(ENVIRONMENT, [
      'SHEQU_WEBHOOK_POLL_MS',
      'SHEQU_WEBHOOK_MAX_ATTEMPTS',
      'SHEQU_WEBHOOK_RETRY_BASE_MS',
      'SHEQU_WEBHOOK_RETRY_MAX_MS',
      'SHEQU_WEBHOOK_TIMEOUT_MS',
      'SHEQU_WEBHOOK_PRIVATE_TARGETS',
    ]),
    env,
  );
  return {
    pollMs: values.SHEQU_WEBHOOK_POLL_MS,
    maxAttempts: values.SHEQU_WEBHOOK_MAX_ATTEMPTS,
    retryBaseMs: values.SHEQU_WEBHOOK_RETRY_BASE_MS,
    retryMaxMs: values.SHEQU_WEBHOOK_RETRY_MAX_MS,
    timeoutMs: values.SHEQU_WEBHOOK_TIMEOUT_MS,
    allowPrivateTargets: values.SHEQU_WEBHOOK_PRIVATE_TARGETS === '1',
  };
}

/** Exponential back-off: the base after the first failure, doubled after each further one, at most `retryMaxMs`. */
export function webhookRetryDelay(
  failedAttempts: number,
  settings: Pick<WebhookSettings, 'retryBaseMs' | 'retryMaxMs'>,
): number {
  return Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, failedAttempts - 1));
}
