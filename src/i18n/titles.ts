import { segmentTitle } from '../segments/words.js';
import type { MessageKey } from './en.js';
import { type PhraseValue, phrase } from './phrase.js';
import { speaker } from './speak.js';
import { speakerVoice } from './voice.js';

// Things saved under a key (a segment, destination, audience, campaign …) named by their titles in messages
// meant for people (an error's message and its Polish detail), never by the key; the key stays in the error's
// `details`, for programs.

const EN = speakerVoice(speaker('en'));

/** The title of what is saved under `name`, in English (an error's message): "old_crm" → "Old CRM". */
export function titleEn(name: string): string {
  return segmentTitle(EN, name);
}

/**
 * The title of what is saved under `name` as a phrase's value: a title from the catalogue (a play's parts,
 * `play-at-risk`; a sales-cycle stage's, `stage-repeat`; a clustering's group, `cluster-2`) as its phrase, said
 * in the reader's language, in the order segmentTitle (src/segments/words.ts) tries them; any other as words,
 * which every language reads.
 */
export function titlePhrase(name: string): PhraseValue {
  if (EN.has(`segment.title.${name}`)) return phrase(`segment.title.${name}` as MessageKey);
  const play = /^play-(.+)$/.exec(name)?.[1];
  if (play && EN.has(`segment.play.${play}`)) return phrase(`segment.play.${play}` as MessageKey);
  const stage = /^stage-(.+)$/.exec(name)?.[1]?.replaceAll('-', '_');
  if (stage && EN.has(`personas.stage.${stage}`))
    return phrase('segment.stage', { stage: phrase(`personas.stage.${stage}` as MessageKey) });
  const cluster = /^cluster-(\d+)$/.exec(name)?.[1];
  if (cluster !== undefined) return phrase('segment.cluster', { n: cluster });
  return titleEn(name);
}
