import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { JwtVerifier, MAX_TOKEN_SUBJECT_LENGTH, jwtSettingsFromEnv } from '../src/index.js';

/*
 * Claims of the wrong type or value were taken as they came, or dropped without a word: a `sub` that is a number or
 * an object became the user's id (written as such to events and audit rows), one of 5,000 characters too; a role the
 * gateway does not know was dropped and the token accepted with the others, the district platform's role (an API
 * key's) was taken from a person's token; a `communities` entry that is a district code was dropped; an `iat` an hour
 * ahead was taken as now. Each is refused UNAUTHENTICATED, naming the claim.
 */
const hs = jwtSettingsFromEnv({});
const base = { sub: 'staff-1', name: '林丹', community: '350203008006', roles: ['community_admin'] };
const sign = (claims: Record<string, unknown>, iat?: number) => {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(hs.issuer)
    .setAudience(hs.audience)
    .setExpirationTime('1h');
  return (iat === undefined ? jwt.setIssuedAt() : jwt.setIssuedAt(iat)).sign(new TextEncoder().encode(hs.secret));
};
const verify = async (claims: Record<string, unknown>, iat?: number) =>
  new JwtVerifier(hs).verify(await sign(claims, iat));

describe('JWT claims of the wrong type or value', () => {
  it('refuses a sub that is not a string, too long, or padded', async () => {
    await expect(verify({ ...base, sub: 12345 })).rejects.toThrow(/未认证：令牌的 sub 须为/);
    await expect(verify({ ...base, sub: { id: 'staff-1' } })).rejects.toThrow(/sub/);
    await expect(verify({ ...base, sub: 'x'.repeat(MAX_TOKEN_SUBJECT_LENGTH + 1) })).rejects.toThrow(/sub 须为/);
    await expect(verify({ ...base, sub: ' staff-1' })).rejects.toThrow(/sub 须为/);
    expect((await verify({ ...base, sub: 'x'.repeat(MAX_TOKEN_SUBJECT_LENGTH) })).id).toHaveLength(80);
  });

  it('refuses a role it does not know and the district platform’s role in a person’s token', async () => {
    await expect(verify({ ...base, roles: ['community_admin', 'superuser'] })).rejects.toThrow(
      /未认证：令牌的 roles 中「superuser」不是用户角色/,
    );
    await expect(verify({ ...base, roles: ['district_platform'] })).rejects.toThrow(
      /「district_platform」不是用户角色/,
    );
    await expect(verify({ ...base, roles: [['community_admin']] })).rejects.toThrow(/roles/);
    await expect(verify({ ...base, roles: 'community_admin' })).rejects.toThrow(/roles/);
    expect((await verify({ ...base, roles: ['community_admin', 'community_admin'] })).roles).toEqual([
      'community_admin',
    ]);
  });

  it('refuses communities that are not 12-digit community codes (a district code, a number, a string)', async () => {
    const granted = { ...base, roles: ['civil_affairs'] };
    await expect(verify({ ...granted, communities: ['350203'] })).rejects.toThrow(
      /未认证：令牌的 communities 须为社区代码（12 位数字）的数组，其中「350203」不是/,
    );
    await expect(verify({ ...granted, communities: [350203008007] })).rejects.toThrow(/communities/);
    await expect(verify({ ...granted, communities: '350203008007' })).rejects.toThrow(/communities/);
    expect((await verify({ ...granted, communities: ['350203008007'] })).communities).toEqual(['350203008007']);
  });

  it('refuses a token issued in the future beyond a minute of clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(verify(base, now + 3600)).rejects.toThrow(/未认证：令牌的签发时间（iat）在将来/);
    expect((await verify(base, now + 30)).id).toBe('staff-1');
  });
});
