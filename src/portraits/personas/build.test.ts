import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { speaker } from '../../i18n/index.js';
import type { Measured } from '../summary.js';
import { buildPersona, type PersonaFigures } from './build.js';
import { NO_ORDERS, type OrderFacts } from './facts.js';

// A segment of 600 members with 3,000 orders against 40,000 orders elsewhere, measured as buildPersona reads it.
const orders = (o: Partial<OrderFacts>): OrderFacts => ({ ...NO_ORDERS, ...o });
const measured: Measured = {
  sizes: { a: 600, b: 9400, profiles: 10_000 },
  totals: {
    a: { revenue: 300_000, buyers: 600, orders: 3000 },
    b: { revenue: 2_000_000, buyers: 8000, orders: 40_000 },
    all: 2_300_000,
  },
  distributions: {} as Measured['distributions'],
  numbers: { orders: { mean: 5, median: 5, restMean: 5, restMedian: 5, known: 600, restKnown: 9400 } },
  engagement: [],
  productsA: [],
  productsB: [],
  contrasts: { correction: '', tests: 0, contrasts: [] },
};

function figures(a: Partial<OrderFacts>, b: Partial<OrderFacts>, sources: PersonaFigures['sources']) {
  return {
    segment: 'loyal',
    measured,
    orders: { a: orders({ orders: 3000, revenue: 300_000, ...a }), b: orders({ orders: 40_000, ...b }) },
    acquisition: { cost: 0, covered: 0 },
    funnel: { steps: [] },
    complaints: { items: [], totalA: 0, totalB: 0 },
    objections: { items: [], notesA: 0 },
    sources,
    times: { hours: [], days: [], totalA: 0, totalB: 0, timeZone: 'UTC' },
    decision: { known: 0, yes: 0, companies: 0 },
  } satisfies PersonaFigures;
}

describe('persona drivers', () => {
  test('triggers and sources are named only where they set the segment apart, never at a lift of about 1', () => {
    // A view precedes 67 % of their orders and 61 % of everyone else's (lift 1.1); a discount 18.6 % against
    // 18.8 % (lift 0.99); a campaign 27 % against 100 % (lift 0.27). A click precedes 30 % against 10 % (lift 3).
    const f = figures(
      { afterView: 2010, discounted: 558, campaign: 810, afterClick: 900 },
      { afterView: 24_400, discounted: 7520, campaign: 40_000, afterClick: 4000 },
      {
        items: [
          { value: 'utm_source: harborpine', a: 2580, b: 140 },
          { value: 'utm_source: google', a: 2090, b: 9000 },
          { value: 'utm_source: instagram', a: 1460, b: 8000 },
        ],
        totalA: 10_000,
        totalB: 40_000,
      },
    );
    const p = buildPersona(f);
    assert.equal(p.triggers.length, 1, p.triggers.join('\n'));
    assert.match(
      p.triggers[0] ?? '',
      /^A message click in the 7 days before: 30(\.0)?% of their orders \(×3/,
    );
    assert.equal(p.infoSources.length, 1, p.infoSources.join('\n'));
    assert.match(p.infoSources[0] ?? '', /^utm_source: harborpine: 25\.8% of their sourced touchpoints/);
    const q = p.evidence.find((e) => e.field === 'triggers')?.figures.qValue;
    assert.ok(typeof q === 'number' && q < 0.05, `q ${q}`);
  });

  test('when nothing sets them apart, the persona says so in words, in English and in Polish', () => {
    const f = figures(
      { afterView: 2010, discounted: 558 },
      { afterView: 24_400, discounted: 7520 },
      {
        items: [{ value: 'utm_source: google', a: 2090, b: 9000 }],
        totalA: 10_000,
        totalB: 40_000,
      },
    );
    const en = buildPersona(f);
    assert.deepEqual(en.triggers, [
      'Nothing sets their orders apart: no message click, campaign, discount, product view or life event precedes their 3,000 orders at least 1.2× as often as everyone else’s beyond chance',
    ]);
    assert.equal(en.unsupported.includes('triggers'), false, 'a finding, not a gap in the data');
    assert.match(
      en.infoSources[0] ?? '',
      /^No source sets them apart: .*\(their commonest: utm_source: google, 20\.9%\)$/,
    );
    const pl = buildPersona(f, speaker('pl'));
    assert.match(
      pl.triggers[0] ?? '',
      /^Nic nie wyróżnia ich zamówień: .* ich 3\s?000 zamówień co najmniej 1,2 razy/,
    );
    assert.match(pl.infoSources[0] ?? '', /^Żadne źródło ich nie wyróżnia/);
  });
});
