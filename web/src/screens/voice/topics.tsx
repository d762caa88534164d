import type { Topic, TopicsResult } from '@contracts/voice';
import { useState } from 'react';
import { api } from '../../api';
import { fmt } from '../../format';
import { t } from '../../i18n';
import { Loaded, useLoad } from '../../ui';
import { SegmentChoice, Sentiment, type Source, SourceChoice, Warned } from './filters';

/** The themes of what customers wrote: each topic's top terms, size, sentiment, trend and example quotes. */
export function TopicsTab() {
  const [source, setSource] = useState<Source>('all');
  const [segment, setSegment] = useState('');
  const body = { source, k: 'auto' as const, ...(segment && { segment }) };
  const load = useLoad(JSON.stringify(body), () =>
    api<TopicsResult>('/v1/text/topics', { method: 'POST', body }),
  );
  return (
    <>
      <p className="muted">{t('voice.topics.what')}</p>
      <div className="row">
        <SourceChoice value={source} onChange={setSource} />
        <SegmentChoice value={segment} onChange={setSegment} />
      </div>
      <Loaded load={load} empty={(d) => d.topics.length === 0} emptyText={t('voice.noDocuments')}>
        {(d) => (
          <div data-testid="voice-topics">
            <p className="small muted">
              {t('voice.topics.found', { k: fmt.int(d.k), n: fmt.int(d.documents) })}
            </p>
            <Warned warnings={d.warnings} />
            <div className="cards">
              {d.topics.map((topic) => (
                <TopicCard key={topic.id} topic={topic} />
              ))}
            </div>
          </div>
        )}
      </Loaded>
    </>
  );
}

function TopicCard(props: { topic: Topic }) {
  const x = props.topic;
  const trend = x.trend;
  return (
    <article className="card topic" data-testid="topic">
      <h3 className="raw">{x.label}</h3>
      <p className="small">
        {t('voice.topics.size', { n: fmt.int(x.documents), share: fmt.pct(x.share) })} ·{' '}
        {t('voice.sentiment')} <Sentiment value={x.sentiment} />
        {trend && trend.direction !== 'flat' && (
          <>
            {' '}
            ·{' '}
            <span className={trend.direction === 'rising' ? 'up' : 'down'}>
              {t(`voice.topics.${trend.direction}`, {
                earlier: fmt.pct(trend.earlier),
                later: fmt.pct(trend.later),
              })}
            </span>
          </>
        )}
      </p>
      <ul className="chips raw">
        {x.terms.slice(0, 8).map((term) => (
          <li key={term}>{term}</li>
        ))}
      </ul>
      {x.examples.map((q) => (
        <blockquote key={q} className="quote raw">
          {q}
        </blockquote>
      ))}
    </article>
  );
}
