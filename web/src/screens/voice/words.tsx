import type { WordsAnswer } from '@contracts/voice';
import { useState } from 'react';
import { api } from '../../api';
import { fmt } from '../../format';
import { t } from '../../i18n';
import { Loaded, Table, useLoad } from '../../ui';
import { Choice } from '../mining/run';
import {
  type Leaning,
  LeaningChoice,
  leaningRule,
  SegmentChoice,
  Sentiment,
  type Source,
  SourceChoice,
  Warned,
} from './filters';

type Rank = 'count' | 'rest';

/** The word cloud of the chosen documents, and the same terms as a ranked list with their figures. */
export function WordsTab(props: { query: URLSearchParams }) {
  const [source, setSource] = useState<Source>('all');
  const [segment, setSegment] = useState(props.query.get('segment') ?? '');
  const [leaning, setLeaning] = useState<Leaning>('any');
  const [rank, setRank] = useState<Rank>('count');
  const where = leaningRule(leaning);
  const body = {
    source,
    top: 40,
    cloud: true,
    ...(segment && { segment }),
    ...(where && { where }),
    ...(rank === 'rest' && { compareTo: 'rest' as const }),
  };
  const load = useLoad(JSON.stringify(body), () =>
    api<WordsAnswer>('/v1/text/words', { method: 'POST', body }),
  );
  return (
    <>
      <p className="muted">{t('voice.words.what')}</p>
      <div className="row">
        <SourceChoice value={source} onChange={setSource} />
        <SegmentChoice value={segment} onChange={setSegment} />
        <LeaningChoice value={leaning} onChange={setLeaning} />
        <Choice
          label={t('voice.words.rank')}
          value={rank}
          onChange={setRank}
          options={(['count', 'rest'] as const).map((r) => ({ value: r, label: t(`voice.words.rank.${r}`) }))}
        />
      </div>
      <Loaded load={load} empty={(d) => d.terms.length === 0} emptyText={t('voice.noDocuments')}>
        {(d) => <WordsResult data={d} />}
      </Loaded>
    </>
  );
}

function WordsResult(props: { data: WordsAnswer }) {
  const d = props.data;
  const against = d.compareTo !== null;
  return (
    <div data-testid="voice-words">
      <p className="small muted">
        {against
          ? t('voice.words.againstRest', { n: fmt.int(d.documents), rest: fmt.int(d.comparedWith) })
          : t('voice.words.documents', { n: fmt.int(d.documents) })}
      </p>
      <Warned warnings={d.warnings} />
      {d.cloud && (
        <img
          className="cloud"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(d.cloud)}`}
          alt={t('voice.words.cloud', {
            terms: d.terms
              .slice(0, 10)
              .map((x) => x.term)
              .join(', '),
          })}
          data-testid="word-cloud"
        />
      )}
      <p className="small muted">{t('voice.words.colour')}</p>
      <h3>{against ? t('voice.words.distinctive') : t('voice.words.frequent')}</h3>
      <Table
        testId="word-ranking"
        numeric={[0, 2, 3, 4, 5]}
        head={[
          '#',
          t('voice.words.term'),
          t('voice.words.count'),
          t('voice.words.docs'),
          against ? t('voice.words.z') : t('voice.words.share'),
          t('voice.sentiment'),
        ]}
        rows={d.terms.map((x, i) => [
          fmt.int(i + 1),
          <span key="term" className="term">
            {x.term}
          </span>,
          fmt.int(x.count),
          fmt.int(x.documents),
          against ? fmt.num(x.z, 2) : fmt.pct(x.weight, 2),
          <Sentiment key="s" value={x.sentiment} />,
        ])}
      />
      {against && <p className="small muted">{t('voice.words.zNote')}</p>}
    </div>
  );
}
