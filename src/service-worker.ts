/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker.
 * - It precaches the app shell and every client file — the PDF code and its fonts included —
 *   so a new version is fetched whole and printing works offline.
 * - It keeps the signed-in customer's calendar and latest documents (the /api/v1 JSON) in a
 *   cache named for that customer, network first, and only those: pages are never cached,
 *   since a signed-in page holds personal data.
 * - With no network, a page address gets the prerendered offline page, which shows the kept
 *   data or says plainly that the page needs the network.
 */
import { clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	matchPrecache,
	precacheAndRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import {
	CURRENT_TAG_HEADER,
	CUSTOMER_CACHE_PREFIX,
	forgetCustomerData
} from '$lib/browser/offline';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const OFFLINE_DATA = /^\/api\/v1\/(calendar|documents)$/;
/** Kept data older than this is not shown: a stale calendar misleads. */
const MAX_AGE_MS = 45 * 24 * 60 * 60 * 1000;
const NETWORK_TIMEOUT_MS = 4000;
const CACHED_AT = 'x-klientiem-cached-at';

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// The first version takes the open pages at once; later ones wait for the prompt (skipWaiting).
clientsClaim();

self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

async function customerCaches(): Promise<string[]> {
	return (await caches.keys()).filter((name) => name.startsWith(CUSTOMER_CACHE_PREFIX));
}

/** fetch() that gives up after a few seconds, so a dead connection falls back quickly. */
function fetchWithTimeout(request: Request): Promise<Response> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS);
		fetch(request).then(
			(response) => {
				clearTimeout(timer);
				resolve(response);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		);
	});
}

async function keptResponse(request: Request): Promise<Response | undefined> {
	for (const name of await customerCaches()) {
		const kept = await (await caches.open(name)).match(request);
		if (!kept) continue;
		if (Date.now() - Number(kept.headers.get(CACHED_AT)) > MAX_AGE_MS) {
			await caches.delete(name);
			return undefined;
		}
		return kept;
	}
	return undefined;
}

// The customer's data: fresh from the network when there is one, else the kept copy.
registerRoute(
	({ url, request }) =>
		url.origin === self.location.origin &&
		request.method === 'GET' &&
		OFFLINE_DATA.test(url.pathname),
	async ({ request }) => {
		const kept = await keptResponse(request);
		const tag = kept?.headers.get('etag');
		// The page says which copy is current (its server load's tag, for this customer, run and
		// day): if it is the one kept, it is kept again from now, as a 304 would, with no request.
		if (kept && tag && request.headers.get(CURRENT_TAG_HEADER) === tag) return renew(kept, request);
		let response: Response;
		try {
			// What is kept is sent as the ETag it came with: unchanged data is answered 304,
			// and neither the server builds it nor the network carries it again.
			response = await fetchWithTimeout(tag ? conditional(request, tag) : request);
		} catch {
			return (
				kept ??
				Response.json({ offline: true }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
			);
		}
		if (response.status === 401) {
			// Signed out (or the session ended): nothing of anybody stays.
			await forgetCustomerData();
			return response;
		}
		if (response.status === 304 && kept) return renew(kept, request);
		const name = customerCache(response);
		if (!name) return response;
		return response.ok ? keep(name, request, response) : response;
	}
);

/** The cache named for the customer a response (or a kept copy) is of. */
function customerCache(response: Response): string | null {
	const customer = response.headers.get('x-klientiem-customer');
	return customer && /^\d+$/.test(customer) ? `${CUSTOMER_CACHE_PREFIX}${customer}` : null;
}

/** A kept copy confirmed as still current: kept again from now, for MAX_AGE_MS more. */
async function renew(kept: Response, request: Request): Promise<Response> {
	const name = customerCache(kept);
	const copy = new Response(await kept.arrayBuffer(), { status: 200, headers: kept.headers });
	return name ? keep(name, request, copy) : copy;
}

function conditional(request: Request, tag: string): Request {
	const headers = new Headers(request.headers);
	headers.set('If-None-Match', tag);
	return new Request(request, { headers });
}

/** Keeps a customer's response under their name, and answers it. */
async function keep(name: string, request: Request, response: Response): Promise<Response> {
	// Another customer signed in on this device: their data goes before ours is kept.
	for (const other of await customerCaches()) if (other !== name) await caches.delete(other);
	const headers = new Headers(response.headers);
	headers.set(CACHED_AT, String(Date.now()));
	const body = await response.clone().arrayBuffer();
	await (await caches.open(name)).put(request, new Response(body, { status: 200, headers }));
	return response;
}

// Pages: always from the network; without one, the offline page.
registerRoute(
	({ request }) => request.mode === 'navigate',
	async ({ request }) => {
		try {
			return await fetchWithTimeout(request);
		} catch {
			return (
				(await matchPrecache('/offline')) ??
				new Response('Bezsaistē / Offline', {
					status: 503,
					headers: { 'Content-Type': 'text/plain; charset=utf-8' }
				})
			);
		}
	}
);
