import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { I18nProvider } from './i18n/I18n.js';

// The map's worker comes from our own origin (a module worker), which the server's
// Content-Security-Policy (script-src 'self') allows; no blob: workers.
setWorkerUrl(new URL(workerUrl, document.baseURI).href);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
