/**
 * The text pipeline, pure: language, tokens, lemmas and Polish stems, stop words, negation and emphasis,
 * terms and phrases, sentiment, keyword matching, distinctive terms (log-odds), topics (NMF) and the word
 * cloud drawing. No I/O and no SQL: src/voice feeds it from the warehouse.
 */
export { type AnalyzeOptions, analyze, analyzeTerms, type Term, type TextDocument } from './analyze.js';
export { cleanText, MAX_TEXT } from './clean.js';
export { type CloudOptions, type CloudWord, drawCloud, sentimentColour, textWidth } from './cloud.js';
export { keywordMatcher, type MatchOptions, matchKeywords, normalizeForMatch } from './keywords.js';
export { type DetectOptions, detectLanguage, isLanguage, LANGUAGES, type Language } from './language.js';
export { logOddsDirichlet, type TermCounts } from './logodds.js';
export { escapeXml } from './markup.js';
export { type NmfResult, nmf, type SparseRows } from './nmf.js';
export { findPhrases, type Phrase, type PhraseOptions, termBag } from './phrases.js';
export { ranks, spearman } from './rank.js';
export { redactPersonal } from './redact.js';
export { scoreTokens, valence } from './sentiment.js';
export { foldPolish, stemPolish } from './stem-pl.js';
export { stopWords } from './stopwords.js';
export { NEGATORS, type Token, type TokenKind, tokenize } from './tokenize.js';
export { fitTopics, type TopicFit, type TopicInput, type TopicOptions, type TopicsFit } from './topics.js';
