import { TabbedScreen } from '../../tabs';
import { BasketTab } from './basket';
import { CohortsTab } from './cohorts';
import { ConcentrationTab } from './concentration';
import { FunnelTab } from './funnel';
import { TrendTab } from './trend';

/** The mining jobs of `POST /v1/mining/*` as tabs (one picture at a time), each run on demand. */
export function MiningScreen(props: { query: URLSearchParams }) {
  return (
    <TabbedScreen
      path="/mining"
      title="nav.mining"
      card="mining"
      query={props.query}
      tabs={[
        { id: 'trend', label: 'mining.trend.title', Tab: TrendTab },
        { id: 'cohorts', label: 'mining.cohorts.title', Tab: CohortsTab },
        { id: 'funnel', label: 'mining.funnel.title', Tab: FunnelTab },
        { id: 'basket', label: 'mining.basket.title', Tab: BasketTab },
        { id: 'concentration', label: 'mining.concentration.title', Tab: ConcentrationTab },
      ]}
    />
  );
}
