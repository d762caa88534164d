import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { ClienteleError } from '../errors/index.js';
import { param, sql, type Warehouse } from '../store/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { messageContext } from './preview.js';
import { type Recipient, recipientsQuery, type SkipReason, skipReason } from './reach.js';
import { campaignRow } from './store.js';
import { renderMessage, renderSubject } from './template.js';
import { campaignTracking } from './tracking.js';

/** What a send did (or, dry, would do). */
export interface CampaignSend {
  readonly recipients: number;
  readonly sent: number;
  readonly skipped: {
    readonly unsubscribed: number;
    readonly bounced: number;
    readonly capped: number;
    readonly noEmail: number;
    /** Members who never consented to e-mail (no statement counts as no consent). */
    readonly noConsent: number;
  };
  /** Messages the SMTP server refused. */
  readonly failed: number;
  readonly dryRun: boolean;
  readonly warnings: Warning[];
}

/**
 * Sends a campaign to its segment's current members over SMTP, each message rendered from the Liquid
 * template for that person and recorded in `messages` with a tracking id. Skipped, in this order: no
 * e-mail address, unsubscribed (an unsubscribe on record or consent withdrawn), bounced before, no e-mail
 * consent, over the frequency cap.
 */
export async function sendCampaign(
  db: Warehouse,
  name: string,
  options: { readonly dryRun?: boolean; readonly smtp?: string } = {},
): Promise<CampaignSend> {
  const campaign = await campaignRow(db, name);
  const [stored] = await db.all<{ template: string; cap_count: number | null; cap_days: number | null }>(
    'SELECT template, cap_count, cap_days FROM campaigns WHERE name = ?',
    [name],
  );
  const capDays = stored?.cap_days ?? 0;
  const now = new Date();
  const query = recipientsQuery(
    sql`SELECT p.* FROM segment_membership m JOIN profiles p USING (profile_id)
        WHERE m.segment = ${param(campaign.segment)} AND m.exited_at IS NULL`,
    { since: new Date(now.getTime() - capDays * 86_400_000), until: now },
  );
  const members = await db.all<Recipient>(query.text, query.params);
  const skipped: Record<SkipReason, number> = {
    unsubscribed: 0,
    bounced: 0,
    capped: 0,
    noEmail: 0,
    noConsent: 0,
  };
  const send: Recipient[] = [];
  for (const m of members) {
    const reason = skipReason(m, stored?.cap_count ?? null);
    if (reason) skipped[reason]++;
    else send.push(m);
  }
  const warnings: Warning[] = [];
  if (members.length === 0 || send.length === 0)
    warnings.push(
      warning(
        'CLT_WARN_CAMPAIGN_EMPTY',
        members.length === 0
          ? `segment '${campaign.segment}' has no members: nothing to send`
          : `none of the ${members.length} members may receive this e-mail (see skipped)`,
      ),
    );
  if (options.dryRun || send.length === 0)
    return {
      recipients: members.length,
      sent: 0,
      skipped,
      failed: 0,
      dryRun: options.dryRun ?? false,
      warnings,
    };

  const transport = transportFor(
    options.smtp ?? campaign.smtp ?? process.env.CLIENTELE_SMTP ?? 'smtp://localhost:25',
  );
  const tracked = await campaignTracking(db, campaign);
  if (tracked.warning) warnings.push(tracked.warning);
  const [importRow] = await db.all<{ id: number }>("SELECT nextval('import_ids') AS id");
  const importId = Number(importRow?.id ?? 1);
  const started = new Date().toISOString();
  const sentRows: Record<string, unknown>[] = [];
  let failed = 0;
  let lastError = '';
  try {
    for (const m of send) {
      const tracking = randomUUID();
      const context = messageContext(JSON.parse(m.row) as Record<string, unknown>, {
        customerId: m.customer_id,
        campaign: name,
        profileId: Number(m.id),
        tracking,
      });
      try {
        const subject = await renderSubject(campaign.subject, context);
        const body = await renderMessage(stored?.template ?? '', context);
        const html = tracked.html(body.html, tracking);
        await transport.sendMail({
          from: campaign.from,
          to: m.email!,
          subject,
          html,
          text: body.text,
          headers: { 'X-Clientele-Tracking': tracking, 'X-Clientele-Campaign': name },
        });
        sentRows.push({
          message_id: tracking,
          customer_id: m.customer_id,
          email: m.email,
          subject,
          sent_at: new Date().toISOString(),
        });
      } catch (e) {
        failed++;
        lastError = (e as Error).message;
      }
    }
  } finally {
    transport.close();
  }
  if (sentRows.length === 0 && failed > 0)
    throw new ClienteleError('CLT_ERR_CAMPAIGN_SMTP', `no message could be sent: ${lastError}`);
  // The sends become `messages` rows of an import of their own, so identity joins them to the profiles and
  // opens, clicks and replies can come back against the tracking id.
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO imports (import_id, kind, file, file_sha256, file_bytes, format, started_at, finished_at,
         rows_read, rows_accepted, rows_rejected, rows_duplicate, rows_updated, seconds)
       VALUES (?, 'messages', ?, '', 0, 'smtp', CAST(? AS TIMESTAMPTZ), current_timestamp, ?, ?, 0, 0, 0, 0)`,
      [importId, `campaign:${name}`, started, sentRows.length, sentRows.length],
    );
    await tx.run(
      `INSERT INTO messages (message_id, customer_id, email, channel, campaign, category, subject, sent_at, row_key, row_hash, import_id, source_row)
       SELECT r.message_id, r.customer_id, r.email, 'email', ?, 'campaign', r.subject, CAST(r.sent_at AS TIMESTAMPTZ),
         'campaign:' || r.message_id, r.message_id, ?, row_number() OVER ()
       FROM ${tx.dialect.jsonRecords('?', { message_id: 'VARCHAR', customer_id: 'VARCHAR', email: 'VARCHAR', subject: 'VARCHAR', sent_at: 'VARCHAR' }, 'r')}`,
      [name, importId, JSON.stringify(sentRows)],
    );
  });
  if (failed)
    warnings.push(
      warning(
        'CLT_WARN_DELIVERY_PENDING',
        `${failed} messages were refused by the SMTP server (${lastError}); they were not recorded`,
      ),
    );
  return { recipients: members.length, sent: sentRows.length, skipped, failed, dryRun: false, warnings };
}

/** A nodemailer transport for an smtp:// or smtps:// URL (credentials in the URL). */
export function transportFor(smtp: string) {
  const url = new URL(smtp);
  return nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    ...(url.username && {
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
