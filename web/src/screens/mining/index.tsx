import { t } from '../../i18n';
import { navigate } from '../../router';
import { Card } from '../../ui';
import { BasketTab } from './basket';
import { CohortsTab } from './cohorts';
import { ConcentrationTab } from './concentration';
import { FunnelTab } from './funnel';
import { TrendTab } from './trend';

const TABS = [
  { id: 'trend', Tab: TrendTab },
  { id: 'cohorts', Tab: CohortsTab },
  { id: 'funnel', Tab: FunnelTab },
  { id: 'basket', Tab: BasketTab },
  { id: 'concentration', Tab: ConcentrationTab },
] as const;

type TabId = (typeof TABS)[number]['id'];

/** The mining jobs of `POST /v1/mining/*` as tabs (one picture at a time), each run on demand. */
export function MiningScreen(props: { query: URLSearchParams }) {
  const asked = props.query.get('tab');
  const current = TABS.find((x) => x.id === asked) ?? TABS[0];
  const go = (id: TabId) => navigate(`/mining?tab=${id}`, true);
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('nav.mining')}</h1>
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={x.id === current.id}
            className={x.id === current.id ? 'tab active' : 'tab'}
            onClick={() => go(x.id)}
          >
            {t(`mining.${x.id}.title`)}
          </button>
        ))}
      </div>
      <Card className={`mining-${current.id}`}>
        <current.Tab key={current.id} />
      </Card>
    </div>
  );
}
