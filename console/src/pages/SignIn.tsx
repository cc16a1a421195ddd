/** Sign-in: an API key, checked against `me` before it is kept (sessionStorage, this tab only). */
import { useState, type FormEvent } from 'react';

export function SignIn({ notice, onSignIn }: { notice: string | null; onSignIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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
