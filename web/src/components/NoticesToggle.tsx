import type { NoticeAreaCollection } from '../api/notice-areas.js';
import { useI18n } from '../i18n/I18n.js';
import { NOTICE_COLOURS } from '../layers/NoticesLayer.js';

/**
 * The de-confliction layer's switch, with its key (what the two area styles mean) and how many
 * notices and windows of silence the map shows for its time window.
 */
export function NoticesToggle({
  on,
  onChange,
  data,
  error,
  ready,
}: {
  on: boolean;
  onChange: (on: boolean) => void;
  data: NoticeAreaCollection;
  error: string | null;
  /** The last request answered (for the page's tests and busy styling). */
  ready: boolean;
}) {
  const { t, tn, dateTime } = useI18n();
  const notices = data.features.filter((f) => f.properties.kind === 'notice').length;
  const silences = data.features.length - notices;
  return (
    <section
      className="notices-toggle"
      aria-labelledby="notices-title"
      data-state={ready ? 'ready' : 'loading'}
    >
      <fieldset>
        <legend id="notices-title">{t('notices.title')}</legend>
        <label>
          <input
            type="checkbox"
            name="layer"
            value="notices"
            checked={on}
            onChange={() => onChange(!on)}
          />{' '}
          {t('notices.layer')}
        </label>
        <ul className="legend-list">
          <li>
            <span
              className="area-swatch"
              style={{
                background: `${NOTICE_COLOURS.notice}40`,
                borderColor: NOTICE_COLOURS.notice,
              }}
              aria-hidden="true"
            />{' '}
            <span id="notice-count" data-count={notices}>
              {tn('notices.count', notices)}
            </span>
          </li>
          <li>
            <span
              className="area-swatch dashed"
              style={{
                background: `${NOTICE_COLOURS.silence}40`,
                borderColor: NOTICE_COLOURS.silenceEdge,
              }}
              aria-hidden="true"
            />{' '}
            <span id="silence-count" data-count={silences}>
              {tn('notices.silences', silences)}
            </span>
          </li>
        </ul>
        {on && data.features.length > 0 && (
          <ul className="notice-list">
            {data.features.map((f) => (
              <li key={String(f.id)} data-notice={f.properties.id}>
                <code>{f.properties.id}</code>
                {f.properties.party ? ` (${f.properties.party})` : ''}:{' '}
                {t('notices.window', {
                  from: dateTime(f.properties.from),
                  to: dateTime(f.properties.to),
                })}
              </li>
            ))}
          </ul>
        )}
        {error && (
          <p className="error" role="alert">
            {t('notices.error', { detail: error })}
          </p>
        )}
      </fieldset>
    </section>
  );
}
