import { useId } from 'react';
import { useI18n } from '../i18n/I18n.js';
import { LANGS, MESSAGES, type Lang } from '../i18n/messages.js';

/** The UI language: English, Ukrainian, Russian, each named in itself. */
export function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  const id = useId();
  return (
    <div className="lang">
      <label htmlFor={id}>{t('header.language')}</label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {MESSAGES[l]['lang.name']}
          </option>
        ))}
      </select>
    </div>
  );
}
