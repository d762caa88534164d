import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from './analyze.js';
import { type CloudWord, drawCloud, sentimentColour } from './cloud.js';
import { logOddsDirichlet } from './logodds.js';
import { findPhrases, termBag } from './phrases.js';
import { fitTopics } from './topics.js';

test('logOddsDirichlet() gives a term over-used by the selection a large positive z, a shared one about 0', () => {
  const { delta, z } = logOddsDirichlet([
    { selection: 50, comparison: 5 },
    { selection: 100, comparison: 100 },
    { selection: 2, comparison: 60 },
  ]);
  assert.ok(z[0]! > 3, `z ${z[0]}`);
  assert.ok(Math.abs(z[1]!) < 2, `z ${z[1]}`);
  assert.ok(z[2]! < -3, `z ${z[2]}`);
  assert.ok(delta[0]! > 0 && delta[2]! < 0);
  // Monroe et al.: δ's variance is 1/(y_i+α) + 1/(y_j+α), so the same ratio on ten times the counts is surer.
  const small = logOddsDirichlet([
    { selection: 10, comparison: 2 },
    { selection: 90, comparison: 98 },
  ]).z[0]!;
  const large = logOddsDirichlet([
    { selection: 100, comparison: 20 },
    { selection: 900, comparison: 980 },
  ]).z[0]!;
  assert.ok(large > small);
});

test('findPhrases() keeps collocations seen in several documents and never joins across a clause', () => {
  const texts = [
    'The delivery was late again.',
    'Late delivery, nobody told me.',
    'Another late delivery this week.',
    'Late delivery ruined the gift.',
    'Great price. Delivery fine.',
    'The price was late news, delivery fine.',
    'Lovely colours on the scarf.',
    'The shoes fit perfectly.',
    'Customer service answered quickly.',
    'Packaging was recyclable and neat.',
    'Buttons fell off the coat.',
    'Bought a gift card for my sister.',
  ];
  const docs = texts.map((t) => analyze(t, { language: 'en' }).terms);
  const phrases = findPhrases(docs, { minDocuments: 3 });
  assert.ok(phrases.has('late delivery'), [...phrases.keys()].join(', '));
  assert.ok(!phrases.has('price delivery'), 'a period separates them');
  const bag = termBag(docs[1]!, phrases).map((t) => t.label);
  assert.ok(bag.includes('late delivery') && bag.includes('late') && bag.includes('delivery'));
});

test('fitTopics() separates two planted themes and picks k = 2 by coherence', () => {
  const a = [
    'late delivery package delayed tracking',
    'package delayed late tracking courier',
    'courier late package tracking',
  ];
  const b = [
    'soft fabric comfortable fit size',
    'comfortable size fit fabric',
    'fabric soft fit comfortable',
  ];
  const docs = [];
  for (let i = 0; i < 20; i++)
    docs.push({ keys: a[i % 3]!.split(' '), theme: 0 }, { keys: b[i % 3]!.split(' '), theme: 1 });
  const fit = fitTopics(docs, { k: 'auto', maxK: 4, minDocuments: 2 });
  assert.equal(fit.k, 2, JSON.stringify(fit.tried));
  const topicOfTheme = [fit.assignment[0], fit.assignment[1]];
  assert.notEqual(topicOfTheme[0], topicOfTheme[1]);
  for (const [i, d] of docs.entries()) assert.equal(fit.assignment[i], topicOfTheme[d.theme]);
  const words = (t: number) => fit.topics[t]!.terms.slice(0, 3).map((x) => fit.vocabulary[x.index]);
  assert.ok(
    words(topicOfTheme[0]!).some((w) => ['late', 'package', 'tracking', 'delayed', 'courier'].includes(w!)),
  );
});

test('drawCloud() places words without overlap, escapes them and colours by sentiment', () => {
  const words: CloudWord[] = Array.from({ length: 40 }, (_, i) => ({
    text: `word${i}`,
    weight: 40 - i,
    sentiment: i % 2 ? -0.8 : 0.8,
  }));
  words.push({ text: '<script>&', weight: 50, sentiment: null });
  const { svg, placed } = drawCloud(words, { width: 600, height: 400 });
  assert.ok(placed >= 20, `placed ${placed}`);
  assert.ok(svg.startsWith('<svg'));
  assert.ok(svg.includes('&lt;script&gt;&amp;') && !svg.includes('<script>'));
  const boxes = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" font-size="(\d+)"[^>]*>([^<]*)</g)];
  assert.equal(boxes.length, placed);
  assert.notEqual(sentimentColour(-1), sentimentColour(1));
  assert.equal(sentimentColour(null), sentimentColour(0));
});
