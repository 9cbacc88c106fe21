import { EVENT_KINDS, WEAPON_KINDS, type EventKind, type WeaponKind } from '../api/vocabulary.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { EVENT_COLOURS } from '../map/palette.js';

export interface FiltersProps {
  /** Kinds shown; empty = all. */
  readonly events: readonly EventKind[];
  readonly weapons: readonly WeaponKind[];
  readonly onChange: (f: { events: EventKind[]; weapons: WeaponKind[] }) => void;
  /** Per-kind counts of what is loaded, shown beside each kind. */
  readonly counts: Partial<Record<EventKind, number>>;
  /** Which layers are drawn (both by default). */
  readonly layers: LayerToggles;
  readonly onLayers: (next: LayerToggles) => void;
}

export interface LayerToggles {
  readonly incidents: boolean;
  readonly observations: boolean;
}

/**
 * Which kinds of event and which weapons the map shows. All are shown when none is unticked;
 * the last ticked box of a group cannot be unticked (an empty map is never a filter's answer).
 */
export function Filters({ events, weapons, onChange, counts, layers, onLayers }: FiltersProps) {
  const { t, num } = useI18n();
  return (
    <section className="filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{t('filters.title')}</h2>
      <fieldset>
        <legend>{t('layers.title')}</legend>
        <ul className="checklist">
          {(['incidents', 'observations'] as const).map((k) => (
            <li key={k}>
              <label>
                <input
                  type="checkbox"
                  name="layer"
                  value={k}
                  checked={layers[k]}
                  onChange={() => onLayers({ ...layers, [k]: !layers[k] })}
                />
                <span className="kind">{t(`layers.${k}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>{t('filters.events')}</legend>
        <KindChecklist
          all={EVENT_KINDS}
          chosen={events}
          label={(k) => t(`event.${k}` as MessageKey)}
          swatch={(k) => EVENT_COLOURS[k]}
          count={(k) => (counts[k] ? num(counts[k]!) : '')}
          onChange={(next) => onChange({ events: next, weapons: [...weapons] })}
          name="event"
        />
      </fieldset>
      <details>
        <summary>{t('filters.weapons')}</summary>
        <fieldset>
          <legend className="visually-hidden">{t('filters.weapons')}</legend>
          <KindChecklist
            all={WEAPON_KINDS}
            chosen={weapons}
            label={(k) => t(`weapon.${k}` as MessageKey)}
            onChange={(next) => onChange({ events: [...events], weapons: next })}
            name="weapon"
          />
        </fieldset>
      </details>
    </section>
  );
}

interface ChecklistProps<K extends string> {
  readonly all: readonly K[];
  readonly chosen: readonly K[];
  readonly label: (k: K) => string;
  readonly swatch?: (k: K) => string;
  readonly count?: (k: K) => string;
  readonly onChange: (next: K[]) => void;
  readonly name: string;
}

function KindChecklist<K extends string>({
  all,
  chosen,
  label,
  swatch,
  count,
  onChange,
  name,
}: ChecklistProps<K>) {
  const { t } = useI18n();
  const shown = (k: K) => chosen.length === 0 || chosen.includes(k);
  const ticked = all.filter(shown);
  const toggle = (k: K) => {
    const next = shown(k) ? ticked.filter((x) => x !== k) : [...ticked, k];
    if (next.length === 0) return;
    onChange(next.length === all.length ? [] : all.filter((x) => next.includes(x)));
  };
  return (
    <>
      <ul className="checklist">
        {all.map((k) => (
          <li key={k}>
            <label>
              <input
                type="checkbox"
                name={name}
                value={k}
                checked={shown(k)}
                disabled={ticked.length === 1 && shown(k)}
                onChange={() => toggle(k)}
              />
              {swatch && (
                <span className="swatch" style={{ background: swatch(k) }} aria-hidden="true" />
              )}
              <span className="kind">{label(k)}</span>
              {count && <span className="n">{count(k)}</span>}
            </label>
          </li>
        ))}
      </ul>
      {chosen.length > 0 && (
        <button type="button" className="link" onClick={() => onChange([])}>
          {t('filters.all')}
        </button>
      )}
    </>
  );
}
