import type { Warehouse } from '../store/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { linkKey, trackHtml } from './links.js';
import type { Campaign } from './store.js';

const LOCAL_SERVER = 'http://127.0.0.1:8320';

/** How one campaign's e-mails are tracked: `html` adds the open pixel and signed click links for a send. */
export interface Tracking {
  html(body: string, trackingId: string): string;
  /** Set when tracking is on but no public address is known (the links then point to the local server). */
  readonly warning: Warning | null;
}

/**
 * The tracking of a campaign's sends, whoever sends them (a campaign send or a journey's e-mail step): off when
 * the campaign was made with `--no-track`; otherwise opens and clicks come back to the campaign's tracking
 * URL or `CLIENTELE_PUBLIC_URL`, else to the default local server, which only works for mail read on this
 * machine.
 */
export async function campaignTracking(db: Warehouse, campaign: Campaign): Promise<Tracking> {
  if (!campaign.track) return { html: (body) => body, warning: null };
  const base = campaign.trackingUrl ?? process.env.CLIENTELE_PUBLIC_URL ?? null;
  const key = await linkKey(db);
  return {
    html: (body, trackingId) => trackHtml(body, { base: base ?? LOCAL_SERVER, key, trackingId }).html,
    warning: base
      ? null
      : warning(
          'CLT_WARN_TRACKING_LOCAL',
          `no public address for open and click tracking ({--tracking-url} or CLIENTELE_PUBLIC_URL): the pixel and links point to ${LOCAL_SERVER}`,
        ),
  };
}
