import { describe, expect, it } from 'vitest';
import {
  SsoError,
  authorizationRequest,
  codeChallenge,
  completeSignIn,
  discover,
  jwtExpiry,
  takePending,
  PENDING_KEY,
  type PendingSignIn,
} from './oidc.js';

const settings = {
  issuer: 'https://id.example',
  clientId: 'capgate-console',
  scopes: 'openid profile',
  redirectPath: '/console/callback',
};
const discovery = {
  issuer: 'https://id.example',
  authorization_endpoint: 'https://id.example/auth',
  token_endpoint: 'https://id.example/token',
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});

describe('the authorization request', () => {
  it('asks for a code with PKCE S256, this client, the callback URI, the scopes and a fresh state', async () => {
    const first = await authorizationRequest(settings, discovery, 'http://127.0.0.1:4000', '/usage');
    const url = new URL(first.url);
    expect(url.origin + url.pathname).toBe('https://id.example/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'capgate-console',
      redirect_uri: 'http://127.0.0.1:4000/console/callback',
      scope: 'openid profile',
      code_challenge_method: 'S256',
      state: first.pending.state,
    });
    expect(url.searchParams.get('code_challenge')).toBe(await codeChallenge(first.pending.verifier));
    expect(first.pending.verifier.length).toBeGreaterThanOrEqual(43);
    expect(first.pending).toMatchObject({ returnTo: '/usage', tokenEndpoint: 'https://id.example/token' });
    const second = await authorizationRequest(settings, discovery, 'http://127.0.0.1:4000', '/usage');
    expect(second.pending.state).not.toBe(first.pending.state);
    expect(second.pending.verifier).not.toBe(first.pending.verifier);
  });
});

describe('discovery', () => {
  it('accepts a document for the configured issuer, and refuses one for another or without PKCE S256', async () => {
    const seen: string[] = [];
    const answer = (body: unknown) => async (url: string) => {
      seen.push(url);
      return json(body);
    };
    expect(
      await discover('https://id.example/', answer({ ...discovery, issuer: 'https://id.example/' })),
    ).toMatchObject({
      token_endpoint: 'https://id.example/token',
    });
    expect(seen[0]).toBe('https://id.example/.well-known/openid-configuration');
    await expect(
      discover('https://id.example', answer({ ...discovery, issuer: 'https://evil.example' })),
    ).rejects.toThrow(/names the issuer "https:\/\/evil.example"/);
    await expect(
      discover('https://id.example', answer({ ...discovery, code_challenge_methods_supported: ['plain'] })),
    ).rejects.toThrow(/PKCE with S256/);
    await expect(discover('https://id.example', async () => json({}, 404))).rejects.toThrow(/answered 404/);
  });
});

describe('the callback', () => {
  const pending: PendingSignIn = {
    state: 'st',
    verifier: 'ver',
    issuer: 'https://id.example',
    clientId: 'capgate-console',
    tokenEndpoint: 'https://id.example/token',
    redirectUri: 'http://127.0.0.1:4000/console/callback',
    returnTo: '/',
  };

  it('trades the code and verifier for a bearer token with its expiry', async () => {
    let sent: { url: string; body: string } | undefined;
    const token = await completeSignIn(
      new URLSearchParams({ code: 'c0de', state: 'st', iss: 'https://id.example' }),
      pending,
      async (url, init) => {
        sent = { url, body: String(init?.body) };
        return json({ access_token: 'at', token_type: 'Bearer', expires_in: 600 });
      },
      () => 1_000,
    );
    expect(token).toEqual({ accessToken: 'at', expiresAt: 601_000 });
    expect(sent?.url).toBe('https://id.example/token');
    expect(Object.fromEntries(new URLSearchParams(sent!.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: 'http://127.0.0.1:4000/console/callback',
      client_id: 'capgate-console',
      code_verifier: 'ver',
    });
  });

  it('refuses a wrong state, another issuer, an error answer, a missing pending request and no token', async () => {
    const never = async () => {
      throw new Error('no request expected');
    };
    await expect(
      completeSignIn(new URLSearchParams({ code: 'c', state: 'other' }), pending, never),
    ).rejects.toThrow(/state/);
    await expect(
      completeSignIn(
        new URLSearchParams({ code: 'c', state: 'st', iss: 'https://evil.example' }),
        pending,
        never,
      ),
    ).rejects.toThrow(/another issuer/);
    await expect(
      completeSignIn(
        new URLSearchParams({ error: 'access_denied', error_description: 'no' }),
        pending,
        never,
      ),
    ).rejects.toThrow(/refused the sign-in: no/);
    await expect(
      completeSignIn(new URLSearchParams({ code: 'c', state: 'st' }), null, never),
    ).rejects.toThrow(SsoError);
    await expect(
      completeSignIn(new URLSearchParams({ code: 'c', state: 'st' }), pending, async () =>
        json({ error: 'invalid_grant', error_description: 'grant request is invalid' }, 400),
      ),
    ).rejects.toThrow(/did not issue a token: grant request is invalid/);
  });

  it('takes the pending request once', () => {
    const store = new Map<string, string>([[PENDING_KEY, JSON.stringify(pending)]]);
    const storage = {
      getItem: (key: string) => store.get(key) ?? null,
      removeItem: (key: string) => void store.delete(key),
    };
    expect(takePending(storage)).toEqual(pending);
    expect(takePending(storage)).toBeNull();
  });

  it('reads the expiry of a JWT when the token answer has none', () => {
    const payload = btoa(JSON.stringify({ exp: 2_000 })).replace(/=+$/, '');
    expect(jwtExpiry(`x.${payload}.y`)).toBe(2_000_000);
    expect(jwtExpiry('opaque')).toBeUndefined();
  });
});
