/**
 * spend.csv: daily marketing spend per channel and campaign. A channel's spend on a day is its cost per
 * acquired contact (CHANNEL_EFFECTS.cpa) times the contacts the plan expects it to acquire that day,
 * split over the campaigns running, with day-to-day noise; paid media also report impressions and clicks.
 */
import { acquisitionWeights, DAY_MS, isoDate } from './calendar.js';
import { campaignsAt } from './campaigns.js';
import { csvRow, money } from './csv.js';
import { GROUPS } from './groups.js';
import { ACQUISITION_CHANNELS, type AcquisitionChannel, CHANNEL_EFFECTS, COMPOSITION } from './params.js';
import { Rng, seedOf } from './prng.js';
import { logNormal } from './samplers.js';
import type { World } from './world.js';

// Cost per click or per thousand impressions and click-through rate of the paid media.
const MEDIA: Partial<
  Record<AcquisitionChannel, { readonly cpc?: number; readonly cpm?: number; readonly ctr: number }>
> = {
  paid_search: { cpc: 1.4, ctr: 0.045 },
  social: { cpm: 9, ctr: 0.009 },
  email: { cpm: 6, ctr: 0.012 },
  affiliate: { cpc: 0.6, ctr: 0.015 },
};

/** Expected share of acquired (non-stale) contacts that come through each channel. */
export function channelShares(): Record<AcquisitionChannel, number> {
  const consumers = Object.values(GROUPS).filter((g) => g.id !== 'business');
  const total = consumers.reduce((s, g) => s + g.weight, 0);
  const consumerShare = 1 - COMPOSITION.stale - COMPOSITION.b2b;
  const active = 1 - COMPOSITION.stale;
  const shares = {} as Record<AcquisitionChannel, number>;
  ACQUISITION_CHANNELS.forEach((c, i) => {
    let s = (COMPOSITION.b2b * (GROUPS.business.acquisition[i] ?? 0)) / active;
    for (const g of consumers) s += (consumerShare * (g.weight / total) * (g.acquisition[i] ?? 0)) / active;
    shares[c] = s;
  });
  return shares;
}

/** The text of spend.csv (without header) and its row count. */
export function spendRows(world: World): { text: string; rows: number } {
  const rng = new Rng(seedOf(world.seed, 0x5bead));
  const weights = acquisitionWeights(world.window);
  const sum = weights.reduce((a, b) => a + b, 0);
  const contacts = world.options.customers * (1 - COMPOSITION.stale);
  const shares = channelShares();
  let text = '';
  let rows = 0;
  weights.forEach((w, d) => {
    const ms = world.window.startMs + d * DAY_MS;
    for (const channel of ACQUISITION_CHANNELS) {
      const expected = (contacts * shares[channel] * w) / sum;
      for (const [campaign, share] of campaignsAt(channel, ms)) {
        const amount = expected * share * CHANNEL_EFFECTS[channel].cpa * logNormal(rng, -0.01125, 0.15);
        const media = MEDIA[channel];
        let impressions: number | '' = '';
        let clicks: number | '' = '';
        if (media) {
          const noise = logNormal(rng, 0, 0.1);
          if (media.cpc) {
            clicks = Math.round(amount / (media.cpc * noise));
            impressions = Math.round(clicks / media.ctr);
          } else if (media.cpm) {
            impressions = Math.round((amount / (media.cpm * noise)) * 1000);
            clicks = Math.round(impressions * media.ctr);
          }
        }
        text += csvRow([isoDate(ms), channel, campaign, money(amount), 'USD', impressions, clicks]);
        rows++;
      }
    }
  });
  return { text, rows };
}
