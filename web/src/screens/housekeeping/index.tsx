import { t } from '../../i18n';
import { navigate } from '../../router';
import { AuditTab } from './audit';
import { DedupeTab } from './dedupe';
import { DriftTab } from './drift';
import { MapTab } from './map';

const TABS = [
  { id: 'audit', Tab: AuditTab },
  { id: 'dedupe', Tab: DedupeTab },
  { id: 'map', Tab: MapTab },
  { id: 'drift', Tab: DriftTab },
] as const;

type TabId = (typeof TABS)[number]['id'];

/** Housekeeping (docs/housekeeping.md): the audit, the dedupe review, the data map and drift, as tabs. */
export function HousekeepingScreen(props: { query: URLSearchParams }) {
  const asked = props.query.get('tab');
  const current = TABS.find((x) => x.id === asked) ?? TABS[0];
  const go = (id: TabId) => navigate(`/housekeeping?tab=${id}`, true);
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('nav.housekeeping')}</h1>
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
            {t(`hk.tab.${x.id}`)}
          </button>
        ))}
      </div>
      <current.Tab key={current.id} />
    </div>
  );
}
