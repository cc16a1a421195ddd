/**
 * "Sign in with SSO": the OAuth 2 authorization code flow with PKCE (RFC 7636, S256), run in the
 * browser against the issuer's discovery document. The console is a public client (no secret). What
 * the flow needs between leaving for the issuer and coming back (state, code verifier, where to return)
 * waits in sessionStorage, and is removed as soon as the callback reads it. The access token the issuer
 * returns is the console's bearer for the API (HTTP and graphql-ws), kept in sessionStorage only.
 */

/** `GET /console/config.json`, as src/console/console.routes.ts serves it. */
export interface ConsoleConfig {
  oidc: OidcSettings | null;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string;
  redirectPath: string;
}

export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  code_challenge_methods_supported?: string[];
}

/** What the callback needs, kept while the browser is at the issuer. */
export interface PendingSignIn {
  state: string;
  verifier: string;
  issuer: string;
  clientId: string;
  tokenEndpoint: string;
  redirectUri: string;
  returnTo: string;
}

export interface SsoToken {
  accessToken: string;
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export const PENDING_KEY = 'capgate.console.oidcPending';

export class SsoError extends Error {}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(byteLength = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** The S256 code challenge of a verifier. */
export async function codeChallenge(verifier: string): Promise<string> {
  if (!globalThis.crypto?.subtle)
    throw new SsoError(
      'Signing in with SSO needs a secure page (HTTPS, or 127.0.0.1/localhost): this browser offers no Web Crypto here.',
    );
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export async function loadConsoleConfig(fetcher: Fetch = fetch): Promise<ConsoleConfig> {
  const response = await fetcher('/console/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new SsoError(`The console's settings did not load (HTTP ${response.status}).`);
  return (await response.json()) as ConsoleConfig;
}

/** The issuer's discovery document, checked: it names this issuer and the endpoints the flow needs. */
export async function discover(issuer: string, fetcher: Fetch = fetch): Promise<Discovery> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetcher(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new SsoError(`The identity provider did not answer at ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new SsoError(`The identity provider answered ${response.status} at ${url}.`);
  const document = (await response.json()) as Partial<Discovery>;
  if (document.issuer !== issuer)
    throw new SsoError(
      `The discovery document names the issuer "${String(document.issuer)}", not "${issuer}".`,
    );
  if (typeof document.authorization_endpoint !== 'string' || typeof document.token_endpoint !== 'string')
    throw new SsoError('The discovery document has no authorization or token endpoint.');
  const methods = document.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256'))
    throw new SsoError('The identity provider does not support PKCE with S256.');
  return document as Discovery;
}

/** The authorization request URL, and what to keep for the callback. */
export async function authorizationRequest(
  settings: OidcSettings,
  discovery: Discovery,
  origin: string,
  returnTo: string,
): Promise<{ url: string; pending: PendingSignIn }> {
  const verifier = randomToken(48);
  const state = randomToken(24);
  const redirectUri = `${origin}${settings.redirectPath}`;
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', settings.scopes);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await codeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return {
    url: url.toString(),
    pending: {
      state,
      verifier,
      issuer: settings.issuer,
      clientId: settings.clientId,
      tokenEndpoint: discovery.token_endpoint,
      redirectUri,
      returnTo,
    },
  };
}

/** Starts signing in: to the issuer's authorization endpoint, with the pending state saved. */
export async function beginSignIn(settings: OidcSettings, returnTo: string): Promise<void> {
  const discovery = await discover(settings.issuer);
  const { url, pending } = await authorizationRequest(settings, discovery, location.origin, returnTo);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  location.assign(url);
}

/** Reads and forgets the pending sign-in (one use). */
export function takePending(storage: Pick<Storage, 'getItem' | 'removeItem'>): PendingSignIn | null {
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as PendingSignIn;
  } catch {
    return null;
  }
}

/**
 * The callback: checks what the issuer sent back against the pending sign-in, then trades the code
 * (with the PKCE verifier) for tokens at the token endpoint.
 */
export async function completeSignIn(
  search: URLSearchParams,
  pending: PendingSignIn | null,
  fetcher: Fetch = fetch,
  now: () => number = Date.now,
): Promise<SsoToken> {
  const error = search.get('error');
  if (error)
    throw new SsoError(
      `The identity provider refused the sign-in: ${search.get('error_description') ?? error}.`,
    );
  if (!pending)
    throw new SsoError('This sign-in was not started from this tab (or was already used): start again.');
  if (search.get('state') !== pending.state)
    throw new SsoError('The sign-in answer does not match the request made (state): start again.');
  const iss = search.get('iss');
  if (iss !== null && iss !== pending.issuer)
    throw new SsoError(`The sign-in answer comes from another issuer ("${iss}").`);
  const code = search.get('code');
  if (!code) throw new SsoError('The identity provider sent no authorization code.');
  let response: Response;
  try {
    response = await fetcher(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: pending.redirectUri,
        client_id: pending.clientId,
        code_verifier: pending.verifier,
      }).toString(),
    });
  } catch (thrown) {
    throw new SsoError(`The identity provider's token endpoint did not answer: ${(thrown as Error).message}`);
  }
  const body = (await response.json().catch(() => ({}))) as {
    access_token?: unknown;
    token_type?: unknown;
    expires_in?: unknown;
    error?: unknown;
    error_description?: unknown;
  };
  if (!response.ok || typeof body.access_token !== 'string')
    throw new SsoError(
      `The identity provider did not issue a token: ${String(body.error_description ?? body.error ?? `HTTP ${response.status}`)}.`,
    );
  if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer')
    throw new SsoError(`The identity provider issued a "${body.token_type}" token, not a bearer token.`);
  const expiresAt =
    typeof body.expires_in === 'number' && body.expires_in > 0
      ? now() + body.expires_in * 1000
      : (jwtExpiry(body.access_token) ?? now() + 3600_000);
  return { accessToken: body.access_token, expiresAt };
}

/** The `exp` of a JWT (epoch ms), without verifying it (the server does that); undefined otherwise. */
export function jwtExpiry(token: string): number | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
