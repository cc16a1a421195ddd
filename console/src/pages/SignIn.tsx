/**
 * Sign-in: an API key, checked against `me` before it is kept (sessionStorage, this tab only); and,
 * when the server has OIDC set up for the console, "Sign in with SSO" (see lib/oidc.ts).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { SsoError, beginSignIn, loadConsoleConfig, type OidcSettings } from '../lib/oidc.js';
import { useRoute } from '../lib/router.js';

export function SignIn({ notice, onSignIn }: { notice: string | null; onSignIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<OidcSettings | null>(null);
  const [ssoError, setSsoError] = useState<string | null>(null);
  const [ssoBusy, setSsoBusy] = useState(false);
  const { path } = useRoute();
  useEffect(() => {
    let live = true;
    loadConsoleConfig().then(
      (config) => {
        if (live) setSso(config.oidc);
      },
      // Without the settings the key sign-in still works; SSO is simply not offered.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const startSso = async () => {
    if (!sso) return;
    setSsoBusy(true);
    setSsoError(null);
    try {
      await beginSignIn(sso, path);
    } catch (thrown) {
      setSsoError(thrown instanceof SsoError ? thrown.message : `Signing in failed: ${String(thrown)}`);
      setSsoBusy(false);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError('Enter an API key.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${trimmed}` },
        body: JSON.stringify({ query: 'query SignIn { me { id } }' }),
      });
      const body = (await response.json()) as {
        data?: { me?: { id: string } };
        errors?: { message: string }[];
      };
      if (body.data?.me) onSignIn(trimmed);
      else setError(body.errors?.[0]?.message ?? `The server answered ${response.status}.`);
    } catch (thrown) {
      setError(`Cannot reach Capgate: ${(thrown as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <h1>Capgate console</h1>
      <p>
        Sign in with an API key. A new installation printed its admin key when <code>npm start</code> first
        ran. The key stays in this tab only (session storage) and is sent to this server alone.
      </p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {sso ? (
        <div className="sso">
          <button type="button" onClick={() => void startSso()} disabled={ssoBusy}>
            {ssoBusy ? 'Going to your identity provider…' : 'Sign in with SSO'}
          </button>
          {ssoError ? (
            <p className="error" role="alert">
              {ssoError}
            </p>
          ) : null}
          <p className="muted">Or sign in with an API key:</p>
        </div>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'api-key-error' : undefined}
          onChange={(event) => setKey(event.target.value)}
        />
        {error ? (
          <p className="error" role="alert" id="api-key-error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
