import { useEffect, useState } from 'react';
import { getToken, setToken } from './api';
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

// A link printed by `clientele serve` may carry the token in its fragment (never sent to the server).
function takeTokenFromFragment(): void {
  const m = /[#&]token=([^&]+)/.exec(window.location.hash);
  if (!m?.[1]) return;
  setToken(decodeURIComponent(m[1]));
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}
takeTokenFromFragment();

function useToken(): string | null {
  const [token, set] = useState(getToken);
  useEffect(() => {
    const on = () => set(getToken());
    window.addEventListener('clientele:token', on);
    return () => window.removeEventListener('clientele:token', on);
  }, []);
  return token;
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

/** The app: the login until there is a token, then the navigation and the screen of the current path. */
export function App() {
  const token = useToken();
  const route = useRoute();
  const [menu, setMenu] = useState(false);
  if (!token) return <Login />;
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
            onClick={() => {
              setToken(null);
              navigate('/');
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
