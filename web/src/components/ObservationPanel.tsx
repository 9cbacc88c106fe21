import type { ObservationFeature } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { observedSpan } from '../view/time.js';

/**
 * The selected observation's details. Every value is rendered as text by React (escaped); the
 * reporter's free text is shown as written, in its own language when it says which.
 */
export function ObservationPanel({
  feature,
  onClose,
}: {
  feature: ObservationFeature | null;
  onClose: () => void;
}) {
  const { t, num, dateTime } = useI18n();
  if (!feature) return <p className="hint">{t('panel.hint')}</p>;
  const o = feature.properties;
  const span = observedSpan(o);
  const rows: [MessageKey, string][] = [
    ['panel.event', t(`event.${o.event}` as MessageKey)],
    ['panel.count', num(o.count)],
    [
      'panel.weapon',
      t(`weapon.${o.weapon}` as MessageKey) +
        (o.calibreMm !== undefined ? ` (${num(o.calibreMm)} mm)` : ''),
    ],
    ['panel.direction', t(`direction.${o.direction}` as MessageKey)],
    [
      'panel.time',
      span.from === span.to ? dateTime(span.from) : `${dateTime(span.from)} – ${dateTime(span.to)}`,
    ],
    [
      'panel.source',
      `${t(`source.${o.source.kind}` as MessageKey)}: ${o.source.id}${o.source.party ? ` (${o.source.party})` : ''}`,
    ],
  ];
  const latLon = (lat: number, lon: number) =>
    `${num(Math.abs(lat), 4)}° ${lat < 0 ? 'S' : 'N'}, ${num(Math.abs(lon), 4)}° ${lon < 0 ? 'W' : 'E'}`;
  if (o.location)
    rows.push([
      'panel.place',
      `${latLon(o.location.lat, o.location.lon)} ${t('panel.radius', { m: num(o.location.radiusM) })}`,
    ]);
  if (o.observer) rows.push(['panel.observer', latLon(o.observer.lat, o.observer.lon)]);
  if (o.bearing)
    rows.push([
      'panel.bearing',
      t('panel.deg', { from: num(o.bearing.fromDeg, 2), to: num(o.bearing.toDeg, 2) }),
    ]);
  if (o.distanceKm)
    rows.push([
      'panel.distance',
      t('panel.km', { min: num(o.distanceKm.min, 2), max: num(o.distanceKm.max, 2) }),
    ]);
  if (o.visibility) rows.push(['panel.visibility', t(`visibility.${o.visibility}` as MessageKey)]);
  if (o.receivedAt) rows.push(['panel.received', dateTime(o.receivedAt)]);
  return (
    <article className="observation" aria-labelledby="observation-title">
      <header>
        <h2 id="observation-title">{t('panel.title', { id: o.id })}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('panel.close')}
        </button>
      </header>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{t(k)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        {o.text && (
          <div>
            <dt>{t('panel.text')}</dt>
            <dd lang={o.lang}>{o.text}</dd>
          </div>
        )}
        {o.evidence && o.evidence.length > 0 && (
          <div>
            <dt>{t('panel.evidence')}</dt>
            <dd>
              <ul className="hashes">
                {o.evidence.map((e) => (
                  <li key={e.sha256}>
                    <code>{e.sha256}</code> {e.mediaType ?? ''}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {o.ledgerIndex !== undefined && (
          <div>
            <dt>{t('panel.ledger')}</dt>
            <dd>
              <a href={`/log/entries/${o.ledgerIndex}`}>#{o.ledgerIndex}</a>
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}
