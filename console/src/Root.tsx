/**
 * The console's entry: who is signed in (an API key, or an SSO access token; sessionStorage only), the
 * sign-in page, and the SSO callback. The signed-in app (Apollo, the pages) is a separate chunk loaded
 * only after signing in, so the sign-in page stays small.
 */
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { Loading } from './components/Loading.js';
import { PENDING_KEY, SsoError, completeSignIn, takePending } from './lib/oidc.js';
import { RouterProvider, navigate, useRoute } from './lib/router.js';
import { storeCredential, storedCredential, type Credential } from './lib/session.js';
import { SignIn } from './pages/SignIn.js';

const App = lazy(() => import('./App.js').then((module) => ({ default: module.App })));

const EXPIRED = 'Your SSO sign-in has expired: sign in again.';
/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function Root() {
  return (
    <RouterProvider>
      <Session />
    </RouterProvider>
  );
}

function Session() {
  const [initial] = useState(() => storedCredential());
  const [credential, setCredential] = useState<Credential | null>(initial.credential);
  const [notice, setNotice] = useState<string | null>(initial.expired ? EXPIRED : null);
  const { path } = useRoute();

  const signOut = useCallback((message: string | null) => {
    storeCredential(null);
    setNotice(message);
    setCredential(null);
  }, []);
  const signIn = useCallback((next: Credential) => {
    storeCredential(next);
    setNotice(null);
    setCredential(next);
  }, []);

  // An SSO token is dropped when it expires: back to the sign-in page, saying why.
  useEffect(() => {
    if (credential?.kind !== 'sso') return undefined;
    const timer = setTimeout(
      () => signOut(EXPIRED),
      Math.min(Math.max(credential.expiresAt - Date.now(), 0), MAX_TIMER_MS),
    );
    return () => clearTimeout(timer);
  }, [credential, signOut]);

  if (path === '/callback') return <SsoCallback onSignIn={signIn} onFailure={signOut} />;
  if (!credential) return <SignIn notice={notice} onSignIn={(token) => signIn({ kind: 'key', token })} />;
  return (
    <Suspense fallback={<Loading label="Opening the console…" />}>
      <App credential={credential} onSignOut={signOut} />
    </Suspense>
  );
}

/** `/console/callback`: the issuer sent the browser back with a code (or an error). */
function SsoCallback({
  onSignIn,
  onFailure,
}: {
  onSignIn: (credential: Credential) => void;
  onFailure: (message: string) => void;
}) {
  useEffect(() => {
    let cancelled = false;
    const search = new URLSearchParams(location.search);
    // Read once: a second effect run (or a reload of this URL) finds nothing pending and says so.
    const pending = sessionStorage.getItem(PENDING_KEY) ? takePending(sessionStorage) : null;
    completeSignIn(search, pending).then(
      (token) => {
        if (cancelled) return;
        onSignIn({ kind: 'sso', token: token.accessToken, expiresAt: token.expiresAt });
        const back =
          pending?.returnTo && pending.returnTo !== '/callback' ? pending.returnTo : '/capabilities';
        navigate(back, { replace: true });
      },
      (error: unknown) => {
        if (cancelled) return;
        onFailure(error instanceof SsoError ? error.message : `Signing in failed: ${String(error)}`);
        navigate('/', { replace: true });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [onSignIn, onFailure]);
  return <Loading label="Signing in…" />;
}
