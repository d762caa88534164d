import type { ComponentType } from 'react';
import { type MessageKey, t } from './i18n';
import { navigate } from './router';
import { Card } from './ui';

/** One tab: its id in the address, its label, and what it draws (given the page's query). */
export interface TabDef {
  readonly id: string;
  readonly label: MessageKey;
  readonly Tab: ComponentType<{ query: URLSearchParams }>;
}

/**
 * A screen of tabs at `path?tab=ID` (mining, voice, housekeeping): one picture at a time instead of one long
 * column, the chosen tab kept in the address. With `card`, the tab is drawn in a card of class `card-ID`.
 */
export function TabbedScreen(props: {
  readonly path: string;
  readonly title: MessageKey;
  readonly tabs: readonly [TabDef, ...TabDef[]];
  readonly query: URLSearchParams;
  readonly card?: string;
}) {
  const asked = props.query.get('tab');
  const current = props.tabs.find((x) => x.id === asked) ?? props.tabs[0];
  const tab = <current.Tab key={current.id} query={props.query} />;
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t(props.title)}</h1>
      </div>
      <div className="tabs" role="tablist">
        {props.tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={x.id === current.id}
            className={x.id === current.id ? 'tab active' : 'tab'}
            onClick={() => navigate(`${props.path}?tab=${x.id}`, true)}
          >
            {t(x.label)}
          </button>
        ))}
      </div>
      {props.card ? <Card className={`${props.card}-${current.id}`}>{tab}</Card> : tab}
    </div>
  );
}
