export { type Catalogue, en, type MessageKey } from './en.js';
export { formatMessage, type Vars } from './icu.js';
export { asLocale, fromAcceptLanguage, LOCALES, type Locale, pickLocale, tagOf } from './locale.js';
export { pl } from './pl.js';
export { type Speaker, speaker } from './speak.js';
export { localizeWarnings, saidWarning, WARNING_MEANINGS_PL } from './warnings.js';
