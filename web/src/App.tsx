import { useCallback, useEffect, useMemo, useState } from 'react';
import { getAgreement } from './api/client.js';
import type { Agreement, IncidentFeature, User } from './api/types.js';
import { AuthControls } from './components/AuthControls.js';
import { ZoomControl } from './controls/ZoomControl.js';
import { Filters, type LayerToggles } from './components/Filters.js';
import { IncidentFilters } from './components/IncidentFilters.js';
import { IncidentPanel } from './components/IncidentPanel.js';
import { LanguageSwitcher } from './components/LanguageSwitcher.js';
import { Legend } from './components/Legend.js';
import { NoticesToggle } from './components/NoticesToggle.js';
import { ObservationPanel } from './components/ObservationPanel.js';
import { PageNav } from './components/PageNav.js';
import { useNoticeAreas } from './components/useNoticeAreas.js';
import { Timeline } from './components/Timeline.js';
import { agreementLayers } from './geo/agreement-features.js';
import { useI18n } from './i18n/I18n.js';
import { incidentsInWindow, toIncidentCollection } from './incidents/shape.js';
import { useIncidents } from './incidents/useIncidents.js';
import { useTimelineBars } from './incidents/useTimelineBars.js';
import { IncidentsLayer } from './layers/IncidentsLayer.js';
import { IncidentGridLayer, IncidentGridLegend } from './layers/IncidentGridLayer.js';
import { toIncidentGridMapCollection } from './incidents/grid.js';
import { DisengagementAreasLayer } from './layers/DisengagementAreasLayer.js';
import { LineOfContactLayer } from './layers/LineOfContactLayer.js';
import { MaritimeCorridorsLayer } from './layers/MaritimeCorridorsLayer.js';
import { NoFlyAreasLayer } from './layers/NoFlyAreasLayer.js';
import { NoticesLayer } from './layers/NoticesLayer.js';
import { ObservationGridLayer } from './layers/ObservationGridLayer.js';
import { ObservationsLayer } from './layers/ObservationsLayer.js';
import { SecurityZoneLayer } from './layers/SecurityZoneLayer.js';
import { MapView, type MapMove } from './map/MapView.js';
import { gridCountByEvent, toGridMapCollection } from './observations/grid.js';
import { countByEvent, toMapCollection } from './observations/shape.js';
import { useObservations } from './observations/useObservations.js';
import { IncidentPage } from './pages/IncidentPage.js';
import { withPage } from './pages/page-route.js';
import { PageView } from './pages/PageView.js';
import { usePage } from './pages/usePage.js';
import { parseIncidentView, withIncidentView, type IncidentView } from './view/incident-view.js';
import { parseView, serialiseView, type View } from './view/url-state.js';

/**
 * The dashboard's one page: header (language, who is looking), the map with the agreement's
 * zones and the observations in view, the side panel (count, filters, legend, details) and the
 * timeline. The view lives in the URL (view/url-state.ts), so a copied link shows the same thing.
 */
export function App() {
  const { t, tn, num } = useI18n();
  const [view, setView] = useState<View>(() => parseView(window.location.search));
  const [iview, setIView] = useState<IncidentView>(() => parseIncidentView(window.location.search));
  const [pageIncident, setPageIncident] = useState<IncidentFeature | null>(null);
  const [bbox, setBbox] = useState<MapMove['bbox'] | null>(null);
  const [user, setUser] = useState<User | null>(null);
  const [agreement, setAgreement] = useState<Agreement | null>(null);
  const [agreementError, setAgreementError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [selectedIncidentId, setSelectedIncidentId] = useState<string | null>(null);
  const [layers, setLayers] = useState<LayerToggles>({ incidents: true, observations: true });
  const [page, openPageId] = usePage();
  const [showNotices, setShowNotices] = useState(true);

  useEffect(() => {
    const url = withPage(withIncidentView(serialiseView(view), iview), page);
    if (url !== window.location.search)
      window.history.replaceState(null, '', url + window.location.hash);
  }, [view, iview, page]);

  useEffect(() => {
    const abort = new AbortController();
    getAgreement(abort.signal).then(setAgreement, (err: unknown) => {
      if (!abort.signal.aborted)
        setAgreementError(err instanceof Error ? err.message : String(err));
    });
    return () => abort.abort();
  }, []);

  const zones = useMemo(() => (agreement ? agreementLayers(agreement) : null), [agreement]);
  const observations = useObservations({
    bbox,
    zoom: view.zoom,
    from: view.from,
    to: view.to,
    events: view.events,
    weapons: view.weapons,
    sources: iview.sources,
    who: user ? `${user.name}:${user.role}` : '',
  });
  const fromMs = view.from ? Date.parse(view.from) : null;
  const toMs = view.to ? Date.parse(view.to) : null;
  // The server filters by the window; below the grid zoom the map shows counts per cell.
  const { state, features: shown, grid, matched, truncated, loading } = observations;
  const mapData = useMemo(() => toMapCollection(shown), [shown]);
  const gridData = useMemo(() => (grid ? toGridMapCollection(grid) : null), [grid]);
  const counts = useMemo(
    () =>
      observations.mode === 'grid' ? (grid ? gridCountByEvent(grid) : {}) : countByEvent(shown),
    [observations.mode, grid, shown],
  );
  const selected = useMemo(
    () => shown.find((f) => f.id === selectedId) ?? null,
    [shown, selectedId],
  );

  const incidentFilters = useMemo(
    () => ({
      statuses: iview.statuses,
      side: iview.side,
      provision: iview.provision,
      events: view.events,
      weapons: view.weapons,
    }),
    [iview.statuses, iview.side, iview.provision, view.events, view.weapons],
  );
  const incidents = useIncidents({
    bbox,
    zoom: view.zoom,
    from: view.from,
    to: view.to,
    who: user ? `${user.name}:${user.role}` : '',
    enabled: layers.incidents,
    filters: incidentFilters,
  });
  const timelineBars = useTimelineBars({
    bbox,
    events: view.events,
    weapons: view.weapons,
    sources: iview.sources,
    from: view.from,
    to: view.to,
    who: user ? `${user.name}:${user.role}` : '',
    incidents: layers.incidents ? incidentFilters : null,
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
  // Below the grid zoom the map shows incidents as counts per cell, as it does observations.
  const incidentGridData = useMemo(
    () => (incidents.grid ? toIncidentGridMapCollection(incidents.grid) : null),
    [incidents.grid],
  );
  const incidentCount = incidents.mode === 'grid' ? incidents.matched : shownIncidents.length;
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
    // With an incident's page open, selecting another on the map opens its page.
    setIView((v) => (v.incident ? { ...v, incident: id } : v));
  }, []);
  const openPage = useCallback((id: string) => setIView((v) => ({ ...v, incident: id })), []);
  const closePage = useCallback(() => {
    setIView((v) => ({ ...v, incident: null }));
    setPageIncident(null);
  }, []);
  const onUser = useCallback((u: User | null) => setUser(u), []);
  const notices = useNoticeAreas({
    enabled: showNotices,
    role: user?.role ?? null,
    who: user ? `${user.name}:${user.role}` : '',
    fromMs,
    toMs,
  });
  const openIncidentOnMap = useCallback(
    (id: string) => {
      setIView((v) => ({ ...v, incident: id }));
      openPageId('map');
    },
    [openPageId],
  );

  return (
    <div className="app" data-page={page}>
      <header className="top">
        <div className="brand">
          <h1>Truceline</h1>
          <span className="subtitle">{t('app.subtitle')}</span>
        </div>
        <PageNav page={page} role={user?.role ?? null} onPage={openPageId} />
        <a className="field-link" href="/field.html">
          {t('app.field')}
        </a>
        <LanguageSwitcher />
        <AuthControls user={user} onUser={onUser} />
      </header>
      <main className="main">
        <MapView center={view.center} zoom={view.zoom} onMove={onMove} label={t('map.label')}>
          {zones && (
            <>
              <SecurityZoneLayer data={zones.securityZone} />
              <NoFlyAreasLayer data={zones.noFlyAreas} />
              <MaritimeCorridorsLayer data={zones.maritimeCorridors} keepOut={zones.maritimeKeepOut} />
              <DisengagementAreasLayer data={zones.disengagementAreas} />
              <LineOfContactLayer data={zones.lineOfContact} />
            </>
          )}
          {showNotices && <NoticesLayer data={notices.data} />}
          {layers.observations &&
            (observations.mode === 'grid' ? (
              gridData && <ObservationGridLayer data={gridData} />
            ) : (
              <ObservationsLayer
                data={mapData}
                selectedId={selected?.id ?? null}
                onSelect={onSelect}
              />
            ))}
          {layers.incidents && incidents.mode === 'grid' && incidentGridData && (
            <IncidentGridLayer data={incidentGridData} />
          )}
          {layers.incidents && incidents.mode === 'list' && (
            <IncidentsLayer
              data={incidentData}
              selected={iview.incident ? pageIncident : selectedIncident}
              onSelect={onSelectIncident}
            />
          )}
          <ZoomControl />
        </MapView>
        <aside className={iview.incident ? 'side page' : 'side'}>
          {iview.incident && (
            <IncidentPage
              id={iview.incident}
              parties={parties}
              onClose={closePage}
              onLoaded={setPageIncident}
            />
          )}
          <section className="count" aria-live="polite" hidden={iview.incident !== null}>
            <p id="observation-count" data-count={matched}>
              {state.status === 'idle' ? (
                // Marked busy too, so "still loading" is one selector (the browser tests wait on it).
                <span className="busy">{t('count.loading')}</span>
              ) : (
                tn('count.observations', matched)
              )}
              {loading && <span className="busy"> · {t('count.loading')}</span>}
            </p>
            {truncated && <p className="note">{t('count.truncated', { n: num(shown.length) })}</p>}
            {state.status === 'error' && (
              <p className="error" role="alert">
                {t('count.error', { detail: state.detail })}
              </p>
            )}
            {layers.incidents && (
              <p id="incident-count" data-count={incidentCount}>
                {incidents.state.status === 'idle' ? (
                  <span className="busy">{t('count.loading')}</span>
                ) : (
                  tn('count.incidents', incidentCount)
                )}
                {incidents.state.status === 'loading' && (
                  <span className="busy"> · {t('count.loading')}</span>
                )}
              </p>
            )}
            {layers.incidents && incidents.mode === 'grid' && <IncidentGridLegend />}
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
          {iview.incident ? null : selectedIncident ? (
            <>
              <IncidentPanel
                feature={selectedIncident}
                parties={parties}
                onClose={() => setSelectedIncidentId(null)}
              />
              <button
                type="button"
                className="open-page"
                onClick={() => openPage(selectedIncident.id)}
              >
                {t('page.open')}
              </button>
            </>
          ) : (
            <ObservationPanel
              feature={layers.observations ? selected : null}
              onClose={() => setSelectedId(null)}
            />
          )}
          {!iview.incident && (
            <IncidentFilters
              value={iview}
              parties={parties}
              onChange={(f) => setIView((v) => ({ ...v, ...f }))}
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
          <NoticesToggle
            on={showNotices}
            onChange={setShowNotices}
            data={notices.data}
            error={notices.error}
            ready={notices.ready}
          />
          <Legend securityZoneKm={agreement?.securityZone.widthKm ?? null} parties={parties} />
        </aside>
      </main>
      {page !== 'map' && (
        <PageView
          page={page}
          user={user}
          agreement={agreement}
          onOpenIncident={openIncidentOnMap}
        />
      )}
      <Timeline
        bars={timelineBars}
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
