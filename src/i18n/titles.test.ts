import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segmentTitle } from '../segments/words.js';
import { phrase, say } from './phrase.js';
import { speaker } from './speak.js';
import { titlePhrase } from './titles.js';
import { speakerVoice } from './voice.js';

// An error's Polish detail names a saved thing by the title the Polish screens give it, not by the English one.
test('a title as a phrase is said as segmentTitle says it, in each language', () => {
  for (const tag of ['en', 'pl'] as const) {
    const s = speaker(tag);
    for (const name of [
      'cluster-2',
      'stage-repeat',
      'stage-first-purchase',
      'play-at-risk',
      'repeat_buyers',
    ]) {
      const said = say(s, phrase('error.noAudience', { name: titlePhrase(name) }));
      const title = segmentTitle(speakerVoice(s), name);
      assert.ok(said.includes(`„${title}”`) || said.includes(`“${title}”`), `${tag} ${name}: ${said}`);
    }
  }
});
