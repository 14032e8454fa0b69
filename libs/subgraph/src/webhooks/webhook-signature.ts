import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The headers of a delivery. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-shequ-signature';
export const WEBHOOK_EVENT_ID_HEADER = 'x-shequ-event-id';
export const WEBHOOK_EVENT_TYPE_HEADER = 'x-shequ-event-type';
export const WEBHOOK_DELIVERY_ID_HEADER = 'x-shequ-delivery-id';

/** A receiver should refuse signatures older than this (replay of a captured delivery). */
export const WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new subscription secret (`whsec_…`, 256 random bits), shown once at registration. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** HMAC-SHA256 (hex) of `<timestamp>.<body>` with the subscription's secret. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** `t=<unix seconds>,v1=<hex>`: the value of `X-Shequ-Signature` (as Stripe's `Stripe-Signature`). */
export function webhookSignatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${webhookSignature(secret, timestamp, body)}`;
}

/**
 * What a receiver does: parse `t` and every `v1`, recompute the HMAC over `t.body` with its secret, compare in
 * constant time, and refuse a timestamp further than `toleranceSeconds` from now. Returns the reason it fails, or
 * null when the delivery is authentic.
 */
export function webhookSignatureProblem(
  secret: string,
  header: string | undefined,
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): string | null {
  if (!header) return '缺少签名头 X-Shequ-Signature';
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  const signatures = parts.filter(([name]) => name === 'v1').map(([, value]) => value ?? '');
  if (!Number.isInteger(timestamp) || signatures.length === 0) return '签名头格式应为 t=<时间戳>,v1=<签名>';
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? WEBHOOK_SIGNATURE_TOLERANCE_SECONDS))
    return `签名时间戳 ${timestamp} 超出允许的时间差`;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body), 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? null : '签名不符：请求体被改动或密钥不对';
}
