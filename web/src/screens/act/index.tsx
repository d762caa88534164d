import { type ComponentType, lazy, Suspense } from 'react';
import { type MessageKey, t } from '../../i18n';
import { Link } from '../../router';
import { Spinner } from '../../ui';

const Destinations = lazy(() => import('./destinations').then((m) => ({ default: m.DestinationsScreen })));
const Audiences = lazy(() => import('./audiences').then((m) => ({ default: m.AudiencesScreen })));
const Campaigns = lazy(() => import('./campaigns').then((m) => ({ default: m.CampaignsScreen })));
const Experiments = lazy(() => import('./experiments').then((m) => ({ default: m.ExperimentsScreen })));
const Placements = lazy(() => import('./placements').then((m) => ({ default: m.PlacementsScreen })));
const Journeys = lazy(() => import('./journeys').then((m) => ({ default: m.JourneysTab })));

/**
 * The Act group's screens, in the order a person acts: where people go, who goes, then the ways to reach
 * and test. A tab may have pages of its own below it (`/act/journeys/NAME/edit`): `rest` is the path after
 * the tab.
 */
export const ACT_TABS: {
  id: string;
  label: MessageKey;
  screen: ComponentType<{ query: URLSearchParams; rest: readonly string[] }>;
}[] = [
  { id: 'destinations', label: 'act.tab.destinations', screen: Destinations },
  { id: 'audiences', label: 'act.tab.audiences', screen: Audiences },
  { id: 'journeys', label: 'act.tab.journeys', screen: Journeys },
  { id: 'campaigns', label: 'act.tab.campaigns', screen: Campaigns },
  { id: 'experiments', label: 'act.tab.experiments', screen: Experiments },
  { id: 'placements', label: 'act.tab.placements', screen: Placements },
];

/** `/act/TAB`: the tabs of the Act group and the chosen screen (destinations by default). */
export function ActScreen(props: {
  tab: string | undefined;
  rest?: readonly string[];
  query: URLSearchParams;
}) {
  const current = ACT_TABS.find((x) => x.id === props.tab) ?? ACT_TABS[0]!;
  const Screen = current.screen;
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('nav.act')}</h1>
      </div>
      <nav className="tabs wrap" aria-label={t('nav.act')}>
        {ACT_TABS.map((x) => (
          <Link key={x.id} to={`/act/${x.id}`} className={x.id === current.id ? 'tab active' : 'tab'}>
            {t(x.label)}
          </Link>
        ))}
      </nav>
      <Suspense fallback={<Spinner />}>
        <Screen query={props.query} rest={props.rest ?? []} />
      </Suspense>
    </div>
  );
}
