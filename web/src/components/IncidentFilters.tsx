import type { Agreement } from '../api/types.js';
import { SOURCE_KINDS } from '../api/vocabulary.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import {
  INCIDENT_STATUSES,
  PROVISION_KINDS,
  type AttributionSide,
  type IncidentView,
  type ProvisionKind,
} from '../view/incident-view.js';

type Filters = Pick<IncidentView, 'statuses' | 'side' | 'provision' | 'sources'>;

/**
 * Filters beside kind and weapon (Filters.tsx): incidents by status, the side they are attributed
 * to (or none) and the provision they matched; observations by source. They live in the URL
 * (view/incident-view.ts) and are asked of the API, so a shared link shows the same thing.
 */
export function IncidentFilters({
  value,
  parties,
  onChange,
}: {
  value: Filters;
  parties: Agreement['parties'];
  onChange: (next: Filters) => void;
}) {
  const { t } = useI18n();
  const sideLabel = (side: 'left' | 'right') =>
    parties
      .filter((p) => p.side === side)
      .map((p) => p.name)
      .join(', ') || side;
  const toggle = <K extends string>(all: readonly K[], chosen: readonly K[], k: K): K[] => {
    const shown = chosen.length === 0 ? [...all] : [...chosen];
    const next = shown.includes(k) ? shown.filter((x) => x !== k) : [...shown, k];
    if (next.length === 0) return [...chosen];
    return next.length === all.length ? [] : all.filter((x) => next.includes(x));
  };
  const any =
    value.statuses.length > 0 || value.side || value.provision || value.sources.length > 0;
  return (
    <section className="filters incident-filters" aria-labelledby="incident-filters-title">
      <h2 id="incident-filters-title">{t('ifilters.title')}</h2>
      <fieldset>
        <legend>{t('ifilters.status')}</legend>
        <ul className="checklist">
          {INCIDENT_STATUSES.map((s) => (
            <li key={s}>
              <label>
                <input
                  type="checkbox"
                  name="status"
                  value={s}
                  checked={value.statuses.length === 0 || value.statuses.includes(s)}
                  onChange={() =>
                    onChange({ ...value, statuses: toggle(INCIDENT_STATUSES, value.statuses, s) })
                  }
                />
                <span className="kind">{t(`status.${s}` as MessageKey)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <label className="select">
        <span>{t('ifilters.side')}</span>{' '}
        <select
          name="side"
          value={value.side ?? ''}
          onChange={(e) =>
            onChange({ ...value, side: (e.target.value || null) as AttributionSide | null })
          }
        >
          <option value="">{t('ifilters.sideAny')}</option>
          <option value="left">{t('ifilters.sideOf', { parties: sideLabel('left') })}</option>
          <option value="right">{t('ifilters.sideOf', { parties: sideLabel('right') })}</option>
          <option value="undetermined">{t('ifilters.undetermined')}</option>
        </select>
      </label>
      <label className="select">
        <span>{t('ifilters.provision')}</span>{' '}
        <select
          name="provision"
          value={value.provision ?? ''}
          onChange={(e) =>
            onChange({ ...value, provision: (e.target.value || null) as ProvisionKind | null })
          }
        >
          <option value="">{t('ifilters.provisionAny')}</option>
          {PROVISION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`provision.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('ifilters.source')}</legend>
        <ul className="checklist">
          {SOURCE_KINDS.map((s) => (
            <li key={s}>
              <label>
                <input
                  type="checkbox"
                  name="source"
                  value={s}
                  checked={value.sources.length === 0 || value.sources.includes(s)}
                  onChange={() =>
                    onChange({ ...value, sources: toggle(SOURCE_KINDS, value.sources, s) })
                  }
                />
                <span className="kind">{t(`source.${s}` as MessageKey)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {any && (
        <button
          type="button"
          className="link"
          onClick={() => onChange({ statuses: [], side: null, provision: null, sources: [] })}
        >
          {t('ifilters.clear')}
        </button>
      )}
    </section>
  );
}
