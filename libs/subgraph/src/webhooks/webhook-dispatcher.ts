import { lookup } from 'node:dns/promises';
import type { MikroORM } from '@mikro-orm/core';
import { newId } from '@shequ/database';
import type { Logger } from 'pino';
import { PeriodicTask } from '../periodic-task.js';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription } from './webhook-entities.js';
import { webhookRetryDelay, type WebhookSettings } from './webhook-settings.js';
import {
  WEBHOOK_DELIVERY_ID_HEADER,
  WEBHOOK_EVENT_ID_HEADER,
  WEBHOOK_EVENT_TYPE_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  webhookSignatureHeader,
} from './webhook-signature.js';
import { isPrivateAddress } from './webhook-target.js';
import { disableExpired, keyHasExpired } from './webhook-key-expiry.js';

/** Deliveries sent at once by one dispatcher run (each waits on the network, never on the CPU). */
const CONCURRENCY = 8;
/** Deliveries claimed per run. */
const BATCH = 32;

interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Where the host name points, checked before each attempt when private targets are not allowed (SSRF). */
async function privateTargetProblem(url: URL): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || isPrivateAddress(host)) return `目标地址 ${host} 是本机或内网地址`;
  const addresses = await lookup(host, { all: true });
  const inside = addresses.find((a) => isPrivateAddress(a.address));
  return inside ? `目标主机 ${host} 解析到内网地址 ${inside.address}` : null;
}

/** One POST: signed now, with a timeout, following no redirects; only the status is kept (never the answer). */
async function attempt(
  delivery: WebhookDelivery,
  subscription: WebhookSubscription,
  settings: WebhookSettings,
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = new URL(subscription.url);
    if (!settings.allowPrivateTargets) {
      const problem = await privateTargetProblem(url);
      if (problem) return { statusCode: null, error: problem, durationMs: elapsed() };
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'ShequGraph-Webhooks/1',
        [WEBHOOK_SIGNATURE_HEADER]: webhookSignatureHeader(subscription.secret, timestamp, delivery.body),
        [WEBHOOK_EVENT_ID_HEADER]: delivery.eventId,
        [WEBHOOK_EVENT_TYPE_HEADER]: delivery.eventType,
        [WEBHOOK_DELIVERY_ID_HEADER]: delivery.id,
      },
      body: delivery.body,
    });
    // the answer is not read into anything (no SSRF read-back); drop it so the socket is freed
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: elapsed() };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const message = timedOut
      ? `超时：${settings.timeoutMs} 毫秒内没有应答`
      : error instanceof Error
        ? `${error.message}${error.cause instanceof Error ? `：${error.cause.message}` : ''}`
        : String(error);
    return { statusCode: null, error: message.slice(0, 300), durationMs: elapsed() };
  }
}

/**
 * Sends the deliveries that are due: claims each (a `lockedUntil` lease, so replicas and a restart after a crash
 * never send one twice at the same time, and a claim left by a killed process expires), POSTs it, logs the attempt,
 * then marks it DELIVERED, schedules the next attempt with exponential back-off, or marks it DEAD after
 * `maxAttempts`. Network waits only: the event loop stays free. Returns the attempts made.
 */
export async function dispatchDueWebhooks(orm: MikroORM, settings: WebhookSettings, logger?: Logger): Promise<number> {
  const now = new Date();
  const em = orm.em.fork();
  const due = await em.find(
    WebhookDelivery,
    {
      status: 'PENDING',
      nextAttemptAt: { $lte: now },
      $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
    },
    { orderBy: { nextAttemptAt: 'asc', id: 'asc' }, limit: BATCH, fields: ['id'] },
  );
  const lease = new Date(now.getTime() + settings.timeoutMs + 60_000);
  const claimed: string[] = [];
  for (const { id } of due) {
    const won = await em.nativeUpdate(
      WebhookDelivery,
      { id, status: 'PENDING', $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
      { lockedUntil: lease },
    );
    if (won === 1) claimed.push(id);
  }
  let sent = 0;
  for (let i = 0; i < claimed.length; i += CONCURRENCY) {
    const results = await Promise.all(
      claimed.slice(i, i + CONCURRENCY).map((id) =>
        sendOne(orm, id, settings).catch((error: unknown) => {
          logger?.error({ err: error, deliveryId: id }, 'webhook delivery failed unexpectedly');
          return false;
        }),
      ),
    );
    sent += results.filter(Boolean).length;
  }
  return sent;
}

async function sendOne(orm: MikroORM, id: string, settings: WebhookSettings): Promise<boolean> {
  const em = orm.em.fork();
  const delivery = await em.findOneOrFail(WebhookDelivery, id, { populate: ['body'] });
  const subscription = await em.findOne(WebhookSubscription, delivery.subscriptionId, { populate: ['secret'] });
  const expired = subscription !== null && subscription.status === 'ACTIVE' && keyHasExpired(subscription, new Date());
  if (!subscription || subscription.status !== 'ACTIVE' || expired) {
    // disabled (or its key expired) since it was owed: nothing more is sent for it
    if (expired) disableExpired(subscription, new Date());
    delivery.status = 'DEAD';
    delivery.lastError = expired ? 'API 密钥已过期，订阅已停用' : '订阅已停用';
    delivery.nextAttemptAt = null;
    delivery.lockedUntil = null;
    await em.flush();
    return false;
  }
  const attemptedAt = new Date();
  const result = await attempt(delivery, subscription, settings);
  const succeeded = result.error === null;
  const number = (await em.count(WebhookDeliveryAttempt, { deliveryId: id })) + 1;
  em.persist(
    em.create(WebhookDeliveryAttempt, {
      id: newId(),
      deliveryId: id,
      number,
      attemptedAt,
      durationMs: result.durationMs,
      statusCode: result.statusCode,
      error: result.error,
      succeeded,
    }),
  );
  delivery.lockedUntil = null;
  delivery.lastError = result.error;
  if (succeeded) {
    delivery.status = 'DELIVERED';
    delivery.deliveredAt = new Date();
    delivery.nextAttemptAt = null;
  } else {
    delivery.attempts += 1;
    if (delivery.attempts >= settings.maxAttempts) {
      delivery.status = 'DEAD';
      delivery.nextAttemptAt = null;
    } else {
      delivery.nextAttemptAt = new Date(Date.now() + webhookRetryDelay(delivery.attempts, settings));
    }
  }
  await em.flush();
  return true;
}

/** The dispatcher as a scheduled task of the service (every `pollMs`, never overlapping itself). */
export function webhookDispatchTask(orm: MikroORM, settings: WebhookSettings, logger?: Logger): PeriodicTask {
  return new PeriodicTask('webhook-dispatch', settings.pollMs, () => dispatchDueWebhooks(orm, settings, logger));
}
