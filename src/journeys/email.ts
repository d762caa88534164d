import { randomUUID } from 'node:crypto';
import {
  type Cap,
  campaignRow,
  campaignTracking,
  messageContext,
  type Recipient,
  recipientsQuery,
  renderMessage,
  renderSubject,
  type SkipReason,
  skipReason,
  transportFor,
} from '../campaigns/index.js';
import { param, sql, type Warehouse } from '../store/index.js';
import { exec, inJsonList, jsonRows, rows } from './db.js';

export type { SkipReason };

/** What became of one person's e-mail. */
export type EmailOutcome = { readonly id: number } & (
  | { readonly status: 'sent'; readonly trackingId: string }
  | { readonly status: 'skipped'; readonly reason: SkipReason }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'gone' }
);

/** An SMTP transport opened on first use and closed once at the end of a run. */
export class Mailer {
  #transport: ReturnType<typeof transportFor> | undefined;
  #url: string | undefined;

  constructor(private readonly override?: string) {}

  transport(campaignSmtp: string | null) {
    const url = this.override ?? campaignSmtp ?? process.env.CLIENTELE_SMTP ?? 'smtp://localhost:25';
    if (this.#transport && this.#url !== url) this.#transport.close();
    if (!this.#transport || this.#url !== url) {
      this.#transport = transportFor(url);
      this.#url = url;
    }
    return this.#transport;
  }

  close(): void {
    this.#transport?.close();
    this.#transport = undefined;
  }
}

/**
 * Sends a campaign's e-mail to some people for a journey step: rendered from its Liquid template per person,
 * skipped for no address, unsubscribed (or consent withdrawn), bounced, no e-mail consent and the global
 * frequency cap (every e-mail on record in the period, campaigns' and journeys' alike), and each send
 * recorded as a `messages` row (its `message_id` the tracking id) that names the journey and step.
 */
export async function sendStepEmails(
  db: Warehouse,
  input: {
    readonly campaign: string;
    readonly journey: string;
    readonly step: string;
    readonly ids: readonly number[];
    readonly now: Date;
    readonly cap: Cap | null;
    readonly mailer: Mailer;
  },
): Promise<EmailOutcome[]> {
  const campaign = await campaignRow(db, input.campaign);
  // Opens and clicks of journey e-mails come back as a campaign's do (the same pixel and signed links).
  const tracked = await campaignTracking(db, campaign);
  const [stored] = await rows<{ template: string }>(
    db,
    sql`SELECT template FROM campaigns WHERE name = ${param(input.campaign)}`,
  );
  const since = new Date(input.now.getTime() - (input.cap?.days ?? 0) * 86_400_000);
  const candidates = await rows<Recipient>(
    db,
    recipientsQuery(
      sql`SELECT p.* FROM profiles p
          WHERE ${inJsonList(db, param(JSON.stringify(input.ids)), 'BIGINT', 'p.profile_id')}`,
      { since, until: input.now },
    ),
  );
  const found = new Map(candidates.map((c) => [Number(c.id), c]));
  const out: EmailOutcome[] = [];
  const sentRows: Record<string, unknown>[] = [];
  for (const id of input.ids) {
    const m = found.get(id);
    if (!m) {
      out.push({ id, status: 'gone' });
      continue;
    }
    const reason = skipReason(m, input.cap?.count ?? null);
    if (reason) {
      out.push({ id, status: 'skipped', reason });
      continue;
    }
    const tracking = randomUUID();
    const context = {
      ...messageContext(JSON.parse(m.row) as Record<string, unknown>, {
        customerId: m.customer_id,
        campaign: input.campaign,
        profileId: id,
        tracking,
      }),
      journey: input.journey,
    };
    try {
      const subject = await renderSubject(campaign.subject, context);
      const body = await renderMessage(stored?.template ?? '', context);
      await input.mailer.transport(campaign.smtp).sendMail({
        from: campaign.from,
        to: m.email!,
        subject,
        html: tracked.html(body.html, tracking),
        text: body.text,
        headers: {
          'X-Clientele-Tracking': tracking,
          'X-Clientele-Campaign': input.campaign,
          'X-Clientele-Journey': input.journey,
        },
      });
      sentRows.push({
        message_id: tracking,
        customer_id: m.customer_id,
        email: m.email,
        subject,
        sent_at: input.now.toISOString(),
        extra: JSON.stringify({ profile_id: id, journey: input.journey, step: input.step }),
      });
      out.push({ id, status: 'sent', trackingId: tracking });
    } catch (e) {
      out.push({ id, status: 'failed', error: (e as Error).message });
    }
  }
  if (sentRows.length) await recordSends(db, input.campaign, input.journey, sentRows);
  return out;
}

// The sends as `messages` rows of an import of their own, as campaigns record theirs: identity joins them to
// the profile, and opens, clicks and replies come back against the tracking id.
async function recordSends(
  db: Warehouse,
  campaign: string,
  journey: string,
  sent: readonly Record<string, unknown>[],
) {
  await db.transaction(async (tx) => {
    const [next] = await rows<{ id: number }>(tx, sql`SELECT nextval('import_ids') AS id`);
    const importId = Number(next?.id ?? 1);
    await exec(
      tx,
      sql`INSERT INTO imports (import_id, kind, file, file_sha256, file_bytes, format, started_at, finished_at,
            rows_read, rows_accepted, rows_rejected, rows_duplicate, rows_updated, seconds)
          VALUES (${param(importId)}, 'messages', ${param(`journey:${journey}`)}, '', 0, 'smtp', current_timestamp,
            current_timestamp, ${param(sent.length)}, ${param(sent.length)}, 0, 0, 0, 0)`,
    );
    await exec(
      tx,
      sql`INSERT INTO messages (message_id, customer_id, email, channel, campaign, category, subject, sent_at, row_key, row_hash, import_id, source_row, extra)
          SELECT r.message_id, r.customer_id, r.email, 'email', ${param(campaign)}, 'journey', r.subject, CAST(r.sent_at AS TIMESTAMPTZ),
            'journey:' || r.message_id, r.message_id, ${param(importId)}, row_number() OVER (), CAST(r.extra AS JSON)
          FROM ${jsonRows(db, param(JSON.stringify(sent)), { message_id: 'VARCHAR', customer_id: 'VARCHAR', email: 'VARCHAR', subject: 'VARCHAR', sent_at: 'VARCHAR', extra: 'VARCHAR' }, 'r')}`,
    );
  });
}
