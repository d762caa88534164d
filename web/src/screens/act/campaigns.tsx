import type { CampaignPreview, CampaignSent, CampaignView } from '@contracts/activation';
import type { SegmentSummary } from '@contracts/segments';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api';
import { t } from '../../i18n';
import { nameTitle, segmentTitle } from '../../segment-words';
import { Card, fmt, Loaded, Table, Ticked, useLoad } from '../../ui';
import {
  Field,
  NameField,
  NameTitle,
  Problem,
  SegmentField,
  StoredKey,
  useScopes,
  WarningList,
} from './common';

const SKIPS = ['unsubscribed', 'bounced', 'capped', 'noEmail', 'noConsent'] as const;
const SAMPLE = '<p>Hello {{ first_name | default: "there" }},</p>\n<p>Your code: {{ discount_code }}</p>';

/** E-mail campaigns: the list, a dry run (who would get it, who is skipped and why), the send, and a new one. */
export function CampaignsScreen() {
  const scopes = useScopes();
  const list = useLoad('campaigns', () => api<{ campaigns: CampaignView[] }>('/v1/campaigns'));
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <p className="muted">{t('act.campaigns.question')}</p>
      <Card title={t('act.campaigns.title')}>
        <Loaded load={list} empty={(d) => d.campaigns.length === 0} emptyText={t('act.campaigns.none')}>
          {(d) => (
            <Table
              testId="campaign-list"
              stack
              head={[t('act.name'), t('act.segment'), t('act.campaigns.subject'), t('act.campaigns.cap'), '']}
              rows={d.campaigns.map((c) => [
                <NameTitle key="n" name={c.name} />,
                segmentTitle(c.segment),
                // The subject as the marketer wrote it: a Liquid template, shown as written.
                <span key="s" className="raw">
                  {c.subject}
                </span>,
                c.cap ? capWords(c.cap) : t('act.campaigns.noCap'),
                <button
                  key="o"
                  type="button"
                  className={open === c.name ? 'primary' : undefined}
                  onClick={() => setOpen(open === c.name ? null : c.name)}
                  data-testid={`open-${c.name}`}
                >
                  {t('act.campaigns.check')}
                </button>,
              ])}
            />
          )}
        </Loaded>
      </Card>
      {open && <SendCard key={open} name={open} canSend={scopes.has('pii')} />}
      {scopes.has('write') && <CreateCampaign onCreated={list.reload} />}
    </>
  );
}

/** `2/7d` as "at most 2 in 7 days". */
function capWords(cap: string): string {
  const m = /^(\d+)\/(\d+)d$/.exec(cap);
  return m ? t('act.campaigns.capWords', { count: fmt.int(Number(m[1])), days: fmt.int(Number(m[2])) }) : cap;
}

/** A dry run first (nothing sent): recipients and skipped by reason; then the send, for those who may. */
function SendCard(props: { name: string; canSend: boolean }) {
  const dry = useLoad(`dry|${props.name}`, () =>
    api<CampaignSent>(`/v1/campaigns/${encodeURIComponent(props.name)}/dry-run`, {
      method: 'POST',
      body: {},
    }),
  );
  const [sent, setSent] = useState<CampaignSent | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      setSent(
        await api<CampaignSent>(`/v1/campaigns/${encodeURIComponent(props.name)}/send`, {
          method: 'POST',
          body: {},
        }),
      );
      dry.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('act.campaigns.dryRun', { name: nameTitle(props.name) })}>
      <StoredKey name={props.name} />
      <Loaded load={dry}>
        {(r) => {
          const skipped = SKIPS.reduce((s, k) => s + r.skipped[k], 0);
          const reach = r.recipients - skipped;
          return (
            <div data-testid="dry-run">
              <p>
                {t('act.campaigns.reach', {
                  reach: fmt.int(reach),
                  recipients: fmt.int(r.recipients),
                })}
              </p>
              <SkipBars skipped={r.skipped} total={r.recipients} />
              <WarningList warnings={r.warnings} />
              {props.canSend ? (
                <button
                  type="button"
                  className="primary"
                  onClick={send}
                  disabled={busy || reach === 0}
                  data-testid="send"
                >
                  {busy ? t('act.campaigns.sending') : t('act.campaigns.send', { n: fmt.int(reach) })}
                </button>
              ) : (
                <p className="muted small">{t('act.campaigns.noPii')}</p>
              )}
            </div>
          );
        }}
      </Loaded>
      {sent && (
        <div role="status" data-testid="sent">
          <p>{t('act.campaigns.sent', { sent: fmt.int(sent.sent), failed: fmt.int(sent.failed) })}</p>
          <WarningList warnings={sent.warnings} />
        </div>
      )}
      <Problem error={error} />
    </Card>
  );
}

/** Skipped members by reason, as bars of the segment's size. */
function SkipBars(props: { skipped: CampaignSent['skipped']; total: number }) {
  return (
    <ul className="hbars" data-testid="skipped">
      {SKIPS.map((k) => {
        const n = props.skipped[k];
        const share = props.total ? n / props.total : 0;
        return (
          <li key={k}>
            <span className="hbar-label">{t(`act.skip.${k}`)}</span>
            <span className="hbar-track">
              <span className="hbar-fill muted-fill" style={{ width: `${share * 100}%` }} />
            </span>
            <span className="hbar-value">
              {fmt.int(n)} <span className="muted small">({fmt.pct(share)})</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function CreateCampaign(props: { onCreated: () => void }) {
  const segments = useLoad('segments', () => api<SegmentSummary[]>('/v1/segments'));
  const [name, setName] = useState('');
  const [segment, setSegment] = useState('');
  const [subject, setSubject] = useState('Hi {{ first_name | default: "there" }}');
  const [template, setTemplate] = useState(SAMPLE);
  const [cap, setCap] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [gap, setGap] = useState<string | null>(null);
  const [created, setCreated] = useState<{ warnings: { code: string; message: string }[] } | null>(null);
  const chosen = segment || segments.data?.[0]?.name || '';
  // The preview follows the text as it is typed, rendered by the server for the segment's first member.
  const [draft, setDraft] = useState({ name, chosen, subject, template });
  useEffect(() => {
    const id = setTimeout(() => setDraft({ name, chosen, subject, template }), 400);
    return () => clearTimeout(id);
  }, [name, chosen, subject, template]);
  const preview = useLoad(draft.chosen ? `preview|${JSON.stringify(draft)}` : null, () =>
    api<CampaignPreview>('/v1/campaigns/preview', {
      method: 'POST',
      body: { name: draft.name, segment: draft.chosen, subject: draft.subject, template: draft.template },
    }),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) return setGap(t('act.destinations.needName'));
    if (!chosen) return setGap(t('act.audiences.needSegment'));
    if (!subject.trim() || !template.trim()) return setGap(t('act.campaigns.needText'));
    setGap(null);
    setError(null);
    try {
      const c = await api<{ warnings: { code: string; message: string }[] }>('/v1/campaigns', {
        method: 'POST',
        body: { name, segment: chosen, subject, template, ...(cap.trim() && { cap: cap.trim() }) },
      });
      setCreated(c);
      setName('');
      props.onCreated();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <Card title={t('act.campaigns.create')}>
      <div className="grid two">
        <form className="form-grid" onSubmit={submit} data-testid="campaign-form" noValidate>
          <NameField value={name} onChange={setName} />
          <SegmentField segments={segments.data} value={chosen} onChange={setSegment} />
          <Field label={t('act.campaigns.subject')} wide>
            <input name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
          </Field>
          <Field label={t('act.campaigns.template')} wide>
            {/* The template as typed (Liquid braces and all) is raw input, not a dump. */}
            <textarea
              name="template"
              className="raw"
              rows={6}
              value={template}
              onChange={(e) => setTemplate(e.target.value)}
            />
          </Field>
          <Field label={t('act.campaigns.cap')}>
            <input name="cap" value={cap} onChange={(e) => setCap(e.target.value)} placeholder="2/7d" />
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary">
              {t('act.campaigns.createButton')}
            </button>
          </div>
        </form>
        <div className="preview-mail" data-testid="campaign-preview">
          <h3>{t('act.campaigns.preview')}</h3>
          <Loaded load={preview}>
            {(p) => (
              <>
                <p className="muted small">
                  {p.profileId === null
                    ? t('act.campaigns.previewNobody')
                    : t('act.campaigns.previewFor', { id: p.profileId, members: fmt.int(p.members) })}
                </p>
                <p>
                  <strong>{p.subject}</strong>
                </p>
                <div className="mail-text">{p.text}</div>
                <WarningList warnings={p.warnings} />
              </>
            )}
          </Loaded>
        </div>
      </div>
      <p className="muted small">
        <Ticked text={t('act.campaigns.help')} raw />
      </p>
      {gap && (
        <div className="state error" role="alert">
          {gap}
        </div>
      )}
      <Problem error={error} testId="campaign-error" />
      {created && (
        <div role="status">
          <p className="up">{t('act.campaigns.created')}</p>
          <WarningList warnings={created.warnings} />
        </div>
      )}
    </Card>
  );
}
