// The service worker: after one visit, the whole trainer works offline.
//
// scripts/stage-site.mjs writes this file to the site's root (beside
// index.html, never fingerprinted, so its URL stays the same) with the two
// placeholders below filled in: the version (the staged assets' hash) and the
// files of that version. A new version therefore changes this file's bytes,
// which is how the browser notices an update.
//
// Contract with the page (web/modules/offline.js):
// - install: caches every file of this version; it does NOT take over from an
//   older worker by itself, so a learner mid-answer is never switched to new
//   code. It waits until the page posts {type: 'activate'} (the learner chose
//   "Reload") or until every tab of the old version is closed.
// - activate: deletes the caches of other versions and controls open pages.
// - fetch: same-origin GETs are answered from this version's cache, the
//   network only for what the cache lacks; a navigation to the root or to
//   index.html gets the cached index.html (the route is in the #hash).
//   Where the browser has static routing (InstallEvent.addRoutes), the
//   version's asset folder is routed to its cache at install, so the browser
//   answers those requests itself, without running the fetch handler below
//   for each (a miss goes to the network, as the handler would); a reload of
//   a stored version then starts sooner.
const VERSION = '__DERIVE_VERSION__';
const FILES = __DERIVE_FILES__;
const ASSETS = '__DERIVE_ASSETS__/'; // the version's fingerprinted folder, relative to this file
const CACHE = `derive-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
  event.addRoutes?.({
    condition: { urlPattern: new URLPattern({ pathname: `${new URL(ASSETS, self.location.href).pathname}*` }) },
    source: { cacheName: CACHE },
  })?.catch(() => {}); // a browser that takes no such route: the fetch handler serves every request
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('derive-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const path = new URL(request.url).pathname;
    const root = new URL(self.registration.scope).pathname;
    const isIndex = request.mode === 'navigate' && (path === root || path === `${root}index.html`);
    const hit = await cache.match(isIndex ? root : request, { ignoreSearch: isIndex });
    return hit || fetch(request);
  })());
});
