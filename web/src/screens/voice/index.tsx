import { t } from '../../i18n';
import { navigate } from '../../router';
import { Card } from '../../ui';
import { NotesTab } from './notes';
import { SentimentTab } from './sentiment';
import { SwotTab } from './swot';
import { TopicsTab } from './topics';
import { WordsTab } from './words';

const TABS = [
  { id: 'words', Tab: WordsTab },
  { id: 'topics', Tab: TopicsTab },
  { id: 'sentiment', Tab: SentimentTab },
  { id: 'swot', Tab: SwotTab },
  { id: 'notes', Tab: NotesTab },
] as const;

type TabId = (typeof TABS)[number]['id'];

/** The voice of the customer (`/v1/text/*`, `/v1/swot`, `/v1/notes/*`) as tabs: what customers write, read. */
export function VoiceScreen(props: { query: URLSearchParams }) {
  const asked = props.query.get('tab');
  const current = TABS.find((x) => x.id === asked) ?? TABS[0];
  const go = (id: TabId) => navigate(`/voice?tab=${id}`, true);
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('nav.voice')}</h1>
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
            {t(`voice.${x.id}.title`)}
          </button>
        ))}
      </div>
      <Card className={`voice-${current.id}`}>
        <current.Tab key={current.id} query={props.query} />
      </Card>
    </div>
  );
}
