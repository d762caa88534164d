import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, analyzeTerms, detectLanguage, matchKeywords, stemPolish } from './index.js';

const labels = (text: string, language?: 'en' | 'pl') =>
  analyze(text, language ? { language } : {})
    .terms.filter((t) => t !== null)
    .map((t) => t!.label);

describe('language', () => {
  test('detectLanguage() tells English from Polish and falls back on short text', () => {
    assert.equal(
      detectLanguage('The delivery was fast and the shoes fit perfectly, I recommend this shop.'),
      'en',
    );
    assert.equal(
      detectLanguage('Dostawa była bardzo szybka, buty pasują idealnie, polecam ten sklep wszystkim.'),
      'pl',
    );
    assert.equal(detectLanguage('Super, polecam!'), 'en', 'too short and no Polish letters: the fallback');
    assert.equal(detectLanguage('Świetne'), 'pl', 'short, but Polish letters');
    assert.equal(detectLanguage('ok', { fallback: 'pl' }), 'pl');
    assert.equal(detectLanguage('The delivery was fast', { override: 'pl' }), 'pl');
    assert.equal(detectLanguage('😀😀 🎉'), 'und');
    assert.equal(detectLanguage(''), 'und');
  });
});

describe('terms', () => {
  test('English: lemmas, stop words out, negated polar words as "not X", hashtags and emojis kept', () => {
    const t = labels("I didn't like the shoes, they were NOT good!!! #fail 😡 Running shoes are great.");
    assert.ok(t.includes('shoe'), `lemma shoe in ${t}`);
    assert.ok(t.includes('not like'), `negated like in ${t}`);
    assert.ok(t.includes('not good'), `negated good in ${t}`);
    assert.ok(t.includes('#fail'));
    assert.ok(t.includes('😡'));
    assert.ok(t.includes('great'));
    assert.ok(!t.includes('the') && !t.includes('they'));
  });

  test('Polish keeps diacritics, loses stop words and groups inflections under one stem', () => {
    const doc = analyze(
      'Dostawa była szybka, ale dostawy w zeszłym miesiącu się spóźniały. Żółty kolor jest piękny.',
    );
    assert.equal(doc.language, 'pl');
    const t = doc.terms.filter((x) => x !== null);
    const labelsOf = t.map((x) => x!.label);
    assert.ok(labelsOf.includes('żółty'), `diacritics kept: ${labelsOf}`);
    assert.ok(!labelsOf.includes('się') && !labelsOf.includes('jest'), `stop words out: ${labelsOf}`);
    const keys = t.filter((x) => x!.label.startsWith('dostaw')).map((x) => x!.key);
    assert.equal(new Set(keys).size, 1, `dostawa and dostawy share a key: ${keys}`);
    assert.equal(stemPolish('dostawa'), stemPolish('dostawie'));
  });

  test('HTML stays text, and bad input never throws', () => {
    const html = analyze('<script>alert(1)</script> <b>great</b> service');
    assert.ok(
      html.terms.some((t) => t?.label === 'script'),
      'tag names are words of the text',
    );
    for (const raw of ['', '   ', '\u0000\u0001\u00ff\ud800binary\u0007junk', '😀😀😀', '!!!???', '12345']) {
      const doc = analyze(raw);
      assert.ok(doc.sentiment >= -1 && doc.sentiment <= 1);
    }
    const emoji = analyze('😍🎉');
    assert.ok(emoji.sentiment > 0, 'emoji-only posts carry sentiment');
    assert.deepEqual(
      emoji.terms.filter((t) => t !== null).map((t) => t!.label),
      ['😍', '🎉'],
    );
  });

  test('a 1 MB text is analysed (to its first million characters)', () => {
    const big = 'The delivery was late and the box was damaged. '.repeat(22_000);
    const doc = analyze(big);
    assert.equal(doc.truncated, true);
    assert.ok(doc.sentiment < 0);
    assert.ok(doc.terms.length > 10_000);
  });
});

describe('sentiment', () => {
  test('negation, emphasis, contrast and exclamation move the score the right way', () => {
    const s = (t: string) => analyze(t, { language: 'en' }).sentiment;
    assert.ok(s('This is good') > 0);
    assert.ok(s('This is not good') < 0);
    assert.ok(s('This is very good') > s('This is good'));
    assert.ok(s('This is GOOD') > s('This is good'));
    assert.ok(s('This is good!!!') > s('This is good'));
    assert.ok(s('It looked nice but it broke after a week') < 0);
    assert.equal(s('The box is brown'), 0);
  });

  test('Polish: lexicon, stems and negation', () => {
    const s = (t: string) => analyze(t, { language: 'pl' }).sentiment;
    assert.ok(s('Świetny produkt, polecam') > 0);
    assert.ok(s('Nie polecam, produkt beznadziejny') < 0);
    assert.ok(s('Dostawa była opóźniona') < 0);
  });
});

describe('matchKeywords', () => {
  test('whole words and hashtags, any case, literal metacharacters, optional folding', () => {
    assert.deepEqual(matchKeywords('Love the new #Refund policy', ['refund', 'love', 'policies']), [
      'refund',
      'love',
    ]);
    assert.deepEqual(matchKeywords('refunded already', ['refund']), [], 'whole words only');
    assert.deepEqual(matchKeywords('I code in C++ and a.b', ['c++', 'a.b', 'a*b', '(x)']), ['c++', 'a.b']);
    assert.deepEqual(matchKeywords('axb', ['a.b']), [], 'a dot is a dot');
    assert.deepEqual(matchKeywords('#sale today', ['#sale', '#sales']), ['#sale']);
    assert.deepEqual(matchKeywords('Late   delivery again', ['late delivery']), ['late delivery']);
    assert.deepEqual(matchKeywords('żółty szalik', ['zolty']), []);
    assert.deepEqual(matchKeywords('ŻÓŁTY szalik', ['zolty'], { foldDiacritics: true }), ['zolty']);
    assert.deepEqual(matchKeywords('Zolty szalik', ['żółty'], { foldDiacritics: true }), ['żółty']);
    assert.deepEqual(matchKeywords('', ['x']), []);
    assert.deepEqual(matchKeywords('text', []), []);
  });
});

// Issue 13: counting words (the persona's voice, words, topics) reads a text's terms without scoring it again.
test('analyzeTerms finds the terms and language analyze finds, without sentiment or tokens', () => {
  for (const text of [
    'Not good at all, the delivery was late and nobody answered #fail',
    'Nie polecam, buty rozpadły się po tygodniu, ale obsługa była miła',
    'Die Lieferung war schnell und die Schuhe passen gut',
    '',
  ]) {
    const whole = analyze(text);
    const terms = analyzeTerms(text);
    assert.deepEqual(terms, { language: whole.language, terms: whole.terms, truncated: whole.truncated });
    assert.deepEqual(analyzeTerms(text, { language: 'en' }).terms, analyze(text, { language: 'en' }).terms);
  }
});
