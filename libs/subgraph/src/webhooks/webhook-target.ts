import { isIP } from 'node:net';

/** Longest callback URL accepted. */
export const MAX_WEBHOOK_URL_LENGTH = 500;

/** Loopback, private (RFC 1918, unique local), link-local (cloud metadata at 169.254.169.254) and unspecified. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').toLowerCase();
  const kind = isIP(ip);
  if (kind === 4) {
    const [a, b] = ip.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (kind === 6) {
    if (ip === '::' || ip === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    if (mapped) return isPrivateAddress(mapped[1]);
    return /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip);
  }
  return false;
}

/**
 * Why a callback URL is refused, or null (SSRF basics): only `http:`/`https:`, no user name or password in it, at
 * most 500 characters, and — unless the deployment allows private targets — no `localhost` or literal loopback,
 * private or link-local address (the dispatcher also checks what a host name resolves to before each attempt).
 */
export function webhookUrlProblem(value: string, options: { allowPrivate: boolean }): string | null {
  if (value.length > MAX_WEBHOOK_URL_LENGTH) return `回调地址不能超过 ${MAX_WEBHOOK_URL_LENGTH} 个字符`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `「${value}」不是合法的网址`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `回调地址只能是 http 或 https 网址，不能是 ${url.protocol}`;
  if (url.username || url.password) return '回调地址中不能含用户名或密码';
  if (
    !options.allowPrivate &&
    (url.hostname === 'localhost' || url.hostname.endsWith('.localhost') || isPrivateAddress(url.hostname))
  )
    return `回调地址不能指向本机或内网地址（${url.hostname}）`;
  return null;
}
