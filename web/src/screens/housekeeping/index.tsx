import { TabbedScreen } from '../../tabs';
import { AuditTab } from './audit';
import { DedupeTab } from './dedupe';
import { DriftTab } from './drift';
import { MapTab } from './map';

/** Housekeeping (docs/housekeeping.md): the audit, the dedupe review, the data map and drift, as tabs. */
export function HousekeepingScreen(props: { query: URLSearchParams }) {
  return (
    <TabbedScreen
      path="/housekeeping"
      title="nav.housekeeping"
      query={props.query}
      tabs={[
        { id: 'audit', label: 'hk.tab.audit', Tab: AuditTab },
        { id: 'dedupe', label: 'hk.tab.dedupe', Tab: DedupeTab },
        { id: 'map', label: 'hk.tab.map', Tab: MapTab },
        { id: 'drift', label: 'hk.tab.drift', Tab: DriftTab },
      ]}
    />
  );
}
