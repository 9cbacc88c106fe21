/**
 * The field app's service worker: keeps the app's own files so field.html opens with no network.
 * Reports are not its business: they wait in IndexedDB and the page sends them. Its scope is the
 * whole origin, not /field, because the map's web worker (/assets/maplibre-gl-worker-*.mjs) is
 * matched against scopes by its own URL, and it is the worker that fetches the basemap: outside
 * the scope, the map would find no basemap offline. It answers only for the field page, the
 * content-hashed /assets/ and the field app's own files; every other request passes untouched.
 *
 * - install: caches field.html, the files it names (its hashed /assets/ scripts and styles, and
 *   the files those scripts name, such as the map's worker), the manifest, icons and basemap;
 * - navigation: the network first (so a new version is seen), the cached page when it fails or
 *   is slow;
 * - /assets/ (content-hashed, never change): the cache first;
 * - other app files: the cache first, refreshed from the network in the background;
 * - the API, other pages of the origin, and other origins: never touched.
 */
const CACHE = 'truceline-field-v1';
const PAGE = '/field.html';
const FIXED = [
  PAGE,
  '/field.webmanifest',
  '/field-icon.svg',
  '/field-icon-192.png',
  '/field-icon-512.png',
  '/basemap/countries.geojson',
  '/basemap/borders.geojson',
];
const ASSET = /\/assets\/[\w.-]+\.(?:m?js|css|woff2?|svg|png)/g;
const NAVIGATION_TIMEOUT_MS = 4000;

/** The /assets/ files named in `text`, as absolute paths. */
function assetsIn(text) {
  return [...new Set((text.match(ASSET) ?? []).map((p) => p.slice(p.indexOf('/assets/'))))];
}

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(FIXED.map((u) => new Request(u, { cache: 'reload' })));
  const page = await (await cache.match(PAGE)).text();
  const first = assetsIn(page);
  await cache.addAll(first);
  // One level further: the scripts name their chunks and the map's worker.
  const more = [];
  for (const path of first.filter((p) => /\.m?js$/.test(p))) {
    const res = await cache.match(path);
    if (res) more.push(...assetsIn(await res.text()));
  }
  await cache.addAll([...new Set(more)].filter((p) => !first.includes(p)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function navigation(request) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (res) => {
    if (res.ok) await cache.put(PAGE, res.clone());
    return res;
  });
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, null));
  try {
    const res = await Promise.race([network, timeout]);
    if (res) return res;
  } catch {
    // Offline: the cached page below.
  }
  return (await cache.match(PAGE)) ?? network;
}

/** The cached copy at once, refreshed from the network for next time; the network if none. */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  const fetched = fetch(request).then(async (res) => {
    if (res.ok) await cache.put(request, res.clone());
    return res;
  });
  if (!hit) return fetched;
  fetched.catch(() => undefined);
  return hit;
}

/** Files of the field app that are not content-hashed: kept, and refreshed when online. */
const APP_FILE = /^\/(field[\w.-]*|basemap\/[\w.-]+)$/;

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Only the field app's page: the dashboard's pages load as they always do.
    if (url.pathname === PAGE) event.respondWith(navigation(request));
  } else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirstImmutable(request));
  else if (APP_FILE.test(url.pathname)) event.respondWith(cacheFirst(request));
});

async function cacheFirstImmutable(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}
