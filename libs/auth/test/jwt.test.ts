import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import {
  DEV_JWT_SECRET,
  JwtVerifier,
  authenticate,
  generateApiKey,
  jwtSettingsFromEnv,
  parseApiKey,
  secretMatches,
  signHs256Token,
  type ApiKeyVerifier,
} from '../src/index.js';

const hs = jwtSettingsFromEnv({});
const claims = { sub: 'staff-1', name: '林丹', community: '350203008006', roles: ['community_admin' as const] };

describe('JWT', () => {
  it('verifies an HS256 token into a user principal', async () => {
    const principal = await new JwtVerifier(hs).verify(
      await signHs256Token({ ...claims, grids: ['350203008006-01'], department: 'OFFICE' }, hs),
    );
    expect(principal).toEqual({
      kind: 'user',
      id: 'staff-1',
      name: '林丹',
      communityId: '350203008006',
      department: 'OFFICE',
      roles: ['community_admin'],
      grids: ['350203008006-01'],
    });
  });

  it('refuses expired, wrongly signed and incomplete tokens', async () => {
    const verifier = new JwtVerifier(hs);
    await expect(verifier.verify(await signHs256Token(claims, hs, -10))).rejects.toThrow(/过期/);
    await expect(
      verifier.verify(await signHs256Token(claims, { ...hs, secret: 'another-secret-of-sufficient-length!!' })),
    ).rejects.toThrow(/签名/);
    await expect(verifier.verify(await signHs256Token({ ...claims, roles: [] }, hs))).rejects.toThrow(/roles/);
    await expect(verifier.verify('not.a.token')).rejects.toThrow(/未认证/);
  });

  it('refuses grid claims that are not grids of the token’s communities (another community’s, malformed)', async () => {
    const verifier = new JwtVerifier(hs);
    const worker = { ...claims, roles: ['grid_worker' as const] };
    for (const grids of [['350203008007-01'], ['350203008006-01', 'G1'], ['350203008006'], ['350203008006-01x']])
      await expect(verifier.verify(await signHs256Token({ ...worker, grids }, hs))).rejects.toThrow(
        /未认证：令牌的 grids 中「.+」不是本账号所在社区的网格编码/,
      );
    // its own community's grids, and those of a further community it is granted (`communities`)
    const granted = await verifier.verify(
      await signHs256Token(
        { ...worker, communities: ['350203008007'], grids: ['350203008006-01', '350203008007-102'] },
        hs,
      ),
    );
    expect(granted.grids).toEqual(['350203008006-01', '350203008007-102']);
  });

  it('refuses a community claim that is not a code of the roles’ level (a region would widen past it)', async () => {
    const verifier = new JwtVerifier(hs);
    const refused: Array<[string[], string]> = [
      [['street_admin'], ''],
      [['street_admin'], '3502030'],
      [['street_admin'], '350203'],
      [['street_admin'], '35020300%'],
      [['district_admin'], '3502'],
      [['district_admin'], '35'],
      [['analyst'], ''],
      [['analyst'], '35020300'],
      [['community_admin'], '350203008'],
      [['grid_worker'], '35020300800x'],
      [['street_admin', 'grid_worker'], '350203008'],
    ];
    for (const [roles, community] of refused)
      await expect(
        verifier.verify(await signHs256Token({ ...claims, roles: roles as never, community }, hs)),
        `${roles.join('+')} of «${community}»`,
      ).rejects.toThrow(/未认证：令牌的 community/);
    const accepted: Array<[string[], string]> = [
      [['street_admin'], '350203008'],
      [['district_admin'], '350203'],
      [['analyst'], '350203'],
      [['analyst'], '350203008'],
      [['analyst'], '350203008006'],
      [['street_admin'], '350203008006'],
      [['district_admin'], '350203008'],
      [['street_admin', 'analyst'], '350203008'],
      [['community_admin', 'analyst'], '350203008006'],
      [['civil_affairs'], '350203008006'],
    ];
    for (const [roles, community] of accepted)
      expect(
        (await verifier.verify(await signHs256Token({ ...claims, roles: roles as never, community }, hs))).communityId,
      ).toBe(community);
  });

  it('refuses tokens without exp, or living longer than the configured maximum', async () => {
    const verifier = new JwtVerifier(hs);
    const secret = new TextEncoder().encode(DEV_JWT_SECRET);
    const unsigned = () =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('shequ-graph')
        .setAudience('shequ-graph');
    await expect(verifier.verify(await unsigned().setIssuedAt().sign(secret))).rejects.toThrow(/exp/);
    await expect(verifier.verify(await signHs256Token(claims, hs, '30d'))).rejects.toThrow(/有效期超过上限/);
    // without iat, what counts is how long it still lives
    await expect(verifier.verify(await unsigned().setExpirationTime('8d').sign(secret))).rejects.toThrow(/上限/);
    expect((await verifier.verify(await signHs256Token(claims, hs, '7d'))).id).toBe('staff-1');
    const strict = new JwtVerifier(jwtSettingsFromEnv({ SHEQU_JWT_MAX_LIFETIME: '3600' }));
    await expect(strict.verify(await signHs256Token(claims, hs, '2h'))).rejects.toThrow(/上限（1 小时）/);
    expect((await strict.verify(await signHs256Token(claims, hs, '1h'))).id).toBe('staff-1');
    expect(() => jwtSettingsFromEnv({ SHEQU_JWT_MAX_LIFETIME: 'forever' })).toThrow(/SHEQU_JWT_MAX_LIFETIME/);
  });

  it('verifies RS256 tokens with a configured public key or JWKS, and refuses HS256 then', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('shequ-graph')
      .setAudience('shequ-graph')
      .setExpirationTime('5m')
      .sign(privateKey);
    const pem = new JwtVerifier(jwtSettingsFromEnv({ SHEQU_JWT_PUBLIC_KEY: await exportSPKI(publicKey) }));
    expect((await pem.verify(token)).id).toBe('staff-1');
    const jwks = new JwtVerifier(
      jwtSettingsFromEnv({
        SHEQU_JWT_JWKS: JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] }),
      }),
    );
    expect((await jwks.verify(token)).id).toBe('staff-1');
    await expect(pem.verify(await signHs256Token(claims, hs))).rejects.toThrow(/未认证/);
  });

  it('stops accepting a token once its key has left the JWKS (rotated out, revoked), however long the token lives', async () => {
    const [one, two] = [await generateKeyPair('RS256'), await generateKeyPair('RS256')];
    const jwk = async (key: CryptoKey, kid: string) => ({ ...(await exportJWK(key)), kid, alg: 'RS256' });
    let served = { keys: [await jwk(one.publicKey, 'k1')] };
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(served));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const sign = (key: CryptoKey, kid: string) =>
        new SignJWT({ ...claims })
          .setProtectedHeader({ alg: 'RS256', kid })
          .setIssuer('shequ-graph')
          .setAudience('shequ-graph')
          .setIssuedAt()
          .setExpirationTime('8h')
          .sign(key);
      const recheckSeconds = 0.2;
      const verifier = new JwtVerifier({
        ...jwtSettingsFromEnv({ SHEQU_JWT_JWKS: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks` }),
        recheckSeconds,
      });
      const old = await sign(one.privateKey, 'k1');
      expect((await verifier.verify(old)).id).toBe('staff-1');
      // the identity provider rotates k1 out: tokens it signed are refused after the re-check interval
      served = { keys: [await jwk(two.publicKey, 'k2')] };
      await new Promise((resolve) => setTimeout(resolve, recheckSeconds * 1000 + 100));
      await expect(verifier.verify(old)).rejects.toThrow(/未认证/);
      expect((await verifier.verify(await sign(two.privateKey, 'k2'))).id).toBe('staff-1');
    } finally {
      server.close();
    }
  });

  it('refuses the development secret in production', () => {
    expect(() => jwtSettingsFromEnv({ NODE_ENV: 'production' })).toThrow(/production/);
    expect(jwtSettingsFromEnv({}).secret).toBe(DEV_JWT_SECRET);
  });
});

describe('authenticate', () => {
  const jwt = new JwtVerifier(hs);
  const { key, keyId, secretHash } = generateApiKey();
  const apiKeys: ApiKeyVerifier = {
    async verify(value) {
      const parsed = parseApiKey(value);
      if (!parsed || parsed.keyId !== keyId || !secretMatches(parsed.secret, secretHash))
        throw new Error('unknown key');
      return {
        kind: 'machine',
        id: keyId,
        name: '区人口库',
        communityId: '350203008006',
        scopes: ['residents:import'],
      };
    },
  };

  it('reads only the Authorization header', async () => {
    expect((await authenticate(undefined, { jwt })).kind).toBe('anonymous');
    expect((await authenticate(`Bearer ${await signHs256Token(claims, hs)}`, { jwt })).kind).toBe('user');
    expect((await authenticate(`ApiKey ${key}`, { jwt, apiKeys })).kind).toBe('machine');
    expect((await authenticate(`Bearer ${key}`, { jwt, apiKeys })).kind).toBe('machine');
    await expect(authenticate(`ApiKey ${key}`, { jwt })).rejects.toThrow(/API 密钥/);
    await expect(authenticate('Basic dXNlcjpwYXNz', { jwt })).rejects.toThrow(/不支持/);
  });

  it('stores only a hash of an API key and recognises the key by it', () => {
    const parsed = parseApiKey(key)!;
    expect(parsed.keyId).toBe(keyId);
    expect(secretHash).not.toContain(parsed.secret);
    expect(secretMatches(parsed.secret, secretHash)).toBe(true);
    expect(secretMatches(`${parsed.secret}x`, secretHash)).toBe(false);
  });
});
