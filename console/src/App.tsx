/**
 * The signed-in console (loaded by Root.tsx once a key or SSO token is held): the layout whose
 * navigation offers only what the roles allow, and the page of the current path. Each page is its own
 * chunk, loaded when first visited.
 */
import { ApolloProvider, useQuery } from '@apollo/client';
import { Suspense, createContext, lazy, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNote, Loading } from './components/ui.js';
import { MeDocument } from './generated/graphql.js';
import { createApolloClient } from './lib/apollo.js';
import { Link, match, navigate, useRoute } from './lib/router.js';
import { can, type Credential, type Viewer } from './lib/session.js';

const AuditPage = lazy(() => import('./pages/Audit.js').then((m) => ({ default: m.AuditPage })));
const CapabilitiesPage = lazy(() =>
  import('./pages/Capabilities.js').then((m) => ({ default: m.CapabilitiesPage })),
);
const CapabilityPage = lazy(() =>
  import('./pages/Capabilities.js').then((m) => ({ default: m.CapabilityPage })),
);
const CapabilityFormPage = lazy(() =>
  import('./pages/CapabilityForm.js').then((m) => ({ default: m.CapabilityFormPage })),
);
const KeysPage = lazy(() => import('./pages/Keys.js').then((m) => ({ default: m.KeysPage })));
const PlaygroundPage = lazy(() =>
  import('./pages/Playground.js').then((m) => ({ default: m.PlaygroundPage })),
);
const RegistryPage = lazy(() => import('./pages/Registry.js').then((m) => ({ default: m.RegistryPage })));
const RunsPage = lazy(() => import('./pages/Runs.js').then((m) => ({ default: m.RunsPage })));
const RunPage = lazy(() => import('./pages/Runs.js').then((m) => ({ default: m.RunPage })));
const UsagePage = lazy(() => import('./pages/Usage.js').then((m) => ({ default: m.UsagePage })));

const ViewerContext = createContext<Viewer | null>(null);
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside the signed-in layout');
  return viewer;
}

export function App({
  credential,
  onSignOut,
}: {
  credential: Credential;
  onSignOut: (message: string | null) => void;
}) {
  const refused =
    credential.kind === 'sso'
      ? 'Your SSO sign-in was refused (expired or no longer valid): sign in again.'
      : 'The key was refused (revoked or expired): sign in again.';
  const apollo = useMemo(
    () => createApolloClient(credential.token, () => onSignOut(refused)),
    // One client per credential.
    [credential.token],
  );
  useEffect(() => () => apollo.dispose(), [apollo]);
  return (
    <ApolloProvider client={apollo.client}>
      <SignedIn
        onSignOut={() => onSignOut(null)}
        onRefused={(message) => onSignOut(credential.kind === 'sso' ? refused : message)}
      />
    </ApolloProvider>
  );
}

function SignedIn({ onSignOut, onRefused }: { onSignOut: () => void; onRefused: (message: string) => void }) {
  const { data, loading, error } = useQuery(MeDocument, { fetchPolicy: 'network-only' });
  useEffect(() => {
    if (error?.graphQLErrors.some((item) => item.extensions?.code === 'UNAUTHENTICATED'))
      onRefused('That key was refused: check it and sign in again.');
  }, [error, onRefused]);
  if (loading && !data) return <Loading label="Signing in…" />;
  if (!data)
    return (
      <main className="content">
        <ErrorNote error={error} />
      </main>
    );
  const viewer: Viewer = { ...data.me, roles: data.me.roles };
  return (
    <ViewerContext.Provider value={viewer}>
      <Layout viewer={viewer} onSignOut={onSignOut} />
    </ViewerContext.Provider>
  );
}

interface NavItem {
  to: string;
  label: string;
  allowed: (viewer: Viewer) => boolean;
}

const NAV: NavItem[] = [
  { to: '/capabilities', label: 'Capabilities', allowed: () => true },
  { to: '/playground', label: 'Playground', allowed: can.invoke },
  { to: '/usage', label: 'Usage', allowed: () => true },
  { to: '/runs', label: 'Runs', allowed: () => true },
  { to: '/keys', label: 'Teams & keys', allowed: can.maintain },
  { to: '/registry', label: 'Providers & models', allowed: () => true },
  { to: '/audit', label: 'Audit log', allowed: can.maintain },
];

function Layout({ viewer, onSignOut }: { viewer: Viewer; onSignOut: () => void }) {
  const { path } = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const items = NAV.filter((item) => item.allowed(viewer));
  useEffect(() => {
    setMenuOpen(false);
    // Moving to a page moves focus to its title (screen readers announce the new page).
    const title = document.getElementById('page-title');
    (title ?? main.current)?.focus();
  }, [path]);
  useEffect(() => {
    if (path === '/' || path === '') navigate('/capabilities', { replace: true });
  }, [path]);
  return (
    <div className="layout">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/capabilities" className="brand">
          Capgate
        </Link>
        <button
          type="button"
          className="menu-toggle secondary"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav id="nav" aria-label="Main" className={menuOpen ? 'open' : ''}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={path.startsWith(item.to) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span title={`key ${viewer.id}`}>
            {viewer.name} · {viewer.team} · <span className="role">{viewer.roles.join(', ')}</span>
          </span>
          <button type="button" className="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Page path={path} viewer={viewer} />
        </Suspense>
      </main>
    </div>
  );
}

function Page({ path, viewer }: { path: string; viewer: Viewer }) {
  let params: Record<string, string> | null;
  if (path === '/capabilities') return <CapabilitiesPage />;
  if (path === '/capabilities/new') return can.maintain(viewer) ? <CapabilityFormPage /> : <NotAllowed />;
  if ((params = match('/capabilities/:name/edit', path))) return <CapabilityFormPage name={params.name!} />;
  if ((params = match('/capabilities/:name', path))) return <CapabilityPage name={params.name!} />;
  if (path === '/playground') return can.invoke(viewer) ? <PlaygroundPage /> : <NotAllowed />;
  if ((params = match('/playground/:name', path)))
    return can.invoke(viewer) ? <PlaygroundPage name={params.name!} /> : <NotAllowed />;
  if (path === '/usage') return <UsagePage />;
  if (path === '/runs') return <RunsPage />;
  if ((params = match('/runs/:id', path))) return <RunPage id={params.id!} />;
  if (path === '/keys') return can.maintain(viewer) ? <KeysPage /> : <NotAllowed />;
  if (path === '/registry') return <RegistryPage />;
  if (path === '/audit') return can.maintain(viewer) ? <AuditPage /> : <NotAllowed />;
  if (path === '/' || path === '') return null;
  return (
    <section>
      <h1 id="page-title" tabIndex={-1}>
        Not found
      </h1>
      <p>
        There is no page at <code>{path}</code>. <Link to="/capabilities">Back to the catalog</Link>.
      </p>
    </section>
  );
}

function NotAllowed() {
  return (
    <section>
      <h1 id="page-title" tabIndex={-1}>
        Not available to your role
      </h1>
      <p>
        Your key's roles do not include this page. Ask an admin of your organization for a key with more
        rights.
      </p>
    </section>
  );
}
