import { lazy, Suspense, useEffect, useState } from 'react';
import { api, currentSession, type Session, signIn, signOut } from './api';
import { setCurrency } from './format';
import { type MessageKey, t, useLang } from './i18n';
import { LangSwitch } from './lang-switch';
import { Link, navigate, useRoute } from './router';
import { Login } from './screens/login';
import { Spinner } from './ui';

// Each screen is its own chunk, loaded when first opened: the first paint needs only the app's frame.
// The loaders are named once, so the chunk of the address the app opens on can be fetched at once, beside
// the session and currency requests, rather than after them (one round trip less before the content).
const CHUNKS = {
  overview: () => import('./screens/overview'),
  profiles: () => import('./screens/profiles'),
  segments: () => import('./screens/segments'),
  builder: () => import('./screens/builder'),
  personas: () => import('./screens/personas'),
  models: () => import('./screens/models'),
  value: () => import('./screens/value'),
  mining: () => import('./screens/mining'),
  act: () => import('./screens/act'),
  reports: () => import('./screens/reports'),
  housekeeping: () => import('./screens/housekeeping'),
  voice: () => import('./screens/voice'),
  data: () => import('./screens/data'),
} as const;

/** The chunk that draws `path`, if any. */
function chunkOf(path: string): (() => Promise<unknown>) | undefined {
  const [first, second] = path.split('/').filter(Boolean);
  if (first === undefined) return CHUNKS.overview;
  if (first === 'segments' && second === 'new') return CHUNKS.builder;
  // Journeys are a tab of Act.
  if (first === 'journeys') return CHUNKS.act;
  return (CHUNKS as Record<string, () => Promise<unknown>>)[first];
}
// A failed preload is no error: the lazy screen asks again and shows its own.
chunkOf(window.location.pathname)?.().catch(() => undefined);

const Overview = lazy(() => CHUNKS.overview().then((m) => ({ default: m.Overview })));
const ProfilesScreen = lazy(() => CHUNKS.profiles().then((m) => ({ default: m.ProfilesScreen })));
const ProfileScreen = lazy(() => CHUNKS.profiles().then((m) => ({ default: m.ProfileScreen })));
const SegmentsScreen = lazy(() => CHUNKS.segments().then((m) => ({ default: m.SegmentsScreen })));
const SegmentScreen = lazy(() => CHUNKS.segments().then((m) => ({ default: m.SegmentScreen })));
const SegmentBuilder = lazy(() => CHUNKS.builder().then((m) => ({ default: m.SegmentBuilder })));
const CompareScreen = lazy(() => CHUNKS.segments().then((m) => ({ default: m.CompareScreen })));
const PersonasScreen = lazy(() => CHUNKS.personas().then((m) => ({ default: m.PersonasScreen })));
const ModelsScreen = lazy(() => CHUNKS.models().then((m) => ({ default: m.ModelsScreen })));
const ModelScreen = lazy(() => CHUNKS.models().then((m) => ({ default: m.ModelScreen })));
const ValueScreen = lazy(() => CHUNKS.value().then((m) => ({ default: m.ValueScreen })));
const MiningScreen = lazy(() => CHUNKS.mining().then((m) => ({ default: m.MiningScreen })));
const ActScreen = lazy(() => CHUNKS.act().then((m) => ({ default: m.ActScreen })));
const ReportScreen = lazy(() => CHUNKS.reports().then((m) => ({ default: m.ReportScreen })));
const HousekeepingScreen = lazy(() => CHUNKS.housekeeping().then((m) => ({ default: m.HousekeepingScreen })));
const VoiceScreen = lazy(() => CHUNKS.voice().then((m) => ({ default: m.VoiceScreen })));
const DataScreen = lazy(() => CHUNKS.data().then((m) => ({ default: m.DataScreen })));

const NAV: { to: string; label: MessageKey }[] = [
  { to: '/', label: 'nav.overview' },
  { to: '/profiles', label: 'nav.profiles' },
  { to: '/segments', label: 'nav.segments' },
  { to: '/personas', label: 'nav.personas' },
  { to: '/reports', label: 'nav.reports' },
  { to: '/value', label: 'nav.value' },
  { to: '/models', label: 'nav.models' },
  { to: '/mining', label: 'nav.mining' },
  { to: '/act', label: 'nav.act' },
  { to: '/voice', label: 'nav.voice' },
  { to: '/data', label: 'nav.data' },
  { to: '/housekeeping', label: 'nav.housekeeping' },
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

/** The shop's currency, asked once per session; money waits for it so it is never shown in the wrong one. */
function useCurrency(signedIn: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!signedIn) return;
    api<{ currency: string }>('/v1/locale')
      .then((l) => setCurrency(l.currency))
      .catch(() => undefined)
      .finally(() => setReady(true));
  }, [signedIn]);
  return ready;
}

function Screen(props: { path: string; query: URLSearchParams }) {
  const parts = props.path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
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
      return <MiningScreen query={props.query} />;
    case 'journeys':
      // Journeys are a tab of Act; the old addresses (and links printed by the CLI) still lead there.
      return <Redirect to={`/act${props.path}${props.query.size ? `?${props.query}` : ''}`} />;
    case 'act':
      return <ActScreen tab={second} rest={rest} query={props.query} />;
    case 'reports':
      return <ReportScreen />;
    case 'voice':
      return <VoiceScreen query={props.query} />;
    case 'data':
      return <DataScreen />;
    case 'housekeeping':
      return <HousekeepingScreen query={props.query} />;
    default:
      return (
        <div className="state empty">
          {t('common.noPage', { path: props.path })} <Link to="/">{t('common.backHome')}</Link>
        </div>
      );
  }
}

/** Replaces the address with `to` (no history entry), then draws what is there. */
function Redirect(props: { to: string }) {
  useEffect(() => navigate(props.to, true), [props.to]);
  return <Spinner />;
}

/** The app: the sign-in until there is a session, then the navigation and the screen of the current path. */
export function App() {
  const session = useSession();
  const route = useRoute();
  const lang = useLang();
  const [menu, setMenu] = useState(false);
  const currencyReady = useCurrency(session?.signedIn === true);
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
          {t('nav.menu')}
        </button>
        <nav id="nav" className={menu ? 'open' : undefined}>
          {NAV.map((n) => (
            <Link
              key={n.to}
              to={n.to}
              className={section === n.to ? 'active' : undefined}
              onClick={() => setMenu(false)}
            >
              {t(n.label)}
            </Link>
          ))}
          <LangSwitch />
          <button
            type="button"
            className="link signout"
            title={t('nav.signedInAs', { name: session.name ?? '', role: session.role ?? '' })}
            onClick={() => {
              void signOut().then(() => navigate('/'));
            }}
          >
            {t('nav.signOut')}
          </button>
        </nav>
      </header>
      {/* Keyed by the language: a switch draws every screen again in the new one. */}
      <main key={lang}>
        {currencyReady ? (
          <Suspense fallback={<Spinner />}>
            <Screen path={route.path} query={route.query} />
          </Suspense>
        ) : (
          <Spinner />
        )}
      </main>
    </div>
  );
}
