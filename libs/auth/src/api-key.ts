import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API keys read `shq_<key id>_<secret>`: the id finds the record, only a hash of the secret is stored. */
const FORMAT = /^shq_([a-z0-9]{8,32})_([A-Za-z0-9_-]{32,128})$/;

export interface ParsedApiKey {
  keyId: string;
  secret: string;
}

export function parseApiKey(value: string): ParsedApiKey | null {
  const match = FORMAT.exec(value.trim());
  return match ? { keyId: match[1], secret: match[2] } : null;
}

export function looksLikeApiKey(value: string): boolean {
  return value.trim().startsWith('shq_');
}

/** SHA-256 of the secret (hex). The secret is 256 random bits, so a fast hash is enough. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKeySecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A new key: the full key is shown once; store only `keyId` and `secretHash`. */
export function generateApiKey(): { key: string; keyId: string; secretHash: string } {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `shq_${keyId}_${secret}`, keyId, secretHash: hashApiKeySecret(secret) };
}
