import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../errors/app-error.js';
import { OidcTokenVerifier, type FindTeam } from './oidc.js';

const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'capgate';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** The identity provider's JWKS endpoint: serves whatever keys are in `published`. */
async function startJwksServer(
  published: JWK[],
): Promise<{ url: string; fetches: () => number; server: Server }> {
  let fetches = 0;
  const server = createServer((_request, response) => {
    fetches++;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/jwks.json`, fetches: () => fetches, server };
}

function sign(
  key: SigningKey,
  claims: JWTPayload,
  options: { audience?: string; issuer?: string; expiresIn?: string | number } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject(typeof claims.sub === 'string' ? claims.sub : 'user-1')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(key.privateKey);
}

async function rejectionCode(promise: Promise<unknown>): Promise<ErrorCode | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: ErrorCode }).code;
  }
}

describe('OIDC token verifier', () => {
  const published: JWK[] = [];
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let first: SigningKey;
  let verifier: OidcTokenVerifier;
  const teamLookups: string[] = [];
  const findTeam: FindTeam = async (orgId, name) => {
    teamLookups.push(name);
    return name === 'data-science' ? { id: 'team_ds', name } : undefined;
  };

  beforeAll(async () => {
    first = await signingKey('key-1');
    published.push(first.jwk);
    jwks = await startJwksServer(published);
    verifier = new OidcTokenVerifier(
      {
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksUrl: jwks.url,
        teamClaim: 'capgate_team',
        rolesClaim: 'capgate_roles',
        jwksCooldownMs: 0,
        clockToleranceSeconds: 0,
      },
      findTeam,
    );
  });
  afterAll(() => {
    jwks?.server.close();
  });

  it('turns a valid token into a principal of its team with the known roles', async () => {
    const token = await sign(first, {
      sub: 'alice',
      email: 'alice@example.test',
      capgate_team: 'data-science',
      capgate_roles: ['member', 'MAINTAINER', 'superuser'],
    });
    const principal = await verifier.verify(token);
    expect(principal).toMatchObject({
      kind: 'jwt',
      id: 'alice',
      name: 'alice@example.test',
      orgId: 'org_default',
      teamId: 'team_ds',
      teamName: 'data-science',
      roles: ['MAINTAINER', 'MEMBER'],
    });
    expect(principal.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('gives VIEWER to a token with no known role, and reads roles from a string or a nested claim', async () => {
    const none = await verifier.verify(await sign(first, { capgate_team: 'data-science' }));
    expect(none.roles).toEqual(['VIEWER']);
    const spaced = await verifier.verify(
      await sign(first, { capgate_team: 'data-science', capgate_roles: 'viewer member' }),
    );
    expect(spaced.roles).toEqual(['MEMBER', 'VIEWER']);

    const nested = new OidcTokenVerifier(
      {
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksUrl: jwks.url,
        teamClaim: 'org.team',
        rolesClaim: 'realm_access.roles',
      },
      findTeam,
    );
    const principal = await nested.verify(
      await sign(first, { org: { team: 'data-science' }, realm_access: { roles: ['admin'] } }),
    );
    expect(principal.roles).toEqual(['ADMIN']);
  });

  it('rejects a token for another audience or from another issuer', async () => {
    const claims = { capgate_team: 'data-science' };
    expect(await rejectionCode(verifier.verify(await sign(first, claims, { audience: 'other-app' })))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      await rejectionCode(verifier.verify(await sign(first, claims, { issuer: 'https://evil.test/' }))),
    ).toBe('UNAUTHENTICATED');
  });

  it('rejects an expired token', async () => {
    const expired = await sign(
      first,
      { capgate_team: 'data-science' },
      { expiresIn: Math.floor(Date.now() / 1000) - 60 },
    );
    await expect(verifier.verify(expired)).rejects.toThrow(/expired/);
  });

  it('rejects a token whose team does not exist, or that names none', async () => {
    await expect(verifier.verify(await sign(first, { capgate_team: 'ghosts' }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(verifier.verify(await sign(first, {}))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects an HMAC-signed token and a tampered one', async () => {
    const hmac = await new SignJWT({ capgate_team: 'data-science' })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!'));
    expect(await rejectionCode(verifier.verify(hmac))).toBe('UNAUTHENTICATED');

    const [header, , signature] = (await sign(first, { capgate_team: 'data-science' })).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        sub: 'root',
        capgate_team: 'data-science',
        capgate_roles: ['ADMIN'],
        iss: ISSUER,
        aud: AUDIENCE,
        exp: 9_999_999_999,
      }),
    ).toString('base64url');
    expect(await rejectionCode(verifier.verify(`${header}.${forged}.${signature}`))).toBe('UNAUTHENTICATED');
  });

  it('rejects an unknown key id, then accepts it once the provider publishes it (rotation)', async () => {
    const second = await signingKey('key-2');
    const token = await sign(second, { sub: 'bob', capgate_team: 'data-science' });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    published.push(second.jwk);
    const fetchesBefore = jwks.fetches();
    const principal = await verifier.verify(token);
    expect(principal.id).toBe('bob');
    expect(jwks.fetches()).toBe(fetchesBefore + 1);
    // Tokens signed with the first key still verify, from the cached set.
    await verifier.verify(await sign(first, { capgate_team: 'data-science' }));
    expect(jwks.fetches()).toBe(fetchesBefore + 1);
  });

  it('caches team lookups', async () => {
    teamLookups.length = 0;
    for (let index = 0; index < 3; index++)
      await verifier.verify(await sign(first, { capgate_team: 'data-science' }));
    expect(teamLookups.length).toBeLessThanOrEqual(1);
  });
});
