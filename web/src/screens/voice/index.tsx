import { TabbedScreen } from '../../tabs';
import { NotesTab } from './notes';
import { SentimentTab } from './sentiment';
import { SwotTab } from './swot';
import { TopicsTab } from './topics';
import { WordsTab } from './words';

/** The voice of the customer (`/v1/text/*`, `/v1/swot`, `/v1/notes/*`) as tabs: what customers write, read. */
export function VoiceScreen(props: { query: URLSearchParams }) {
  return (
    <TabbedScreen
      path="/voice"
      title="nav.voice"
      card="voice"
      query={props.query}
      tabs={[
        { id: 'words', label: 'voice.words.title', Tab: WordsTab },
        { id: 'topics', label: 'voice.topics.title', Tab: TopicsTab },
        { id: 'sentiment', label: 'voice.sentiment.title', Tab: SentimentTab },
        { id: 'swot', label: 'voice.swot.title', Tab: SwotTab },
        { id: 'notes', label: 'voice.notes.title', Tab: NotesTab },
      ]}
    />
  );
}
