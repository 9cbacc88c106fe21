import 'maplibre-gl/dist/maplibre-gl.css';
import './field.css';
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../i18n/I18n.js';
import { FieldApp } from './FieldApp.js';

// As in the dashboard: the map's worker from our own origin (CSP script-src 'self').
setWorkerUrl(new URL(workerUrl, document.baseURI).href);

// The service worker keeps the app's files so it opens with no network (public/field-sw.js).
if ('serviceWorker' in navigator) {
  // Scope: the whole origin, so the map's worker is served too (see field-sw.js).
  void navigator.serviceWorker.register('/field-sw.js', { scope: '/' }).catch(() => {
    // Without it the app still works while online; the outbox is IndexedDB either way.
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <FieldApp />
    </I18nProvider>
  </StrictMode>,
);
