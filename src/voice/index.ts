/**
 * The voice of the customer over the warehouse: documents from every source of text, their stored analysis
 * (language, sentiment), words, sentiment, topics, SWOT-TOWS and the sales-notes library. The pure text work
 * is in src/text.
 */
export { ensureAnalysed, writePersonSentiment } from './analysis.js';
export { bagTexts, type Corpus, type CorpusDocument, parseLanguage, readCorpus } from './corpus.js';
export {
  DOCUMENT_FIELDS,
  type DocumentFilter,
  type DocumentRow,
  documentsRelation,
  filterCondition,
  parseSource,
  readDocuments,
  SOURCES,
  type Source,
} from './documents.js';
export { type NoteHit, type NotesSearchOptions, searchKey, searchNotes } from './notes-search.js';
export {
  type Precedent,
  type ScenariosResult,
  STAGE_ORDER,
  type StageScenario,
  scenarios,
} from './scenarios.js';
export {
  parseSentimentGroup,
  SENTIMENT_GROUPS,
  type SentimentGroup,
  type SentimentGroupRow,
  type SentimentOptions,
  type SentimentResult,
  sentiment,
} from './sentiment.js';
export { promoteSocialEvents, socialEvent } from './social-events.js';
export { textState } from './state.js';
export {
  COMPETITOR_WORDS,
  draftSwot,
  editSwot,
  loadSwot,
  type SwotDraft,
  type SwotItem,
  saySwot,
  swot,
  swotHtml,
} from './swot.js';
export { type Topic, type TopicsOptions, type TopicsResult, type TopicTrend, topics } from './topics.js';
export { type WordsOptions, type WordsResult, type WordTerm, words } from './words.js';
