import { createHash } from 'node:crypto';

const BASE_MS = Date.UTC(2024, 0, 1);

/**
 * A deterministic id in UUIDv7 layout for demo record `index` of `kind`: the same record has the same id in
 * every service and every run, and ids of one kind sort in index order.
 */
export function demoId(kind: string, index: number): string {
  const timestamp = (BASE_MS + index).toString(16).padStart(12, '0');
  const random = createHash('sha256').update(`${kind}:${index}`).digest('hex');
  const variant = ((parseInt(random[3], 16) & 0x3) | 0x8).toString(16);
  return `${timestamp.slice(0, 8)}-${timestamp.slice(8, 12)}-7${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-${random.slice(7, 19)}`;
}
