import { useCallback, useEffect, useMemo, useState } from 'react';
import { getAgreement } from './api/client.js';
import type { Agreement, User } from './api/types.js';
import { AuthControls } from './components/AuthControls.js';
import { ZoomControl } from './controls/ZoomControl.js';
import { Filters, type LayerToggles } from './components/Filters.js';
import { IncidentPanel } from './components/IncidentPanel.js';
import { LanguageSwitcher } from './components/LanguageSwitcher.js';
import { Legend } from './components/Legend.js';
import { ObservationPanel } from './components/ObservationPanel.js';
import { Timeline } from './components/Timeline.js';
import { agreementLayers } from './geo/agreement-features.js';
import { useI18n } from './i18n/I18n.js';
import { incidentsInWindow, toIncidentCollection } from './incidents/shape.js';
import { useIncidents } from './incidents/useIncidents.js';
import { ClusterCountsLayer } from './layers/ClusterCountsLayer.js';
import { IncidentsLayer } from './layers/IncidentsLayer.js';
import { DisengagementAreasLayer } from './layers/DisengagementAreasLayer.js';
import { LineOfContactLayer } from './layers/LineOfContactLayer.js';
import { MaritimeCorridorsLayer } from './layers/MaritimeCorridorsLayer.js';
import { NoFlyAreasLayer } from './layers/NoFlyAreasLayer.js';
import { ObservationsLayer } from './layers/ObservationsLayer.js';
import { SecurityZoneLayer } from './layers/SecurityZoneLayer.js';
import { MapView, type MapMove } from './map/MapView.js';
import { countByEvent, inWindow, toMapCollection } from './observations/shape.js';
import { useObservations } from './observations/useObservations.js';
import { observedSpan } from './view/time.js';
import { parseView, serialiseView, type View } from './view/url-state.js';

/**
 * The dashboard's one page: header (language, who is looking), the map with the agreement's
 * zones and the observations in view, the side panel (count, filters, legend, details) and the
 * timeline. The view lives in the URL (view/url-state.ts), so a copied link shows the same thing.
 */
export function App() {
  const { t, tn, num } = useI18n();
  const [view, setView] = useState<View>(() => parseView(window.location.search));
  const [bbox, setBbox] = useState<MapMove['bbox'] | null>(null);
  const [user, setUser] = useState<User | null>(null);
  const [agreement, setAgreement] = useState<Agreement | null>(null);
  const [agreementError, setAgreementError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [selectedIncidentId, setSelectedIncidentId] = useState<string | null>(null);
  const [layers, setLayers] = useState<LayerToggles>({ incidents: true, observations: true });

  useEffect(() => {
    const url = serialiseView(view);
    if (url !== window.location.search)
      window.history.replaceState(null, '', url + window.location.hash);
  }, [view]);

  useEffect(() => {
    const abort = new AbortController();
    getAgreement(abort.signal).then(setAgreement, (err: unknown) => {
      if (!abort.signal.aborted)
        setAgreementError(err instanceof Error ? err.message : String(err));
    });
    return () => abort.abort();
  }, []);

  const zones = useMemo(() => (agreement ? agreementLayers(agreement) : null), [agreement]);
  const { state, features, truncated, loading } = useObservations({
    bbox,
    events: view.events,
    weapons: view.weapons,
    who: user ? `${user.name}:${user.role}` : '',
  });
  const fromMs = view.from ? Date.parse(view.from) : null;
  const toMs = view.to ? Date.parse(view.to) : null;
  const shown = useMemo(() => inWindow(features, fromMs, toMs), [features, fromMs, toMs]);
  const mapData = useMemo(() => toMapCollection(shown), [shown]);
  const spans = useMemo(() => features.map((f) => observedSpan(f.properties)), [features]);
  const counts = useMemo(() => countByEvent(shown), [shown]);
  const selected = useMemo(
    () => shown.find((f) => f.id === selectedId) ?? null,
    [shown, selectedId],
  );

  const incidents = useIncidents({
    bbox,
    from: view.from,
    to: view.to,
    who: user ? `${user.name}:${user.role}` : '',
    enabled: layers.incidents,
  });
  const parties = useMemo(() => agreement?.parties ?? [], [agreement]);
  const shownIncidents = useMemo(
    () => (layers.incidents ? incidentsInWindow(incidents.features, fromMs, toMs) : []),
    [incidents.features, fromMs, toMs, layers.incidents],
  );
  const incidentData = useMemo(
    () => toIncidentCollection(shownIncidents, parties),
    [shownIncidents, parties],
  );
  const selectedIncident = useMemo(
    () => shownIncidents.find((f) => f.id === selectedIncidentId) ?? null,
    [shownIncidents, selectedIncidentId],
  );

  const onMove = useCallback((m: MapMove) => {
    setBbox(m.bbox);
    setView((v) => ({ ...v, center: m.center, zoom: m.zoom }));
  }, []);
  const onSelect = useCallback((id: string) => {
    setSelectedId(id);
    setSelectedIncidentId(null);
  }, []);
  const onSelectIncident = useCallback((id: string) => {
    setSelectedIncidentId(id);
    setSelectedId(null);
  }, []);
  const onUser = useCallback((u: User | null) => setUser(u), []);

  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <h1>Truceline</h1>
          <span className="subtitle">{t('app.subtitle')}</span>
        </div>
        <LanguageSwitcher />
        <AuthControls user={user} onUser={onUser} />
      </header>
      <main className="main">
        <MapView center={view.center} zoom={view.zoom} onMove={onMove} label={t('map.label')}>
          {zones && (
            <>
              <SecurityZoneLayer data={zones.securityZone} />
              <NoFlyAreasLayer data={zones.noFlyAreas} />
              <MaritimeCorridorsLayer data={zones.maritimeCorridors} />
              <DisengagementAreasLayer data={zones.disengagementAreas} />
              <LineOfContactLayer data={zones.lineOfContact} />
            </>
          )}
          {layers.observations && (
            <>
              <ObservationsLayer
                data={mapData}
                selectedId={selected?.id ?? null}
                onSelect={onSelect}
              />
              <ClusterCountsLayer source="observations" />
            </>
          )}
          {layers.incidents && (
            <IncidentsLayer
              data={incidentData}
              selected={selectedIncident}
              onSelect={onSelectIncident}
            />
          )}
          <ZoomControl />
        </MapView>
        <aside className="side">
          <section className="count" aria-live="polite">
            <p id="observation-count" data-count={shown.length}>
              {state.status === 'idle' ? (
                // Marked busy too, so "still loading" is one selector (the browser tests wait on it).
                <span className="busy">{t('count.loading')}</span>
              ) : (
                tn('count.observations', shown.length)
              )}
              {loading && <span className="busy"> · {t('count.loading')}</span>}
            </p>
            {truncated && (
              <p className="note">{t('count.truncated', { n: num(features.length) })}</p>
            )}
            {state.status === 'error' && (
              <p className="error" role="alert">
                {t('count.error', { detail: state.detail })}
              </p>
            )}
            {layers.incidents && (
              <p id="incident-count" data-count={shownIncidents.length}>
                {incidents.state.status === 'idle' ? (
                  <span className="busy">{t('count.loading')}</span>
                ) : (
                  tn('count.incidents', shownIncidents.length)
                )}
                {incidents.state.status === 'loading' && (
                  <span className="busy"> · {t('count.loading')}</span>
                )}
              </p>
            )}
            {layers.incidents && incidents.truncated && (
              <p className="note">
                {t('count.incidentsTruncated', { n: num(incidents.features.length) })}
              </p>
            )}
            {layers.incidents && incidents.state.status === 'error' && (
              <p className="error" role="alert">
                {t('count.incidentsError', { detail: incidents.state.detail })}
              </p>
            )}
            {agreementError && (
              <p className="error" role="alert">
                {t('agreement.error', { detail: agreementError })}
              </p>
            )}
          </section>
          {selectedIncident ? (
            <IncidentPanel
              feature={selectedIncident}
              parties={parties}
              onClose={() => setSelectedIncidentId(null)}
            />
          ) : (
            <ObservationPanel
              feature={layers.observations ? selected : null}
              onClose={() => setSelectedId(null)}
            />
          )}
          <Filters
            events={view.events}
            weapons={view.weapons}
            counts={counts}
            onChange={(f) => setView((v) => ({ ...v, ...f }))}
            layers={layers}
            onLayers={setLayers}
          />
          <Legend securityZoneKm={agreement?.securityZone.widthKm ?? null} parties={parties} />
        </aside>
      </main>
      <Timeline
        spans={spans}
        from={fromMs}
        to={toMs}
        onChange={(a, b) =>
          setView((v) => ({
            ...v,
            from: a === null ? null : new Date(a).toISOString(),
            to: b === null ? null : new Date(b).toISOString(),
          }))
        }
      />
    </div>
  );
}
