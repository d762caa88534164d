import { useEffect, useState } from 'react';
import { currentSession, type Session, signIn, signOut } from './api';
import { Link, navigate, useRoute } from './router';
import { DataScreen } from './screens/data';
import { Login } from './screens/login';
import { MiningScreen } from './screens/mining';
import { ModelScreen, ModelsScreen } from './screens/models';
import { Overview } from './screens/overview';
import { PersonasScreen } from './screens/personas';
import { ProfileScreen, ProfilesScreen } from './screens/profiles';
import { CompareScreen, SegmentBuilder, SegmentScreen, SegmentsScreen } from './screens/segments';
import { ValueScreen } from './screens/value';

const NAV: { to: string; label: string }[] = [
  { to: '/', label: 'Overview' },
  { to: '/profiles', label: 'Profiles' },
  { to: '/segments', label: 'Segments' },
  { to: '/personas', label: 'Personas' },
  { to: '/value', label: 'Value' },
  { to: '/models', label: 'Models' },
  { to: '/mining', label: 'Mining' },
  { to: '/data', label: 'Data' },
];

// A link printed by `clientele serve` may carry the admin token in its fragment (never sent to the server
// by the browser): it is traded for a session cookie at once and removed from the address bar.
function tokenFromFragment(): string | null {
  const m = /[#&]token=([^&]+)/.exec(window.location.hash);
  if (!m?.[1]) return null;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return decodeURIComponent(m[1]);
}

function useSession(): Session | null {
  const [session, set] = useState<Session | null>(null);
  useEffect(() => {
    const token = tokenFromFragment();
    (token ? signIn({ token }).catch(() => currentSession()) : currentSession())
      .then(set)
      .catch(() => set({ signedIn: false }));
    const on = (e: Event) => set((e as CustomEvent<Session>).detail);
    window.addEventListener('clientele:session', on);
    return () => window.removeEventListener('clientele:session', on);
  }, []);
  return session;
}

function Screen(props: { path: string; query: URLSearchParams }) {
  const parts = props.path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  switch (first) {
    case undefined:
      return <Overview query={props.query} />;
    case 'profiles':
      return second ? <ProfileScreen id={second} /> : <ProfilesScreen query={props.query} />;
    case 'segments':
      if (second === 'new') return <SegmentBuilder initial={props.query.get('where') ?? ''} />;
      if (second === 'compare')
        return <CompareScreen a={props.query.get('a') ?? ''} b={props.query.get('b') ?? ''} />;
      return second ? <SegmentScreen name={second} /> : <SegmentsScreen />;
    case 'personas':
      return <PersonasScreen query={props.query} />;
    case 'models':
      return second ? <ModelScreen id={second} /> : <ModelsScreen />;
    case 'value':
      return <ValueScreen />;
    case 'mining':
      return <MiningScreen />;
    case 'data':
      return <DataScreen />;
    default:
      return (
        <div className="state empty">
          No page at {props.path}. <Link to="/">Back to the overview</Link>
        </div>
      );
  }
}

/** The app: the sign-in until there is a session, then the navigation and the screen of the current path. */
export function App() {
  const session = useSession();
  const route = useRoute();
  const [menu, setMenu] = useState(false);
  if (!session) return null;
  if (!session.signedIn) return <Login />;
  const section = `/${route.path.split('/')[1] ?? ''}`;
  return (
    <div className="app">
      <header className="top">
        <Link to="/" className="brand">
          Clientele
        </Link>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menu}
          aria-controls="nav"
          onClick={() => setMenu(!menu)}
        >
          Menu
        </button>
        <nav id="nav" className={menu ? 'open' : undefined}>
          {NAV.map((n) => (
            <Link
              key={n.to}
              to={n.to}
              className={section === n.to ? 'active' : undefined}
              onClick={() => setMenu(false)}
            >
              {n.label}
            </Link>
          ))}
          <button
            type="button"
            className="link signout"
            title={`Signed in as ${session.name} (${session.role})`}
            onClick={() => {
              void signOut().then(() => navigate('/'));
            }}
          >
            Sign out
          </button>
        </nav>
      </header>
      <main>
        <Screen path={route.path} query={route.query} />
      </main>
    </div>
  );
}
