/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker. It precaches the app shell and every client file — the PDF code and
 * its fonts included — so a new version is fetched whole and printing works offline.
 * Pages are never cached: a signed-in page holds personal data.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

cleanupOutdatedCaches();
// The first version takes the open pages at once; later ones wait for the prompt (skipWaiting).
clientsClaim();
precacheAndRoute(self.__WB_MANIFEST);

// A new version waits until the customer takes it from the page's prompt.
self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
