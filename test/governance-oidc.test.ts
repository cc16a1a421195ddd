/**
 * OIDC end to end: the instance is configured with a local identity provider (a JWKS served on
 * 127.0.0.1 by the test) and accepts its JWTs as bearer tokens next to API keys.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, errorCode, graphql, SET_BUDGET, uniqueName } from './governance-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ISSUER = 'https://login.example.test/';
const AUDIENCE = 'capgate-api';

describe('OIDC bearer tokens', () => {
  let idp: Server;
  let app: TestApp;
  let privateKey: CryptoKey;
  let team: { id: string; name: string };

  const token = (claims: JWTPayload, audience = AUDIENCE) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject('carol@example.test')
      .setExpirationTime('2m')
      .sign(privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' };
    idp = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const { port } = idp.address() as AddressInfo;
    app = await startTestApp({
      env: {
        CAPGATE_OIDC_ISSUER: ISSUER,
        CAPGATE_OIDC_AUDIENCE: AUDIENCE,
        CAPGATE_OIDC_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      },
    });
    team = await createTeam(app, uniqueName('sso'));
  });
  afterAll(async () => {
    await app?.stop();
    idp?.close();
  });

  it('accepts a valid token as a principal of its team with its roles', async () => {
    const jwt = await token({
      capgate_team: team.name,
      capgate_roles: ['MAINTAINER'],
      email: 'carol@example.test',
    });
    const response = await graphql<{ me: Record<string, unknown> }>(
      app.url,
      '{ me { id kind team teamId roles } }',
      { key: jwt },
    );
    expect(response.data?.me).toEqual({
      id: 'carol@example.test',
      kind: 'JWT',
      team: team.name,
      teamId: team.id,
      roles: ['MAINTAINER'],
    });
  });

  it('applies the same team rules to token principals', async () => {
    const jwt = await token({ capgate_team: team.name, capgate_roles: 'maintainer' });
    const own = await graphql(app.url, 'query ($t: String) { apiKeys(team: $t) { edges { node { id } } } }', {
      key: jwt,
      variables: { t: team.name },
    });
    expect(errorCode(own)).toBeUndefined();
    const admins = await graphql(app.url, 'query { apiKeys(team: "admins") { edges { node { id } } } }', {
      key: jwt,
    });
    expect(errorCode(admins)).toBe('FORBIDDEN');
    const budget = await graphql(app.url, SET_BUDGET, {
      key: jwt,
      variables: { scope: 'TEAM', target: team.name, limitUsd: 1, period: 'DAILY', mode: 'HARD' },
    });
    expect(errorCode(budget)).toBe('FORBIDDEN');
  });

  it('gives VIEWER to a token without roles', async () => {
    const jwt = await token({ capgate_team: team.name });
    const response = await graphql<{ me: { roles: string[] } }>(app.url, '{ me { roles } }', { key: jwt });
    expect(response.data?.me.roles).toEqual(['VIEWER']);
  });

  it('answers 401 UNAUTHENTICATED for a token for another audience or an unknown team', async () => {
    for (const jwt of [
      await token({ capgate_team: team.name }, 'another-api'),
      await token({ capgate_team: 'no-such-team' }),
    ]) {
      const response = await graphql(app.url, '{ me { id } }', { key: jwt });
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    }
  });
});
