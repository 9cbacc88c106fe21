import { useEffect, useState } from 'react';
import { ApiError, getIncident } from '../api/client.js';
import type { Agreement, IncidentFeature, ObservationFeature } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';
import { MESSAGES, type MessageKey } from '../i18n/messages.js';
import { UNDETERMINED } from '../incidents/shape.js';

type Reports =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly observations: readonly ObservationFeature[] }
  | { readonly status: 'error'; readonly detail: string };

/**
 * The selected incident's details: what happened and when, its status, who it is attributed to
 * (or plainly "undetermined", with the server's reason), the provisions it matched and the
 * reports it was fused from. Every value is rendered as text by React (escaped); report texts
 * are shown as written, in their own language when they say which.
 */
export function IncidentPanel({
  feature,
  parties,
  onClose,
}: {
  feature: IncidentFeature;
  parties: Agreement['parties'];
  onClose: () => void;
}) {
  const { t, tn, num, dateTime } = useI18n();
  const [reports, setReports] = useState<Reports>({ status: 'loading' });
  const id = feature.id;

  useEffect(() => {
    const abort = new AbortController();
    setReports({ status: 'loading' });
    getIncident(id, abort.signal).then(
      (f) => setReports({ status: 'ready', observations: f.properties.observations ?? [] }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setReports({
          status: 'error',
          detail: err instanceof ApiError || err instanceof Error ? err.message : String(err),
        });
      },
    );
    return () => abort.abort();
  }, [id]);

  const p = feature.properties;
  const pct = (x: number) => `${num(Math.round(x * 100))} %`;
  const partyName = (party: string) => parties.find((x) => x.id === party)?.name ?? party;
  const undetermined = p.attribution.party === UNDETERMINED;
  const statusKey = `status.${p.status}` as MessageKey;
  const latLon = (lon: number, lat: number) =>
    `${num(Math.abs(lat), 4)}° ${lat < 0 ? 'S' : 'N'}, ${num(Math.abs(lon), 4)}° ${lon < 0 ? 'W' : 'E'}`;
  const rows: [MessageKey, string][] = [
    ['incident.events', p.events.map((e) => t(`event.${e}` as MessageKey)).join(', ')],
    ['incident.count', num(p.count)],
    [
      'incident.weapon',
      t(`weapon.${p.weapon}` as MessageKey) +
        (p.calibreMm !== undefined ? ` (${num(p.calibreMm)} mm)` : ''),
    ],
    [
      'incident.window',
      p.window.from === p.window.to
        ? dateTime(p.window.from)
        : `${dateTime(p.window.from)} – ${dateTime(p.window.to)}`,
    ],
    ['incident.status', statusKey in MESSAGES.en ? t(statusKey) : p.status],
    [
      'incident.place',
      `${latLon(feature.geometry.coordinates[0], feature.geometry.coordinates[1])}, ${t('incident.radius', { m: num(Math.round(p.radius90M)) })}`,
    ],
  ];
  if (p.origin)
    rows.push([
      'incident.origin',
      `${latLon(p.origin.location[0], p.origin.location[1])}, ${t('incident.radius', { m: num(Math.round(p.origin.radius90M)) })}`,
    ]);

  return (
    <article className="incident" aria-labelledby="incident-title">
      <header>
        <h2 id="incident-title">{t('incident.title', { id: p.id })}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('panel.close')}
        </button>
      </header>
      <p className="fused" data-count={p.observationIds.length}>
        {tn('incident.fusedFrom', p.observationIds.length)}
      </p>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{t(k)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>{t('incident.attribution')}</dt>
          <dd className="attribution" data-party={p.attribution.party}>
            {undetermined
              ? t('incident.undetermined')
              : t('incident.attributedTo', {
                  party: partyName(p.attribution.party),
                  pct: pct(p.attribution.confidence),
                })}
          </dd>
        </div>
        {undetermined && p.attribution.reason && (
          <div>
            <dt>{t('incident.reason')}</dt>
            <dd lang="en">{p.attribution.reason}</dd>
          </div>
        )}
        <div>
          <dt>{t('incident.provisions')}</dt>
          <dd>
            {p.provisions.length === 0 ? (
              t('incident.noProvisions')
            ) : (
              <ul className="provisions">
                {p.provisions.map((m) => (
                  <li key={m.provisionId}>
                    <span lang="en">{m.text}</span>{' '}
                    <span className="confidence">
                      ({t('incident.provisionConfidence', { pct: pct(m.confidence) })})
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('incident.reports')}</dt>
          <dd>
            {reports.status === 'loading' ? (
              t('incident.reportsLoading')
            ) : reports.status === 'error' ? (
              <span role="alert">{t('incident.reportsError', { detail: reports.detail })}</span>
            ) : reports.observations.some((o) => o.properties.text) ? (
              <ul className="reports">
                {reports.observations
                  .filter((o) => o.properties.text)
                  .map((o) => (
                    <li key={o.id}>
                      <span lang={o.properties.lang}>{o.properties.text}</span>
                    </li>
                  ))}
              </ul>
            ) : (
              t('incident.reportsNone')
            )}
          </dd>
        </div>
      </dl>
    </article>
  );
}
