import { chooseLanguage } from './api';
import { LANGS, type Lang, t, useLang } from './i18n';

const LANG_NAMES: Record<Lang, string> = { en: 'English', pl: 'Polski' };

/** The language switch: the browser's language by default, any catalogue on demand. */
export function LangSwitch() {
  const current = useLang();
  return (
    <select
      className="lang"
      aria-label={t('common.language')}
      value={current}
      onChange={(e) => void chooseLanguage(e.target.value as Lang)}
    >
      {LANGS.map((l) => (
        <option key={l} value={l}>
          {LANG_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
